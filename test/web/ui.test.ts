// Browser tests of the web UI: `netpol serve examples/demo` driven by Playwright + Debian Chromium.
// Skips loudly when Chromium or the built UI (npm run build) is missing; CI has both.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCluster } from '../../src/core/parse/index.js';
import { createEngine, formatRuleRef, type Endpoint } from '../../src/core/engine/index.js';
import { workloadOf } from '../../src/core/analysis/endpoints.js';
import { parseIp } from '../../src/core/sets/ip-set.js';
import { ConnectionSet, type ProtocolPorts } from '../../src/core/sets/connection-set.js';
import { readInputs } from '../../src/web/server-files.js';
import { runAudit } from '../../src/core/analysis/audit/index.js';
import { generate } from '../../bench/generate.js';
import { drawn, hasBuild, hasChromium, openBrowser, openUi, redrawn, ROOT, serve, type Served, type Session } from './browser.js';
import { DEMO, DEMO_EDIT } from './demo-edit.js';

const ARTIFACTS = path.join(ROOT, 'test-artifacts/web');
const canRun = hasChromium && hasBuild;
if (!hasChromium) console.warn(`test/web: SKIPPING browser tests: ${'/usr/bin/chromium'} is missing (apt-get install chromium)`);
else if (!hasBuild) console.warn('test/web: SKIPPING browser tests: the UI is not built (run `npm run build`)');

interface UiEdge {
  from: string;
  to: string;
  x: number;
  y: number;
  conns: { from: string; to: string; allowed: unknown }[];
  allowed: unknown;
}

interface AnalyzeJson {
  endpoints: { id: string; kind: string }[];
  connections: { from: string; to: string; allowed: unknown }[];
}
let analyzed: AnalyzeJson | undefined;
/** `netpol analyze examples/demo --format json`, run once. */
function analyzeJson(): AnalyzeJson {
  analyzed ??= JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', 'test/web/run-cli.ts', 'analyze', DEMO, '--format', 'json'], { cwd: ROOT, encoding: 'utf8' }),
  ) as AnalyzeJson;
  return analyzed;
}
const analyzeConnections = () => analyzeJson().connections;
const analyzeEndpoints = () => analyzeJson().endpoints;

describe.skipIf(!canRun)('netpol serve (browser)', () => {
  let server: Served;
  let s: Session;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await serve([DEMO]);
    s = await openBrowser();
  });

  afterAll(async () => {
    await s?.close();
    await server?.stop();
  });

  const graphEdges = async (): Promise<UiEdge[]> =>
    s.page.evaluate(() => (window as unknown as { __netpolGraph: { edges(): UiEdge[] } }).__netpolGraph.edges());

  const graphNodes = async (): Promise<{ id: string; x: number; y: number }[]> =>
    s.page.evaluate(() => (window as unknown as { __netpolGraph: { nodes(): { id: string; x: number; y: number }[] } }).__netpolGraph.nodes());

  it('the graph shows exactly the connections of `analyze --format json`', async () => {
    const expected = analyzeConnections();
    await openUi(s.page, server.url, 'graph');
    await drawn(s.page);
    await redrawn(s.page, () => s.page.click('text=expand all'));
    const edges = await graphEdges();
    const key = (c: { from: string; to: string; allowed: unknown }) => `${c.from} -> ${c.to} ${JSON.stringify(c.allowed)}`;
    // Every drawn edge stands for exactly one connection once all groups are expanded.
    expect(edges.every((e) => e.conns.length === 1)).toBe(true);
    expect(edges.map((e) => key(e.conns[0]!)).sort()).toEqual(expected.map(key).sort());
    expect(expected.length).toBeGreaterThan(0);
    await s.page.screenshot({ path: path.join(ARTIFACTS, 'graph.png') });
  });

  it('collapses external blocks into one node: its edges are the union per endpoint of the block edges', async () => {
    const expected = analyzeConnections();
    const external = new Set(analyzeEndpoints().filter((e) => e.kind === 'External').map((e) => e.id));
    expect(external.size).toBeGreaterThan(1);
    const EXT = 'ns:(external)';
    const unit = (id: string) => (external.has(id) ? EXT : `ep:${id}`);
    const want = new Map<string, ConnectionSet>();
    for (const c of expected) {
      const k = `${unit(c.from)} -> ${unit(c.to)}`;
      want.set(k, (want.get(k) ?? ConnectionSet.NONE).union(ConnectionSet.fromJSON(c.allowed as ProtocolPorts[])));
    }
    const asMap = (edges: UiEdge[]) => new Map(edges.map((e) => [`${e.from} -> ${e.to}`, JSON.stringify(e.allowed)]));
    const json = (m: Map<string, ConnectionSet>) => new Map([...m].map(([k, v]) => [k, JSON.stringify(v.toJSON())]));
    await openUi(s.page, server.url, 'graph');
    await drawn(s.page);
    // Default view: one (external) node, no block nodes.
    const nodes = await graphNodes();
    expect(nodes.some((n) => n.id === EXT)).toBe(true);
    expect(nodes.some((n) => external.has(n.id.slice(3)))).toBe(false);
    const collapsed = await graphEdges();
    expect(asMap(collapsed)).toEqual(json(want));
    expect(collapsed.length).toBeLessThan(expected.length);
    await s.page.screenshot({ path: path.join(ARTIFACTS, 'graph-collapsed.png') });

    // The toggle expands the blocks: one edge per connection again.
    await redrawn(s.page, () => s.page.click('#t-external'));
    const expandedEdges = await graphEdges();
    expect(expandedEdges.every((e) => e.conns.length === 1)).toBe(true);
    expect(expandedEdges.length).toBe(expected.length);

    // "hide open pods' traffic": drops exactly the All-Connections pairs no policy isolates.
    const { cluster } = loadCluster((await readInputs([DEMO])).files);
    const engine = createEngine(cluster);
    const iso = (id: string) => {
      const pod = cluster.pods.find((p) => `${p.namespace}/${p.name}` === id || `${p.namespace}/${workloadOf(p).name}[${workloadOf(p).kind}]` === id);
      return pod ? engine.isolation(pod) : { ingress: [], egress: [] }; // external blocks are never isolated
    };
    const restricted = expected.filter(
      (c) => !(ConnectionSet.fromJSON(c.allowed as ProtocolPorts[]).isAll() && iso(c.from).egress.length === 0 && iso(c.to).ingress.length === 0),
    );
    expect(restricted.length).toBeLessThan(expected.length);
    await redrawn(s.page, () => s.page.check('#t-hide-open'));
    const key = (c: { from: string; to: string; allowed: unknown }) => `${c.from} -> ${c.to} ${JSON.stringify(c.allowed)}`;
    expect((await graphEdges()).map((e) => key(e.conns[0]!)).sort()).toEqual(restricted.map(key).sort());

    // README's picture: collapsed, open traffic hidden, every node still drawn, one edge explained.
    await redrawn(s.page, () => s.page.click('#t-external'));
    expect((await graphNodes()).filter((n) => n.id.startsWith('ep:')).length).toBe(analyzeEndpoints().length - external.size);
    const edges = await graphEdges();
    const into = edges.filter((e) => e.to.startsWith('ep:') && e.conns.length > 0);
    expect(into.length).toBeGreaterThan(0);
    const edge = into[0]!;
    await s.page.mouse.click(edge.x, edge.y);
    if (edge.conns.length > 1) {
      await s.page.waitForSelector('#panel ul.conns');
      await s.page.locator('#panel ul.conns button.link').first().click();
    }
    await s.page.waitForSelector('#panel .explain');
    await s.page.screenshot({ path: path.join(ARTIFACTS, 'graph-readable.png') });
    // Rewritten only on request, like golden files.
    if (process.env.UPDATE_SCREENSHOTS) await s.page.screenshot({ path: path.join(ROOT, 'docs/img/web-ui.png') });
    expect(s.errors).toEqual([]);
  });

  it('clicking an edge shows the rule that allows it', async () => {
    await openUi(s.page, server.url, 'graph');
    await drawn(s.page);
    await redrawn(s.page, () => s.page.click('text=expand all'));
    const edges = await graphEdges();
    // The engine, asked directly, names the rules that allow the edge's first port.
    const { cluster } = loadCluster((await readInputs([DEMO])).files);
    const engine = createEngine(cluster);
    const endpoint = (id: string): Endpoint | undefined => {
      const pod = cluster.pods.find((p) => `${p.namespace}/${p.name}` === id || `${p.namespace}/${workloadOf(p).name}[${workloadOf(p).kind}]` === id);
      if (pod) return { kind: 'pod', pod };
      const first = id.split('-')[0]; // external block `first-last`: ask about its first address
      return first && parseIp(first) ? { kind: 'ip', ip: first } : undefined;
    };
    const verdictOf = (e: UiEdge) => {
      const c = e.conns[0]!;
      const allowed = c.allowed as { protocol: 'TCP' | 'UDP' | 'SCTP'; ports: [number, number][] }[];
      return engine.verdict({ src: endpoint(c.from)!, dst: endpoint(c.to)!, protocol: allowed[0]!.protocol, port: allowed[0]!.ports[0]![0] });
    };
    // An edge that some rule allows (an isolated side), as far from other edges as possible.
    const candidates = edges.filter((e) => {
      const v = verdictOf(e);
      return v.allowed && v.ingress.allowedBy.length + v.egress.allowedBy.length > 0;
    });
    expect(candidates.length).toBeGreaterThan(0);
    const spread = (e: UiEdge) => Math.min(...edges.filter((o) => o !== e).map((o) => Math.hypot(o.x - e.x, o.y - e.y)));
    const edge = candidates.sort((a, b) => spread(b) - spread(a))[0]!;
    await s.page.mouse.click(edge.x, edge.y);
    await s.page.waitForSelector('#panel .explain');
    const pair = await s.page.textContent('#panel .pair');
    expect(pair).toBe(`${edge.conns[0]!.from} → ${edge.conns[0]!.to}`);
    const v = verdictOf(edge);
    for (const dir of ['Ingress', 'Egress'] as const) {
      const shown = await s.page.locator(`#panel [data-direction="${dir}"] li.rule`).allTextContents();
      expect(shown).toEqual((dir === 'Ingress' ? v.ingress : v.egress).allowedBy.map(formatRuleRef));
    }
    await s.page.screenshot({ path: path.join(ARTIFACTS, 'explain-edge.png') });
    // The rule links to the policy YAML: the editor opens with that policy's file.
    await s.page.locator('#panel li.rule button').first().click();
    await s.page.waitForSelector('#editor-text');
    const rule = [...v.egress.allowedBy, ...v.ingress.allowedBy][0]!;
    const policy = cluster.policies.find((p) => `${p.namespace}/${p.name}` === rule.policy)!;
    expect(await s.page.inputValue('#editor-text')).toBe(readFileSync(policy.source!.file, 'utf8'));
  });

  it('editing a policy removes the expected edge and lists it in the diff', async () => {
    await openUi(s.page, server.url, 'editor');
    await s.page.click(`nav.files button[data-file$="${DEMO_EDIT.file}"]`);
    const before = await s.page.inputValue('#editor-text');
    expect(before).toContain(DEMO_EDIT.find);
    await s.page.fill('#editor-text', before.replace(DEMO_EDIT.find, DEMO_EDIT.replace));
    const removed = s.page.locator(`#diff-panel ul.removed li[data-from="${DEMO_EDIT.from}"][data-to="${DEMO_EDIT.to}"]`);
    await removed.waitFor({ timeout: 30_000 });
    await s.page.screenshot({ path: path.join(ARTIFACTS, 'editor-diff.png') });
    await s.page.click('#tabs button[data-tab="graph"]');
    await drawn(s.page);
    await redrawn(s.page, () => s.page.click('text=expand all'));
    const after = await graphEdges();
    expect(after.some((e) => e.conns.some((c) => c.from === DEMO_EDIT.from && c.to === DEMO_EDIT.to))).toBe(false);
    // Undo: the edge comes back and the diff empties.
    await s.page.click('#tabs button[data-tab="editor"]');
    await s.page.click('#reset-edits');
    await s.page.waitForSelector('#diff-panel ul.removed', { state: 'detached' });
  });

  it('shows the matrix, the why-not form and the pod panel without console errors', async () => {
    await openUi(s.page, server.url, 'matrix');
    await s.page.click('text=expand all');
    expect(await s.page.locator('td.cell.all, td.cell.some').count()).toBeGreaterThan(0);
    await s.page.screenshot({ path: path.join(ARTIFACTS, 'matrix.png') });
    await s.page.locator('td.cell.none').first().click();
    await s.page.waitForSelector('#panel .explain[data-allowed="false"]');
    await s.page.click('#tabs button[data-tab="explain"]');
    await s.page.click('#why-go');
    await s.page.waitForSelector('#panel .explain');
    await s.page.screenshot({ path: path.join(ARTIFACTS, 'explain.png') });
    await s.page.click('#tabs button[data-tab="audit"]');
    // The audit view lists exactly the findings of the audit (src/core/analysis/audit).
    const loaded = loadCluster((await readInputs([DEMO])).files);
    const audit = runAudit({ cluster: loaded.cluster, problems: loaded.problems, engineFactory: (c) => createEngine(c) });
    expect(await s.page.locator('table.findings tbody tr').count()).toBe(audit.findings.length);
    expect(await s.page.locator('table.findings tbody tr td:nth-child(2) code').allTextContents()).toEqual(audit.findings.map((f) => f.ruleId));
    await s.page.screenshot({ path: path.join(ARTIFACTS, 'audit.png') });
    await s.page.click('#tabs button[data-tab="graph"]');
    await s.page.waitForSelector('#cy[data-layout="done"]');
    const node = await s.page.evaluate(() =>
      (window as unknown as { __netpolGraph: { nodes(): { id: string; x: number; y: number }[] } }).__netpolGraph.nodes().find((n) => n.id.startsWith('ep:')),
    );
    await s.page.mouse.click(node!.x, node!.y);
    await s.page.waitForSelector('#panel .details');
    await s.page.screenshot({ path: path.join(ARTIFACTS, 'pod-panel.png') });
    expect(s.errors).toEqual([]);
  });
});

describe.skipIf(!canRun)('netpol serve: untrusted text (browser)', () => {
  it('renders a malicious label as text, never as HTML', async () => {
    const server = await serve([DEMO, path.join(ROOT, 'test/web/fixtures/malicious.yaml')]);
    const s = await openBrowser();
    try {
      let dialogs = 0;
      s.page.on('dialog', (d) => {
        dialogs++;
        void d.dismiss();
      });
      await openUi(s.page, server.url, 'editor');
      await s.page.click('nav.files button[data-file$="malicious.yaml"]');
      const problems = await s.page.locator('#editor-problems').textContent();
      expect(problems).toContain('<img src=x onerror=alert(1)>');
      await s.page.click('#tabs button[data-tab="graph"]');
      await drawn(s.page);
      await redrawn(s.page, () => s.page.click('text=expand all'));
      expect(await s.page.locator('img').count()).toBe(0);
      expect(dialogs).toBe(0);
      expect(s.errors).toEqual([]);
      await s.page.screenshot({ path: path.join(ARTIFACTS, 'malicious.png') });
    } finally {
      await s.close();
      await server.stop();
    }
  });
});

describe.skipIf(!canRun)('netpol serve: live reload and filters (browser)', () => {
  it('reloads when an input file changes, and filters by namespace, port and focus', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'netpol-web-reload-'));
    cpSync(path.join(ROOT, DEMO), dir, { recursive: true });
    const server = await serve([dir]);
    const s = await openBrowser();
    const edges = async () =>
      (await s.page.evaluate(() => (window as unknown as { __netpolGraph: { edges(): UiEdge[] } }).__netpolGraph.edges())).flatMap((e) => e.conns);
    try {
      await openUi(s.page, server.url, 'graph');
      await drawn(s.page);
      await redrawn(s.page, () => s.page.click('text=expand all'));
      const all = await edges();
      expect(all.some((c) => c.from === DEMO_EDIT.from && c.to === DEMO_EDIT.to)).toBe(true);

      // Namespace filter: only pairs with a side in that namespace (as `analyze --namespace`).
      const ns = DEMO_EDIT.from.split('/')[0]!;
      await redrawn(s.page, () => s.page.selectOption('#f-namespace', ns));
      const inNs = await edges();
      expect(inNs.length).toBeGreaterThan(0);
      expect(inNs.every((c) => c.from.startsWith(`${ns}/`) || c.to.startsWith(`${ns}/`))).toBe(true);
      await redrawn(s.page, () => s.page.selectOption('#f-namespace', ''));

      // Port filter: every remaining edge allows that port for some protocol.
      const port = (DEMO_EDIT.port ?? 80).toString();
      await s.page.fill('#f-port', port);
      await redrawn(s.page, () => s.page.press('#f-port', 'Enter'));
      const onPort = await edges();
      const allows = (c: { allowed: unknown }) =>
        (c.allowed as { ports: [number, number][] }[]).some((pp) => pp.ports.some(([a, b]) => a <= Number(port) && Number(port) <= b));
      expect(onPort.length).toBeGreaterThan(0);
      expect(onPort.every(allows)).toBe(true);
      expect(onPort.length).toBe(all.filter(allows).length);

      // Focus on one endpoint: only its own connections remain.
      await s.page.fill('#f-port', '');
      await redrawn(s.page, () => s.page.press('#f-port', 'Enter'));
      const target = `ep:${DEMO_EDIT.from}`;
      const node = (await s.page.evaluate(() =>
        (window as unknown as { __netpolGraph: { nodes(): { id: string; x: number; y: number }[] } }).__netpolGraph.nodes(),
      )).find((n) => n.id === target)!;
      await s.page.mouse.click(node.x, node.y);
      await s.page.waitForSelector('#panel .focus-btn');
      await redrawn(s.page, () => s.page.click('#panel .focus-btn'));
      const focused = await edges();
      expect(focused.length).toBe(all.filter((c) => c.from === DEMO_EDIT.from || c.to === DEMO_EDIT.from).length);
      expect(focused.every((c) => c.from === DEMO_EDIT.from || c.to === DEMO_EDIT.from)).toBe(true);
      await redrawn(s.page, () => s.page.click('text=clear focus'));

      // The file changes on disk: the page reloads its data by itself.
      const file = path.join(dir, DEMO_EDIT.file);
      writeFileSync(file, readFileSync(file, 'utf8').replace(DEMO_EDIT.find, DEMO_EDIT.replace));
      await s.page.waitForFunction(
        ([from, to]) => {
          const g = (window as unknown as { __netpolGraph: { edges(): UiEdge[] } }).__netpolGraph;
          const done = document.querySelector('#cy')?.getAttribute('data-layout') === 'done';
          return done && !g.edges().some((e) => e.conns.some((c) => c.from === from && c.to === to));
        },
        [DEMO_EDIT.from, DEMO_EDIT.to],
        { timeout: 60_000 },
      );
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!canRun)('netpol serve: a large cluster (browser)', () => {
  it('starts folded into namespaces and expands one on demand', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'netpol-web-large-'));
    const g = generate({ pods: 450, namespaces: 9, policies: 45, seed: 3 });
    for (const f of g.files) writeFileSync(path.join(dir, f.file), f.text);
    const { cluster } = loadCluster(g.files);
    const pairs = createEngine(cluster).summary?.().allowedPairs;
    const server = await serve([dir]);
    const s = await openBrowser();
    type N = { id: string; label: string; x: number; y: number };
    const nodes = () => s.page.evaluate(() => (window as unknown as { __netpolGraph: { nodes(): N[] } }).__netpolGraph.nodes());
    try {
      await openUi(s.page, server.url, 'graph');
      await drawn(s.page);
      expect(await s.page.textContent('#status')).toContain(`${pairs} allowed pod pairs`);
      const folded = await nodes();
      const namespaces = new Set(cluster.pods.map((p) => p.namespace));
      expect(folded.every((n) => n.id.startsWith('ns:'))).toBe(true);
      for (const ns of namespaces) expect(folded.some((n) => n.id === `ns:${ns}`)).toBe(true);
      const target = folded.find((n) => n.id !== 'ns:(external)')!;
      await redrawn(s.page, () => s.page.mouse.click(target.x, target.y));
      const ns = target.id.slice(3);
      const shown = (await nodes()).filter((n) => n.id.startsWith('ep:')).map((n) => n.id.slice(3)).sort();
      expect(shown).toEqual(cluster.pods.filter((p) => p.namespace === ns).map((p) => `${p.namespace}/${p.name}`).sort());
      await s.page.click('#tabs button[data-tab="matrix"]');
      await s.page.waitForSelector('table.matrix td.cell');
      await s.page.screenshot({ path: path.join(ARTIFACTS, 'large-matrix.png') });
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Web UI scale benchmark: generated clusters (bench/generate.ts) served by `netpol serve`, measured
// in headless Chromium via Playwright. Prints one JSON line per size and a Markdown table.
//   node --import tsx bench/web-bench.ts [--sizes 1000,10000]
// Needs /usr/bin/chromium and a built UI (npm run build).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generate } from './generate.js';
import { hasBuild, hasChromium, openBrowser, openUi, serve } from '../test/web/browser.js';

interface Row {
  pods: number;
  namespaces: number;
  policies: number;
  /** goto → first graph drawn (data loaded, analysed in the worker, laid out). */
  firstRenderMs: number;
  /** In-page marks (ms since navigation): inputs fetched, snapshot received, graph drawn. */
  timings: Record<string, number>;
  /** The worker's own parse + analysis time. */
  workerMs: number;
  graphNodes: number;
  graphEdges: number;
  /** Expanding the largest namespace, until drawn. */
  expandMs: number;
  expandedNodes: number;
  /** Switching to the matrix, until drawn. */
  matrixMs: number;
}

async function measure(pods: number): Promise<Row> {
  const namespaces = Math.max(4, Math.round(pods / 50));
  const policies = Math.round(pods / 10);
  const g = generate({ pods, namespaces, policies, seed: 1 });
  const dir = mkdtempSync(path.join(tmpdir(), 'netpol-web-bench-'));
  for (const f of g.files) writeFileSync(path.join(dir, f.file), f.text);
  const server = await serve([dir]);
  const s = await openBrowser();
  try {
    const t0 = performance.now();
    await openUi(s.page, server.url, 'graph');
    await s.page.waitForSelector('#cy[data-layout="done"]', { timeout: 600_000 });
    const firstRenderMs = performance.now() - t0;
    const cy = s.page.locator('#cy');
    const graphNodes = Number(await cy.getAttribute('data-nodes'));
    const graphEdges = Number(await cy.getAttribute('data-edges'));
    const status = (await s.page.textContent('#status')) ?? '';
    const workerMs = Number(/analysed in (\d+) ms/.exec(status)?.[1] ?? NaN);
    // The largest namespace, expanded on demand.
    // The largest folded namespace (labels end in "(count)"); no named functions inside evaluate (tsx adds __name).
    const nodes = await s.page.evaluate(() =>
      (window as unknown as { __netpolGraph: { nodes(): { id: string; label: string }[] } }).__netpolGraph.nodes(),
    );
    const size = (label: string) => Number(/\((\d+)\)$/.exec(label)?.[1] ?? 0);
    const folded = nodes.filter((n) => n.id.startsWith('ns:') && !n.id.includes('(external)'));
    folded.sort((a, b) => size(b.label) - size(a.label));
    const big = folded[0]?.id.slice(3) ?? '';
    const timings = await s.page.evaluate(() => ({ ...(window as unknown as { __netpolTimings: Record<string, number> }).__netpolTimings }));
    const before = await cy.getAttribute('data-render');
    const t1 = performance.now();
    await s.page.evaluate((ns) => (window as unknown as { __netpolGraph: { expand(g: string): void } }).__netpolGraph.expand(ns), big);
    await s.page.waitForFunction(
      (prev) => {
        const el = document.querySelector('#cy');
        return el?.getAttribute('data-layout') === 'done' && el.getAttribute('data-render') !== prev;
      },
      before,
      { timeout: 600_000 },
    );
    const expandMs = performance.now() - t1;
    const expandedNodes = Number(await cy.getAttribute('data-nodes'));
    const t2 = performance.now();
    await s.page.click('#tabs button[data-tab="matrix"]');
    await s.page.waitForSelector('table.matrix td.cell', { timeout: 600_000 });
    const matrixMs = performance.now() - t2;
    if (s.errors.length) console.error(`web-bench: browser errors: ${s.errors.join('; ')}`);
    return { pods: g.pods, namespaces: g.namespaces, policies: g.policies, firstRenderMs, timings, workerMs, graphNodes, graphEdges, expandMs, expandedNodes, matrixMs };
  } finally {
    await s.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (!hasChromium || !hasBuild) {
    console.error('web-bench: needs /usr/bin/chromium and a built UI (npm run build)');
    process.exitCode = 2;
    return;
  }
  const i = process.argv.indexOf('--sizes');
  const sizes = (i > 0 ? (process.argv[i + 1] ?? '') : '1000,10000').split(',').map(Number).filter((n) => n > 0);
  const rows: Row[] = [];
  for (const n of sizes) {
    const r = await measure(n);
    rows.push(r);
    console.log(JSON.stringify(r));
  }
  const ms = (x: number) => `${Math.round(x)} ms`;
  console.log('\n| pods | namespaces | policies | first render | worker (parse + analysis) | graph nodes / edges | expand a namespace | matrix |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    console.log(`| ${r.pods} | ${r.namespaces} | ${r.policies} | ${ms(r.firstRenderMs)} | ${ms(r.workerMs)} | ${r.graphNodes} / ${r.graphEdges} | ${ms(r.expandMs)} (${r.expandedNodes} nodes) | ${ms(r.matrixMs)} |`);
  }
}

await main();

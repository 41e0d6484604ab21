// `npm run bench -- --enforce` (or: node --expose-gc --import tsx bench/enforce.ts [--quick]).
// 1. Compile, render and apply time for 100, 1k and 10k pods (one node holding every pod: the worst
//    case), applied with one `nft -f` into a scratch network namespace.
// 2. Added connection-setup latency through the 1k-policy ruleset versus no ruleset, p50/p99: TCP
//    connects between two lab pods routed through a node namespace that enforces the full ruleset.
// Runs as root; everything lives in namespaces named np-bench-<random>, removed by exact name.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadCluster } from '../src/core/parse/index.js';
import { createEngine } from '../src/core/engine/index.js';
import type { Cluster, Pod } from '../src/core/model/types.js';
import { podId } from '../src/core/model/types.js';
import { compileRuleset } from '../src/enforce/compile.js';
import { renderNft } from '../src/enforce/render-nft.js';
import { applyRuleset, deleteTable, forgetApplied } from '../src/enforce/apply.js';
import { nftAvailable, run } from '../src/enforce/exec.js';
import { labDown, labUp } from '../src/enforce/lab/lab.js';
import { generate } from './generate.js';

const ms = (t: number) => Math.round(t);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

function cluster(pods: number, policies: number): Cluster {
  const g = generate({ pods, namespaces: Math.max(2, Math.round(pods / 50)), policies, seed: 7 });
  return loadCluster(g.files).cluster;
}

interface SizeResult {
  pods: number;
  policies: number;
  compileMs: number;
  renderMs: number;
  applyMs: number;
  sets: number;
  elements: number;
  chains: number;
  rules: number;
  bytes: number;
}

async function sizes(list: readonly number[], netns: string): Promise<{ results: SizeResult[]; big?: { cluster: Cluster; text: string } }> {
  const results: SizeResult[] = [];
  let big: { cluster: Cluster; text: string } | undefined;
  for (const n of list) {
    const c = cluster(n, n / 10);
    const all = c.pods.map(podId);
    let t = performance.now();
    const { ruleset } = compileRuleset(c, { pods: all });
    const compileMs = performance.now() - t;
    t = performance.now();
    const text = renderNft(ruleset);
    const renderMs = performance.now() - t;
    if (n / 10 === 1000) big = { cluster: c, text };
    await deleteTable(netns);
    t = performance.now();
    await applyRuleset(text, { netns });
    const applyMs = performance.now() - t;
    const elements = ruleset.sets.reduce((k, s) => k + (s.kind === 'addr' ? s.ranges.length : s.elements.length), 0) + ruleset.maps.reduce((k, m) => k + m.entries.length, 0);
    const r: SizeResult = {
      pods: n, policies: n / 10, compileMs: ms(compileMs), renderMs: ms(renderMs), applyMs: ms(applyMs),
      sets: ruleset.sets.length + ruleset.maps.length, elements, chains: ruleset.chains.length,
      rules: ruleset.chains.reduce((k, ch) => k + ch.rules.length, 0), bytes: text.length,
    };
    results.push(r);
    process.stderr.write(`  ${JSON.stringify(r)}\n`);
  }
  return { results, ...(big ? { big } : {}) };
}

const CLIENT = String.raw`'use strict';
const net = require('node:net');
const [ip, port, count] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const out = [];
function one(i) {
  if (i >= count) { process.stdout.write(JSON.stringify(out)); return; }
  const t = process.hrtime.bigint();
  const s = net.connect({ host: ip, port }, () => { out.push(Number(process.hrtime.bigint() - t) / 1000); s.destroy(); setImmediate(() => one(i + 1)); });
  s.on('error', (e) => { console.error(e.message); process.exit(1); });
}
one(0);
`;

/** A pair (src, dst, TCP port) the big cluster allows, where both sides are isolated by many policies. */
function pickPair(c: Cluster): { src: Pod; dst: Pod; port: number; rules: number } {
  const engine = createEngine(c);
  const count = new Map(c.pods.map((p) => [p, p.ips.length ? engine.isolation(p).ingress.length : 0]));
  const isolated = c.pods.filter((p) => count.get(p)! > 0).sort((a, b) => count.get(b)! - count.get(a)!);
  for (const dst of isolated.slice(0, 20)) {
    for (const src of c.pods.slice(0, 2000)) {
      if (src === dst || src.ips.length === 0) continue;
      const conns = engine.allowed({ kind: 'pod', pod: src }, { kind: 'pod', pod: dst });
      const port = dst.ports.find((p) => p.protocol === 'TCP' && conns.has('TCP', p.containerPort));
      if (port) return { src, dst, port: port.containerPort, rules: count.get(dst)! };
    }
  }
  throw new Error('no allowed pair to an isolated pod in the generated cluster');
}

async function latency(bigRules: { cluster: Cluster; text: string }, prefix: string, samples: number): Promise<Record<string, number | string>> {
  const big = bigRules.cluster;
  const pair = pickPair(big);
  // Both pods on one lab node: the path crosses the node's forward hook once (egress + ingress checks).
  const two: Cluster = { ...big, pods: [{ ...pair.src, nodeName: 'bench' }, { ...pair.dst, nodeName: 'bench' }], policies: [] };
  const { state } = await labUp(two, { prefix, nodes: 2 });
  const node = state.nodes[state.pods[0]!.node]!;
  const client = join(state.dir, 'client.cjs');
  await writeFile(client, CLIENT);
  const dstIp = state.pods[1]!.ip;
  const full = bigRules.text;
  const measure = async (): Promise<number[]> => {
    const r = await run('ip', ['netns', 'exec', state.pods[0]!.netns, process.execPath, client, dstIp, String(pair.port), String(samples)]);
    if (r.code !== 0) throw new Error(`latency client: ${r.stderr}`);
    return (JSON.parse(r.stdout) as number[]).slice(100); // warm-up
  };
  // Three conditions: no table; a table with only `ct state established,related accept` (the
  // conntrack cost any stateful firewall pays); the full ruleset. Rotated per round against drift.
  const ctOnly = 'table inet netpol\ndelete table inet netpol\ntable inet netpol {\n\tchain forward {\n\t\ttype filter hook forward priority filter; policy accept;\n\t\tct state established,related accept\n\t}\n}\n';
  const got: Record<'none' | 'ct' | 'rules', number[]> = { none: [], ct: [], rules: [] };
  const order: ('none' | 'ct' | 'rules')[] = ['none', 'ct', 'rules'];
  for (let round = 0; round < 6; round++) {
    for (let k = 0; k < 3; k++) {
      const cond = order[(round + k) % 3]!;
      if (cond === 'none') await deleteTable(node);
      else await applyRuleset(cond === 'ct' ? ctOnly : full, { netns: node });
      got[cond].push(...(await measure()));
    }
  }
  const none = got.none;
  const withRules = got.rules;
  const r = {
    pair: `${podId(pair.src)} -> ${podId(pair.dst)} TCP/${pair.port} (${pair.rules} policies isolate the destination)`,
    samples: none.length,
    p50NoneUs: +pct(none, 50).toFixed(1),
    p50RulesUs: +pct(withRules, 50).toFixed(1),
    p99NoneUs: +pct(none, 99).toFixed(1),
    p99RulesUs: +pct(withRules, 99).toFixed(1),
  };
  const p50CtUs = +pct(got.ct, 50).toFixed(1);
  return {
    ...r,
    p50ConntrackOnlyUs: p50CtUs,
    addedP50Us: +(r.p50RulesUs - r.p50NoneUs).toFixed(1),
    addedP99Us: +(r.p99RulesUs - r.p99NoneUs).toFixed(1),
    rulesOverConntrackP50Us: +(r.p50RulesUs - p50CtUs).toFixed(1),
  };
}

/**
 * One scenario's enforcement numbers, for `npm run bench -- --enforce` (bench/extensions/enforce.ts):
 * compile/render/apply of one node holding every pod, and the latency when the cluster has 1k policies.
 */
export async function measureEnforce(c: Cluster, opts: { latency: boolean }): Promise<Record<string, number | string | null>> {
  const cap = await nftAvailable();
  if (!cap.ok) return { enforceSkipped: cap.why };
  const prefix = `np-bench-${Math.random().toString(36).slice(2, 6)}`;
  const scratch = `${prefix}-apply`;
  try {
    await run('ip', ['netns', 'add', scratch]);
    let t = performance.now();
    const { ruleset } = compileRuleset(c, { pods: c.pods.map(podId) });
    const compileMs = ms(performance.now() - t);
    t = performance.now();
    const text = renderNft(ruleset);
    const renderMs = ms(performance.now() - t);
    t = performance.now();
    await applyRuleset(text, { netns: scratch });
    const applyMs = ms(performance.now() - t);
    const elements = ruleset.sets.reduce((k, s) => k + (s.kind === 'addr' ? s.ranges.length : s.elements.length), 0) + ruleset.maps.reduce((k, m) => k + m.entries.length, 0);
    const out: Record<string, number | string | null> = {
      enforceCompileMs: compileMs, enforceRenderMs: renderMs, enforceApplyMs: applyMs,
      enforceChains: ruleset.chains.length, enforceRules: ruleset.chains.reduce((k, ch) => k + ch.rules.length, 0), enforceElements: elements,
    };
    if (opts.latency) {
      const lat = await latency({ cluster: c, text }, `${prefix}l`, 1600);
      out.enforceAddedP50Us = lat.addedP50Us ?? null;
      out.enforceAddedP99Us = lat.addedP99Us ?? null;
      out.enforceP50NoneUs = lat.p50NoneUs ?? null;
      out.enforceP50RulesUs = lat.p50RulesUs ?? null;
      out.enforceRulesOverConntrackP50Us = lat.rulesOverConntrackP50Us ?? null;
    }
    return out;
  } finally {
    await run('ip', ['netns', 'del', scratch]);
    await forgetApplied(scratch);
    await labDown(`${prefix}l`);
  }
}

export async function benchEnforce(opts: { quick?: boolean } = {}): Promise<void> {
  const cap = await nftAvailable();
  if (!cap.ok) {
    process.stderr.write(`bench --enforce needs root and nft: ${cap.why}\n`);
    process.exitCode = 2;
    return;
  }
  const prefix = `np-bench-${Math.random().toString(36).slice(2, 6)}`;
  const scratch = `${prefix}-apply`;
  const cleanup = async () => {
    await run('ip', ['netns', 'del', scratch]);
    await forgetApplied(scratch);
    await labDown(`${prefix}l`);
  };
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
  try {
    await run('ip', ['netns', 'add', scratch]);
    process.stderr.write('enforce: compile/render/apply (one node holding every pod; policies = pods / 10)\n');
    const { results, big } = await sizes(opts.quick ? [100, 1000] : [100, 1000, 10000], scratch);
    let lat: Record<string, number | string> | undefined;
    if (big) {
      process.stderr.write('enforce: connection-setup latency through the 1k-policy ruleset vs none\n');
      lat = await latency(big, `${prefix}l`, 1600);
    }
    process.stdout.write(`${JSON.stringify({ enforce: { sizes: results, latency: lat ?? null } }, null, 2)}\n`);
  } finally {
    await cleanup();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await benchEnforce({ quick: process.argv.includes('--quick') });
}

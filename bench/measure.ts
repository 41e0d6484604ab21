// One scenario, measured in this process (run.ts gives each scenario its own process so that
// peakRssMB is the scenario's own). Timings are wall clock; nothing here asserts them.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCompiledEngine, type CompiledEngine } from '../src/core/engine/compiled/index.js';
import { createReferenceEngine } from '../src/core/engine/reference.js';
import type { Endpoint } from '../src/core/engine/types.js';
import type { NetworkPolicy, Pod } from '../src/core/model/types.js';
import { loadCluster } from '../src/core/parse/index.js';
import { generate, rng } from './generate.js';
import { peerBinary, timePeer } from './peer.js';
import { measures, type Scenario } from './scenarios.js';

export interface BenchResult {
  scenario: string;
  pods: number;
  namespaces: number;
  policies: number;
  parseMs: number;
  buildMs: number;
  analyzeMs: number;
  allowedPairs: number;
  classes: number;
  peakRssMB: number;
  incrementalMs: number;
  queryP50Us: number;
  queryP99Us: number;
  referenceRatio: number | null;
  /** How the reference time was obtained ("sampled N pairs, extrapolated to all"). */
  referenceMethod: string;
  peerRatio: number | null;
  [extra: string]: number | string | null;
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const round = (x: number, d = 1): number => Math.round(x * 10 ** d) / 10 ** d;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))] ?? 0;
};

/** Wall ms; the CPU ms of the same call (user+system) go to `cpu` — the machine is shared, CPU time is the steadier figure. */
const cpu: Record<string, number> = {};
function timed<T>(f: () => T, name?: string): [T, number] {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = f();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  if (name) cpu[name] = round((c.user + c.system) / 1000);
  return [r, wall];
}

/** A one-policy change: the policy with one more numeric port on its first rule, or its rules dropped. */
function variant(p: NetworkPolicy, k: number): NetworkPolicy {
  const rules = p.ingress.length > 0 ? 'ingress' : 'egress';
  const first = p[rules][0];
  if (!first || k % 2 === 1) return { ...p, ingress: [], egress: [] };
  return { ...p, [rules]: [{ ...first, ports: [...first.ports, { protocol: 'TCP' as const, port: 8080 }] }, ...p[rules].slice(1)] };
}

function incremental(engine: CompiledEngine, seed: number): number {
  const r = rng(seed);
  const times: number[] = [];
  for (let k = 0; k < 21; k++) {
    const pols = engine.cluster.policies;
    const p = pols[Math.floor(r() * pols.length)]!;
    // apply the change and bring the counts up to date; then revert (also measured)
    for (const policy of [variant(p, k), p]) {
      const [, ms] = timed(() => {
        engine.update({ kind: 'upsert-policy', policy });
        engine.summary();
      });
      times.push(ms);
    }
  }
  return median(times);
}

function queries(engine: CompiledEngine, pods: readonly Pod[], seed: number): { p50: number; p99: number } {
  const r = rng(seed);
  const pick = (): Endpoint => ({ kind: 'pod', pod: pods[Math.floor(r() * pods.length)]! });
  for (let i = 0; i < 2000; i++) engine.allowed(pick(), pick()); // warm-up
  const us: number[] = [];
  for (let i = 0; i < 20_000; i++) {
    const s = pick();
    const d = pick();
    const t0 = process.hrtime.bigint();
    engine.allowed(s, d);
    us.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  return { p50: pct(us, 50), p99: pct(us, 99) };
}

/** Reference time for all ordered pairs, extrapolated from a timed sample (it is per query by design). */
function referenceEstimate(pods: readonly Pod[], fastMs: number, cluster: Parameters<typeof createReferenceEngine>[0], seed: number) {
  const ref = createReferenceEngine(cluster);
  const r = rng(seed);
  const n = pods.length;
  let k = 0;
  const t0 = performance.now();
  while (k < 5000 && performance.now() - t0 < 5000) {
    ref.allowed({ kind: 'pod', pod: pods[Math.floor(r() * n)]! }, { kind: 'pod', pod: pods[Math.floor(r() * n)]! });
    k++;
  }
  const perPair = (performance.now() - t0) / k;
  const totalMs = perPair * n * (n - 1);
  const method = `sampled ${k} pairs (${round(perPair * 1000, 1)} µs each), extrapolated to ${n * (n - 1)} pairs = ${round(totalMs / 1000, 1)} s`;
  // never run in full (hours at 10k+): always this extrapolation, stated in referenceMethod
  return { ratio: round(totalMs / fastMs, 0), method: totalMs <= 60_000 ? method : `${method} (over 60 s: estimate only)` };
}

export async function measure(s: Scenario, flags: readonly string[], opts: { peer?: boolean } = {}): Promise<BenchResult> {
  const generated = generate(s);
  const dir = mkdtempSync(join(tmpdir(), `netpol-bench-${s.name}-`));
  try {
    for (const f of generated.files) writeFileSync(join(dir, f.file), f.text);
    gc();
    // parse from the YAML on disk (read included), as a user would
    const [{ cluster, problems }, parseMs] = timed(
      () => loadCluster(generated.files.map((f) => ({ file: f.file, text: readFileSync(join(dir, f.file), 'utf8') }))),
      'parseCpuMs',
    );
    const errors = problems.filter((p) => p.severity === 'error');
    if (errors.length) process.stderr.write(`bench ${s.name}: ${errors.length} input errors, first: ${errors[0]!.message}\n`);
    gc();
    const [engine, buildMs] = timed(() => createCompiledEngine(cluster), 'buildCpuMs');
    const [sum, analyzeMs] = timed(() => engine.summary(), 'analyzeCpuMs');
    const classes = engine.state.classes.length;
    const q = queries(engine, cluster.pods, s.seed + 1);
    const fastMs = buildMs + analyzeMs;
    const ref = referenceEstimate(cluster.pods, fastMs, cluster, s.seed + 2);
    const incrementalMs = incremental(engine, s.seed + 3);
    let peerRatio: number | null = null;
    const bin = s.pods <= 5000 && opts.peer !== false ? peerBinary() : undefined;
    if (bin) peerRatio = round(timePeer(bin, dir) / (parseMs + fastMs), 1);
    const extra: Record<string, number | string | null> = {};
    for (const m of measures) {
      if (flags.includes(m.flag)) Object.assign(extra, await m.run({ scenario: s, generated, dir, cluster }));
    }
    return {
      scenario: s.name,
      pods: cluster.pods.length,
      namespaces: cluster.namespaces.length,
      policies: cluster.policies.length,
      parseMs: round(parseMs),
      buildMs: round(buildMs),
      analyzeMs: round(analyzeMs),
      allowedPairs: sum.allowedPairs,
      classes,
      peakRssMB: round(process.resourceUsage().maxRSS / 1024, 0),
      incrementalMs: round(incrementalMs, 2),
      queryP50Us: round(q.p50, 2),
      queryP99Us: round(q.p99, 2),
      referenceRatio: ref.ratio,
      referenceMethod: ref.method,
      peerRatio,
      ...cpu,
      ...extra,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

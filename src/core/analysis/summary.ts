// `analyze --format summary`: counts only. Without filters nothing is listed: pod counts come from
// the engine's summary() when it has one (the compiled engine counts from its class rows), else
// from allowed() per pod pair; endpoint counts from the endpoint and block lists.
import type { Engine } from '../engine/types.js';
import type { Pod } from '../model/types.js';
import { externalAtoms } from './atoms.js';
import { analyzeConnectivity, type ConnectivityOptions } from './connectivity.js';
import { clusterEndpoints, defaultLevel } from './endpoints.js';
import type { Connectivity, Level } from './types.js';

export interface AnalysisSummary {
  readonly level: Level;
  /** In-cluster endpoints at the level, per kind (sorted by kind). */
  readonly endpoints: Readonly<Record<string, number>>;
  readonly externalBlocks: number;
  readonly pods: number;
  readonly isolatedIngress: number;
  readonly isolatedEgress: number;
  /** Ordered pairs of distinct pods with something allowed. */
  readonly allowedPodPairs: number;
  /** Only with filters: counts of the listed connections. */
  readonly listed?: ListedCounts;
}

export interface ListedCounts {
  readonly total: number;
  readonly allOpen: number;
  readonly inCluster: number;
  readonly fromExternal: number;
  readonly toExternal: number;
}

interface CountingEngine extends Engine {
  summary?(): { endpoints: number; allowedPairs: number; isolatedIngress: number; isolatedEgress: number };
}

function podCounts(engine: CountingEngine): { allowedPairs: number; isolatedIngress: number; isolatedEgress: number } {
  if (engine.summary) return engine.summary();
  const pods = engine.cluster.pods;
  const ep = (pod: Pod) => ({ kind: 'pod' as const, pod });
  let allowedPairs = 0;
  let isolatedIngress = 0;
  let isolatedEgress = 0;
  for (const s of pods) {
    const iso = engine.isolation(s);
    if (iso.ingress.length > 0) isolatedIngress++;
    if (iso.egress.length > 0) isolatedEgress++;
    for (const d of pods) if (s !== d && !engine.allowed(ep(s), ep(d)).isEmpty()) allowedPairs++;
  }
  return { allowedPairs, isolatedIngress, isolatedEgress };
}

/** Counts of an analysis result (what `--format summary` shows of a filtered listing). */
export function countConnections(c: Connectivity): ListedCounts {
  const ext = new Set(c.endpoints.filter((e) => e.type === 'external').map((e) => e.id));
  let allOpen = 0;
  let fromExternal = 0;
  let toExternal = 0;
  for (const x of c.connections) {
    if (x.allowed.isAll()) allOpen++;
    if (ext.has(x.from)) fromExternal++;
    else if (ext.has(x.to)) toExternal++;
  }
  const total = c.connections.length;
  return { total, allOpen, inCluster: total - fromExternal - toExternal, fromExternal, toExternal };
}

/** `listing`: the result of analyzeConnectivity(engine, opts) when the caller has it already. */
export function summarizeAnalysis(engine: Engine, opts: ConnectivityOptions = {}, listing?: Connectivity): AnalysisSummary {
  const cluster = engine.cluster;
  const level = opts.level ?? defaultLevel(cluster);
  const mode = opts.atoms ?? (engine.options.ipBlockScope === 'external' ? 'analyzer' : 'uniform');
  const byKind: Record<string, number> = {};
  for (const e of clusterEndpoints(cluster, level)) byKind[e.kind] = (byKind[e.kind] ?? 0) + 1;
  const sides = externalAtoms(cluster, mode, opts.atomsAlso ?? []);
  const ids = new Set([...sides.sources, ...sides.destinations].map((a) => `${a.family}:${a.first}-${a.last}`));
  const filtered = opts.focus !== undefined || opts.namespace !== undefined || opts.protocol !== undefined || opts.port !== undefined;
  const pc = podCounts(engine as CountingEngine);
  return {
    level,
    endpoints: Object.fromEntries(Object.entries(byKind).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    externalBlocks: ids.size,
    pods: cluster.pods.length,
    isolatedIngress: pc.isolatedIngress,
    isolatedEgress: pc.isolatedEgress,
    allowedPodPairs: pc.allowedPairs,
    ...(filtered || listing ? { listed: countConnections(listing ?? analyzeConnectivity(engine, opts)) } : {}),
  };
}

// Connectivity: every ordered pair of endpoints with a non-empty allowed set, on the Engine
// interface only. allowed(src→dst) = egress(src) ∩ ingress(dst), decided by the engine.
import type { Endpoint, Engine } from '../engine/types.js';
import type { Cluster } from '../model/types.js';
import { ConnectionSet } from '../sets/connection-set.js';
import { formatIp } from '../sets/ip-set.js';
import { externalAtoms, type AtomMode } from './atoms.js';
import { clusterPairsFromClasses, type ClassEngine } from './compressed.js';
import { clusterEndpoints, compareAtoms, defaultLevel, externalEndpoint } from './endpoints.js';
import { pairFilter, setFilter, type ConnectivityFilter } from './filters.js';
import { ingressControllerConnections, isIngressControllerPod, type Exposure } from './ingress-controller.js';
import type { AnalysisEndpoint, ClusterEndpoint, Connection, Connectivity, ExternalEndpoint, Level } from './types.js';

export interface ConnectivityOptions extends ConnectivityFilter {
  readonly level?: Level;
  /** Default: `analyzer` under `--ipblock-scope external` (netpol-analyzer parity), else `uniform`. */
  readonly atoms?: AtomMode;
  /** More clusters whose ipBlock boundaries cut the external blocks (diff: same blocks on both sides). */
  readonly atomsAlso?: readonly Cluster[];
  /**
   * Routes/Ingresses: adds netpol-analyzer's `{ingress-controller}` source. The engine must be over
   * withIngressController(cluster) (src/core/analysis/ingress-controller.ts).
   */
  readonly exposures?: readonly Exposure[];
  /** Called after each source endpoint; `done` of `total` pairs. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Optional bulk method a fast engine may offer (the compiled engine does): `[i][j]` = allowed(srcs[i], dsts[j]). */
interface BulkEngine extends Engine {
  allowedMany?(srcs: readonly Endpoint[], dsts: readonly Endpoint[]): ConnectionSet[][];
}

const asEndpoint = (e: AnalysisEndpoint): Endpoint[] =>
  e.type === 'cluster'
    ? e.pods.map((pod) => ({ kind: 'pod' as const, pod }))
    : [{ kind: 'ip' as const, ip: formatIp(e.atom.family, e.atom.first) }];

export function analyzeConnectivity(engine: Engine, opts: ConnectivityOptions = {}): Connectivity {
  const cluster = engine.cluster;
  const level = opts.level ?? defaultLevel(cluster);
  const mode = opts.atoms ?? (engine.options.ipBlockScope === 'external' ? 'analyzer' : 'uniform');
  // the ingress controller's fake pod is a source of exposures only, never an ordinary endpoint
  const inCluster = clusterEndpoints(cluster, level).filter((e) => !e.pods.some(isIngressControllerPod));
  const sides = externalAtoms(cluster, mode, opts.atomsAlso ?? []);
  const srcExt = sides.sources.map(externalEndpoint);
  const dstExt = sides.destinations.map(externalEndpoint);

  const byId = new Map<string, AnalysisEndpoint>();
  for (const e of [...inCluster, ...srcExt, ...dstExt]) if (!byId.has(e.id)) byId.set(e.id, e);
  const external = [...byId.values()].filter((e): e is ExternalEndpoint => e.type === 'external');
  external.sort((a, b) => compareAtoms(a.atom, b.atom));
  const endpoints: AnalysisEndpoint[] = [...inCluster, ...external];

  const keepPair = opts.focus === undefined && opts.namespace === undefined ? undefined : pairFilter(opts);
  const keepSet = setFilter(opts);
  const sources: AnalysisEndpoint[] = [...inCluster, ...srcExt];
  const total = sources.length * (inCluster.length + dstExt.length);
  const connections: Connection[] = [];
  const members = new Map<string, Endpoint[]>();
  const of = (e: AnalysisEndpoint): Endpoint[] => {
    let m = members.get(e.id);
    if (!m) members.set(e.id, (m = asEndpoint(e)));
    return m;
  };
  // with --focus few pairs are asked: per-pair calls are then cheaper than all class rows
  const fast = opts.focus === undefined ? clusterPairsFromClasses(engine as ClassEngine, inCluster) : undefined;
  const n = inCluster.length;
  let done = 0;
  // sources and destinations are visited in endpoint order, so connections come out sorted
  sources.forEach((src, si) => {
    // never IP→IP; never an endpoint to itself
    const all = src.type === 'cluster' ? [...inCluster, ...dstExt] : inCluster;
    const dsts: AnalysisEndpoint[] = [];
    const dstIdx: number[] = [];
    all.forEach((dst, di) => {
      if (dst !== src && (!keepPair || keepPair(src, dst))) {
        dsts.push(dst);
        dstIdx.push(di);
      }
    });
    const useFast = fast !== undefined && src.type === 'cluster';
    const ask = useFast ? dsts.filter((d) => d.type === 'external') : dsts;
    const asked = allowedRow(engine, of(src), ask.map(of));
    let k = 0;
    dsts.forEach((dst, i) => {
      const di = dstIdx[i]!;
      const allowed = useFast && di < n ? (fast.get(si * n + di) ?? ConnectionSet.NONE) : asked[k++]!;
      if (!allowed.isEmpty() && keepSet(allowed)) connections.push({ from: src.id, to: dst.id, allowed });
    });
    done += inCluster.length + dstExt.length;
    opts.onProgress?.(done, total);
  });
  const ic = opts.exposures ? ingressControllerConnections(engine, opts.exposures, ownerMap(inCluster)) : undefined;
  if (!ic) return { level, endpoints, connections };
  // `{ingress-controller}` sorts after every cluster id (byte order), before the external blocks
  const all = [...inCluster, ic.endpoint, ...external];
  const rank = new Map(all.map((e, i) => [e.id, i]));
  for (const c of ic.connections) {
    if ((!keepPair || keepPair(ic.endpoint, byId.get(c.to)!)) && keepSet(c.allowed)) connections.push(c);
  }
  connections.sort((a, b) => rank.get(a.from)! - rank.get(b.from)! || rank.get(a.to)! - rank.get(b.to)!);
  return { level, endpoints: all, connections };
}

function ownerMap(endpoints: readonly ClusterEndpoint[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of endpoints) for (const p of e.pods) m.set(`${p.namespace}/${p.name}`, e.id);
  return m;
}

/**
 * Allowed sets from one source endpoint to each destination group: the union over member pairs,
 * i.e. what some pod of the source may open to some pod of the destination. One bulk call per
 * row when the engine offers it.
 */
function allowedRow(engine: BulkEngine, srcs: readonly Endpoint[], groups: readonly (readonly Endpoint[])[]): ConnectionSet[] {
  if (engine.allowedMany) {
    const flat = groups.flat();
    const grid = engine.allowedMany(srcs, flat);
    const out: ConnectionSet[] = [];
    let k = 0;
    for (const g of groups) {
      let acc = ConnectionSet.NONE;
      for (const row of grid) for (let j = 0; j < g.length; j++) acc = acc.union(row[k + j]!);
      out.push(acc);
      k += g.length;
    }
    return out;
  }
  return groups.map((g) => {
    let acc = ConnectionSet.NONE;
    for (const s of srcs) {
      for (const d of g) {
        acc = acc.union(engine.allowed(s, d));
        if (acc.isAll()) return acc;
      }
    }
    return acc;
  });
}

export type { ClusterEndpoint, ExternalEndpoint };

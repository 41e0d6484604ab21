// Lateral movement: from a compromised endpoint, what is reachable in 1..N hops, each hop an allowed
// connection (engine.allowed, via analyzeConnectivity). External blocks are sinks: an attacker can
// exfiltrate to them but hopping out and back in gains nothing over starting outside.
import type { Engine } from '../../engine/types.js';
import type { ConnectionSet } from '../../sets/connection-set.js';
import { analyzeConnectivity } from '../connectivity.js';
import { endpointMatches } from '../filters.js';
import type { AnalysisEndpoint, Connectivity, Level } from '../types.js';
import { isSensitiveNamespace } from './helpers.js';
import { effectiveConfig } from './config.js';
import type { AuditConfig } from './types.js';

export interface PivotGraph {
  readonly endpoints: readonly AnalysisEndpoint[];
  readonly byId: ReadonlyMap<string, AnalysisEndpoint>;
  /** Outgoing allowed connections per endpoint id, in endpoint order. */
  readonly out: ReadonlyMap<string, readonly { to: string; allowed: ConnectionSet }[]>;
}

export interface Hop {
  readonly from: string;
  readonly to: string;
  readonly allowed: ConnectionSet;
}

export interface Reached {
  readonly id: string;
  readonly hops: number;
  /** The shortest path from the start, one hop per allowed connection. */
  readonly path: readonly Hop[];
}

/** A target and why it is one ("database app=db", "kube-system", "internet", "--to"). */
export interface Target {
  readonly id: string;
  readonly reason: string;
}

export interface PivotResult {
  readonly from: string;
  readonly maxHops: number;
  /** Everything reachable within maxHops, by hops then endpoint order. */
  readonly reachable: readonly Reached[];
  /** Shortest attack paths to reachable targets. */
  readonly paths: readonly (Reached & { readonly reason: string })[];
  /** Targets not reachable within maxHops. */
  readonly unreachable: readonly Target[];
}

export interface RankEntry {
  readonly id: string;
  /** In-cluster endpoints reachable within N hops. */
  readonly reach: number;
  /** External blocks reachable (exfiltration). */
  readonly external: number;
  /** In-cluster targets (databases, sensitive namespaces) reachable. */
  readonly targets: number;
}

export function buildPivotGraph(engine: Engine, level?: Level): PivotGraph {
  return pivotGraphOf(analyzeConnectivity(engine, level ? { level } : {}));
}

/** The graph of a connectivity result already computed (the web UI has one). */
export function pivotGraphOf(c: Connectivity): PivotGraph {
  const out = new Map<string, { to: string; allowed: ConnectionSet }[]>();
  for (const e of c.endpoints) out.set(e.id, []);
  for (const x of c.connections) out.get(x.from)!.push({ to: x.to, allowed: x.allowed });
  return { endpoints: c.endpoints, byId: new Map(c.endpoints.map((e) => [e.id, e])), out };
}

/** The endpoint a user means by `text` (ns/name, ns/name[Kind], pod name, IP), or an error. */
export function findEndpoint(g: PivotGraph, text: string): AnalysisEndpoint | string {
  const exact = g.byId.get(text);
  if (exact) return exact;
  const hits = g.endpoints.filter((e) => endpointMatches(e, text));
  if (hits.length === 1) return hits[0]!;
  if (hits.length > 1) return `"${text}" names ${hits.length} endpoints: ${hits.slice(0, 5).map((e) => e.id).join(', ')}`;
  const known = g.endpoints.filter((e) => e.type === 'cluster').slice(0, 8).map((e) => e.id);
  return `no endpoint "${text}" in the input${known.length ? `; endpoints: ${known.join(', ')}${g.endpoints.length > 8 ? ', ...' : ''}` : ''}`;
}

/** Breadth-first search: shortest paths (in hops) to everything within maxHops. */
export function reachFrom(g: PivotGraph, from: string, maxHops: number): Reached[] {
  const seen = new Map<string, Reached>([[from, { id: from, hops: 0, path: [] }]]);
  let frontier = [from];
  for (let depth = 1; depth <= maxHops && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const id of frontier) {
      // External blocks are sinks, except as the starting point.
      if (id !== from && g.byId.get(id)?.type === 'external') continue;
      const here = seen.get(id)!;
      for (const e of g.out.get(id) ?? []) {
        if (seen.has(e.to)) continue;
        const r: Reached = { id: e.to, hops: depth, path: [...here.path, { from: id, to: e.to, allowed: e.allowed }] };
        seen.set(e.to, r);
        next.push(e.to);
      }
    }
    frontier = next;
  }
  const order = new Map(g.endpoints.map((e, i) => [e.id, i]));
  return [...seen.values()].filter((r) => r.id !== from).sort((a, b) => a.hops - b.hops || order.get(a.id)! - order.get(b.id)!);
}

function labelMatch(spec: string, labels: Readonly<Record<string, string>>): boolean {
  const i = spec.indexOf('=');
  return i < 0 ? spec in labels : labels[spec.slice(0, i)] === spec.slice(i + 1);
}

/**
 * Default targets: endpoints whose pods carry a target label (databases), endpoints in sensitive
 * namespaces, and every external block (the internet, for exfiltration).
 */
export function defaultTargets(g: PivotGraph, engine: Engine, config: AuditConfig = effectiveConfig()): Target[] {
  const out: Target[] = [];
  for (const e of g.endpoints) {
    if (e.type === 'external') {
      out.push({ id: e.id, reason: INTERNET });
      continue;
    }
    const label = config.targetLabels.find((t) => e.pods.some((p) => labelMatch(t, p.labels)));
    if (label) out.push({ id: e.id, reason: `database (${label})` });
    else if (isSensitiveNamespace(engine.cluster, config, e.namespace)) out.push({ id: e.id, reason: `sensitive namespace ${e.namespace}` });
  }
  return out;
}

/** `--to-label k=v` (or `k`): endpoints whose pods carry the label. */
export function labelTargets(g: PivotGraph, spec: string): Target[] {
  return g.endpoints
    .filter((e) => e.type === 'cluster' && e.pods.some((p) => labelMatch(spec, p.labels)))
    .map((e) => ({ id: e.id, reason: `label ${spec}` }));
}

export function pivot(g: PivotGraph, from: string, maxHops: number, targets: readonly Target[]): PivotResult {
  const reachable = reachFrom(g, from, maxHops);
  const byId = new Map(reachable.map((r) => [r.id, r]));
  const paths: (Reached & { reason: string })[] = [];
  const unreachable: Target[] = [];
  for (const t of targets) {
    if (t.id === from) continue;
    const r = byId.get(t.id);
    if (r) paths.push({ ...r, reason: t.reason });
    else unreachable.push(t);
  }
  const rank = new Map(reachable.map((r, i) => [r.id, i]));
  paths.sort((a, b) => a.hops - b.hops || rank.get(a.id)! - rank.get(b.id)!);
  return { from, maxHops, reachable, ...collapseInternet(paths, unreachable) };
}

const INTERNET = 'internet (exfiltration)';

/** The internet is one target: keep the shortest path to any external block, and say how many blocks. */
function collapseInternet(paths: (Reached & { reason: string })[], unreachable: Target[]): Pick<PivotResult, 'paths' | 'unreachable'> {
  const ext = paths.filter((p) => p.reason === INTERNET);
  const keptPaths = paths.filter((p) => p.reason !== INTERNET);
  const keptUnreachable = unreachable.filter((t) => t.reason !== INTERNET);
  const first = ext[0];
  if (first) {
    const reason = ext.length > 1 ? `${INTERNET}; ${ext.length} external blocks reachable` : INTERNET;
    keptPaths.splice(keptPaths.filter((p) => p.hops <= first.hops).length, 0, { ...first, reason });
  } else {
    const miss = unreachable.filter((t) => t.reason === INTERNET);
    if (miss.length > 0) keptUnreachable.push({ id: miss.length === 1 ? miss[0]!.id : `${miss.length} external blocks`, reason: INTERNET });
  }
  return { paths: keptPaths, unreachable: keptUnreachable };
}

/** Blast radius of every in-cluster endpoint within maxHops, worst first. */
export function rankBlastRadius(g: PivotGraph, maxHops: number, targets: readonly Target[] = []): RankEntry[] {
  const targetIds = new Set(targets.map((t) => t.id));
  const out: RankEntry[] = [];
  for (const e of g.endpoints) {
    if (e.type !== 'cluster') continue;
    const r = reachFrom(g, e.id, maxHops);
    const external = r.filter((x) => g.byId.get(x.id)?.type === 'external').length;
    // The internet is counted in `external`, not as many targets as it has blocks.
    const targets = r.filter((x) => targetIds.has(x.id) && g.byId.get(x.id)?.type === 'cluster').length;
    out.push({ id: e.id, reach: r.length - external, external, targets });
  }
  return out.sort((a, b) => b.reach - a.reach || b.targets - a.targets || b.external - a.external || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

// Diff of two connectivity results: connections added, removed and changed, endpoints added and
// removed. Both sides should be analysed with the same external blocks (see analyzeDiff).
import type { Engine } from '../engine/types.js';
import type { ConnectionSet } from '../sets/connection-set.js';
import { analyzeConnectivity, type ConnectivityOptions } from './connectivity.js';
import { compareAtoms } from './endpoints.js';
import type { Exposure } from './ingress-controller.js';
import { byteCompare, type AnalysisEndpoint, type Connection, type Connectivity } from './types.js';

export interface ConnectionChange {
  readonly from: string;
  readonly to: string;
  readonly before: ConnectionSet;
  readonly after: ConnectionSet;
}

export interface ConnectivityDiff {
  readonly endpointsAdded: readonly AnalysisEndpoint[];
  readonly endpointsRemoved: readonly AnalysisEndpoint[];
  /** Pairs allowed nothing before and something after. */
  readonly added: readonly Connection[];
  readonly removed: readonly Connection[];
  readonly changed: readonly ConnectionChange[];
  /** Endpoints of either side by id, for printing. */
  readonly endpoints: ReadonlyMap<string, AnalysisEndpoint>;
}

const key = (c: { from: string; to: string }): string => `${c.from}\n${c.to}`;

function compareEndpoints(a: AnalysisEndpoint, b: AnalysisEndpoint): number {
  if (a.type !== b.type) return a.type === 'cluster' ? -1 : 1;
  if (a.type === 'external' && b.type === 'external') return compareAtoms(a.atom, b.atom);
  return byteCompare(a.id, b.id);
}

export function diffConnectivity(before: Connectivity, after: Connectivity): ConnectivityDiff {
  const endpoints = new Map<string, AnalysisEndpoint>();
  for (const e of [...before.endpoints, ...after.endpoints]) if (!endpoints.has(e.id)) endpoints.set(e.id, e);
  const oldIds = new Set(before.endpoints.map((e) => e.id));
  const newIds = new Set(after.endpoints.map((e) => e.id));
  const oldConns = new Map(before.connections.map((c) => [key(c), c]));
  const newConns = new Map(after.connections.map((c) => [key(c), c]));
  const added: Connection[] = [];
  const removed: Connection[] = [];
  const changed: ConnectionChange[] = [];
  for (const [k, c] of newConns) {
    const o = oldConns.get(k);
    if (!o) added.push(c);
    else if (!o.allowed.equals(c.allowed)) changed.push({ from: c.from, to: c.to, before: o.allowed, after: c.allowed });
  }
  for (const [k, c] of oldConns) if (!newConns.has(k)) removed.push(c);
  const order = (a: { from: string; to: string }, b: { from: string; to: string }) =>
    compareEndpoints(endpoints.get(a.from)!, endpoints.get(b.from)!) ||
    compareEndpoints(endpoints.get(a.to)!, endpoints.get(b.to)!);
  return {
    endpointsAdded: after.endpoints.filter((e) => !oldIds.has(e.id)),
    endpointsRemoved: before.endpoints.filter((e) => !newIds.has(e.id)),
    added: added.sort(order),
    removed: removed.sort(order),
    changed: changed.sort(order),
    endpoints,
  };
}

export function isEmptyDiff(d: ConnectivityDiff): boolean {
  return (
    d.endpointsAdded.length + d.endpointsRemoved.length + d.added.length + d.removed.length + d.changed.length === 0
  );
}

/**
 * Analyses both versions with the union of their ipBlock boundaries, so external blocks line up.
 * `exposures`: the Route/Ingress backends of each side (see ConnectivityOptions.exposures).
 */
export function analyzeDiff(
  before: Engine,
  after: Engine,
  opts: ConnectivityOptions = {},
  exposures: { readonly before?: readonly Exposure[]; readonly after?: readonly Exposure[] } = {},
): ConnectivityDiff {
  const side = (e: readonly Exposure[] | undefined) => (e && e.length > 0 ? { exposures: e } : {});
  const a = analyzeConnectivity(before, { ...opts, ...side(exposures.before), atomsAlso: [after.cluster] });
  const b = analyzeConnectivity(after, { ...opts, ...side(exposures.after), atomsAlso: [before.cluster] });
  return diffConnectivity(a, b);
}

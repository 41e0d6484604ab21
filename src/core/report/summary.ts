// Summary report: counts only.
import type { Connectivity } from '../analysis/types.js';

export interface ConnectivitySummary {
  level: string;
  endpoints: { cluster: number; external: number; byKind: Record<string, number> };
  connections: { total: number; allOpen: number; clusterToCluster: number; fromExternal: number; toExternal: number };
  /** Ordered in-cluster pairs with nothing allowed. */
  isolatedPairs: number;
}

export function summarize(c: Connectivity): ConnectivitySummary {
  const byKind: Record<string, number> = {};
  const ext = new Set<string>();
  let cluster = 0;
  for (const e of c.endpoints) {
    byKind[e.kind] = (byKind[e.kind] ?? 0) + 1;
    if (e.type === 'external') ext.add(e.id);
    else cluster++;
  }
  const s: ConnectivitySummary = {
    level: c.level,
    endpoints: { cluster, external: ext.size, byKind: Object.fromEntries(Object.entries(byKind).sort()) },
    connections: { total: 0, allOpen: 0, clusterToCluster: 0, fromExternal: 0, toExternal: 0 },
    isolatedPairs: 0,
  };
  for (const x of c.connections) {
    s.connections.total++;
    if (x.allowed.isAll()) s.connections.allOpen++;
    if (ext.has(x.from)) s.connections.fromExternal++;
    else if (ext.has(x.to)) s.connections.toExternal++;
    else s.connections.clusterToCluster++;
  }
  s.isolatedPairs = cluster * (cluster - 1) - s.connections.clusterToCluster;
  return s;
}

export function formatSummary(c: Connectivity): string {
  const s = summarize(c);
  const kinds = Object.entries(s.endpoints.byKind)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  return [
    `level: ${s.level}`,
    `endpoints: ${s.endpoints.cluster} in cluster, ${s.endpoints.external} external blocks (${kinds})`,
    `connections: ${s.connections.total} (${s.connections.allOpen} fully open)`,
    `  in cluster: ${s.connections.clusterToCluster}, from external: ${s.connections.fromExternal}, to external: ${s.connections.toExternal}`,
    `in-cluster pairs with nothing allowed: ${s.isolatedPairs}`,
    '',
  ].join('\n');
}

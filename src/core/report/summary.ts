// Summary report: counts only.
import type { Connectivity } from '../analysis/types.js';
import { countConnections, type AnalysisSummary, type ListedCounts } from '../analysis/summary.js';

const listedLine = (l: ListedCounts, what: string): string =>
  `${what}: ${l.total} (${l.allOpen} fully open; in cluster ${l.inCluster}, from external ${l.fromExternal}, to external ${l.toExternal})`;

/** The summary of `analyze --format summary` (src/core/analysis/summary.ts computes it). */
export function formatAnalysisSummary(s: AnalysisSummary): string {
  const kinds = Object.entries(s.endpoints).map(([k, n]) => `${k} ${n}`).join(', ');
  const clusterCount = Object.values(s.endpoints).reduce((a, b) => a + b, 0);
  const lines = [
    `level: ${s.level}`,
    `endpoints: ${clusterCount} in cluster${kinds ? ` (${kinds})` : ''}, ${s.externalBlocks} external blocks`,
    `pods: ${s.pods} (isolated: ${s.isolatedIngress} for ingress, ${s.isolatedEgress} for egress)`,
    `allowed pod pairs: ${s.allowedPodPairs} of ${s.pods * (s.pods - 1)}`,
  ];
  if (s.listed) lines.push(listedLine(s.listed, 'connections listed'));
  return `${lines.join('\n')}\n`;
}

/** Counts of an already computed listing (formatConnectivity(c, 'summary')). */
export function formatSummary(c: Connectivity): string {
  const byKind: Record<string, number> = {};
  for (const e of c.endpoints) if (e.type === 'cluster') byKind[e.kind] = (byKind[e.kind] ?? 0) + 1;
  const kinds = Object.entries(byKind).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, n]) => `${k} ${n}`).join(', ');
  const cluster = Object.values(byKind).reduce((a, b) => a + b, 0);
  const ext = c.endpoints.length - cluster;
  return [
    `level: ${c.level}`,
    `endpoints: ${cluster} in cluster${kinds ? ` (${kinds})` : ''}, ${ext} external blocks`,
    listedLine(countConnections(c), 'connections listed'),
    '',
  ].join('\n');
}

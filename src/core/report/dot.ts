// Graphviz report: namespaces as clusters, external blocks as boxes outside them.
import type { Connectivity } from '../analysis/types.js';
import { byteCompare } from '../analysis/types.js';

const q = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

export function formatDot(c: Connectivity): string {
  const out = ['digraph netpol {', '  rankdir=LR;', '  node [shape=ellipse, fontsize=10];', '  edge [fontsize=9];'];
  const byNs = new Map<string, string[]>();
  const used = new Set<string>();
  for (const x of c.connections) used.add(x.from).add(x.to);
  for (const e of c.endpoints) {
    if (e.type !== 'cluster') continue;
    const list = byNs.get(e.namespace) ?? [];
    list.push(`    ${q(e.id)} [label=${q(e.name + (c.level === 'workload' ? `[${e.kind}]` : ''))}];`);
    byNs.set(e.namespace, list);
  }
  let i = 0;
  for (const [ns, nodes] of [...byNs].sort(([a], [b]) => byteCompare(a, b))) {
    out.push(`  subgraph cluster_${i++} {`, `    label=${q(ns)};`, ...nodes, '  }');
  }
  // only the blocks that take part: the whole IP space would drown the picture
  for (const e of c.endpoints) {
    if (e.type === 'external' && used.has(e.id)) out.push(`  ${q(e.id)} [shape=box, color=red2];`);
  }
  const byId = new Map(c.endpoints.map((e) => [e.id, e]));
  for (const x of [...c.connections].sort((a, b) => byteCompare(a.from, b.from) || byteCompare(a.to, b.to))) {
    if (!byId.has(x.from) || !byId.has(x.to)) continue;
    out.push(`  ${q(x.from)} -> ${q(x.to)} [label=${q(x.allowed.toAnalyzerString())}];`);
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}

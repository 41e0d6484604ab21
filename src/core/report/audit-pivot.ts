// `netpol pivot` output: text, json and dot (attack paths highlighted). Dumb formatters.
import type { Hop, PivotGraph, PivotResult, RankEntry } from '../analysis/audit/pivot.js';

export const PIVOT_FORMATS = ['text', 'json', 'dot'] as const;
export type PivotFormat = (typeof PIVOT_FORMATS)[number];

const hopText = (h: Hop): string => `${h.from} -> ${h.to} [${h.allowed.toString()}]`;
const pathText = (hops: readonly Hop[]): string =>
  hops.length === 0 ? '' : [hops[0]!.from, ...hops.map((h) => `--(${h.allowed.toString()})--> ${h.to}`)].join(' ');

export function formatPivotText(r: PivotResult, isExternal: (id: string) => boolean = () => false): string {
  const ext = r.reachable.filter((x) => isExternal(x.id)).length;
  const inCluster = r.reachable.length - ext;
  const lines = [`From ${r.from}, within ${r.maxHops} hop${r.maxHops === 1 ? '' : 's'}: ${inCluster} endpoint${inCluster === 1 ? '' : 's'} in the cluster and ${ext} external block${ext === 1 ? '' : 's'} reachable.`, ''];
  if (r.paths.length > 0) {
    lines.push('Attack paths (shortest) to targets:');
    for (const p of r.paths) lines.push(`  ${p.id}  (${p.reason}, ${p.hops} hop${p.hops === 1 ? '' : 's'})`, `    ${pathText(p.path)}`);
    lines.push('');
  } else lines.push('No target is reachable.', '');
  if (r.unreachable.length > 0) {
    lines.push(`Targets not reachable within ${r.maxHops} hops:`);
    for (const t of r.unreachable) lines.push(`  ${t.id}  (${t.reason})`);
    lines.push('');
  }
  lines.push('Reachable endpoints:');
  let depth = 0;
  for (const x of r.reachable) {
    if (x.hops !== depth) {
      depth = x.hops;
      lines.push(`  hop ${depth}:`);
    }
    lines.push(`    ${x.id}  via ${hopText(x.path[x.path.length - 1]!)}`);
  }
  if (r.reachable.length === 0) lines.push('  (none)');
  return lines.join('\n');
}

const hopJson = (h: Hop) => ({ from: h.from, to: h.to, allowed: h.allowed.toJSON(), text: h.allowed.toString() });

export function pivotToJson(r: PivotResult): unknown {
  return {
    from: r.from,
    maxHops: r.maxHops,
    paths: r.paths.map((p) => ({ target: p.id, reason: p.reason, hops: p.hops, path: p.path.map(hopJson) })),
    unreachableTargets: r.unreachable,
    reachable: r.reachable.map((x) => ({ id: x.id, hops: x.hops, path: x.path.map(hopJson) })),
  };
}

const q = (s: string): string => JSON.stringify(s);

/** The reachable subgraph; attack-path edges red and bold, the start filled, targets double-circled. */
export function formatPivotDot(g: PivotGraph, r: PivotResult): string {
  const nodes = new Set([r.from, ...r.reachable.map((x) => x.id)]);
  const depth = new Map([[r.from, 0], ...r.reachable.map((x) => [x.id, x.hops] as const)]);
  const onPath = new Set(r.paths.flatMap((p) => p.path.map((h) => `${h.from}\u0000${h.to}`)));
  const targets = new Set(r.paths.map((p) => p.id));
  const lines = ['digraph pivot {', '  rankdir=LR;', '  node [shape=box, fontname="Helvetica"];', '  edge [fontname="Helvetica", fontsize=10, color=gray50];'];
  for (const id of nodes) {
    const ext = g.byId.get(id)?.type === 'external';
    const attrs = [`label=${q(id)}`];
    if (id === r.from) attrs.push('style=filled', 'fillcolor="#f4cccc"', 'penwidth=2');
    if (targets.has(id)) attrs.push('shape=doubleoctagon', 'color=red');
    else if (ext) attrs.push('shape=ellipse');
    lines.push(`  ${q(id)} [${attrs.join(', ')}];`);
  }
  for (const from of nodes) {
    if (from !== r.from && g.byId.get(from)?.type === 'external') continue;
    if ((depth.get(from) ?? 0) >= r.maxHops) continue;
    for (const e of g.out.get(from) ?? []) {
      if (!nodes.has(e.to) || e.to === r.from) continue;
      const hot = onPath.has(`${from}\u0000${e.to}`);
      const attrs = [`label=${q(e.allowed.toString())}`];
      if (hot) attrs.push('color=red', 'penwidth=2.5', 'fontcolor=red');
      else attrs.push('style=dashed');
      lines.push(`  ${q(from)} -> ${q(e.to)} [${attrs.join(', ')}];`);
    }
  }
  lines.push('}');
  return lines.join('\n');
}

export function formatRankText(rank: readonly RankEntry[], maxHops: number): string {
  const w = Math.max(8, ...rank.map((r) => r.id.length));
  const lines = [`Blast radius within ${maxHops} hop${maxHops === 1 ? '' : 's'} (worst first):`, '', `  ${'#'.padStart(3)}  ${'ENDPOINT'.padEnd(w)}  REACH  TARGETS  EXTERNAL`];
  rank.forEach((r, i) => lines.push(`  ${String(i + 1).padStart(3)}  ${r.id.padEnd(w)}  ${String(r.reach).padStart(5)}  ${String(r.targets).padStart(7)}  ${String(r.external).padStart(8)}`));
  return lines.join('\n');
}

export function formatRankDot(g: PivotGraph, rank: readonly RankEntry[]): string {
  const max = Math.max(1, ...rank.map((r) => r.reach));
  const lines = ['digraph blast_radius {', '  rankdir=LR;', '  node [shape=box, style=filled, fontname="Helvetica"];'];
  for (const r of rank) {
    const heat = Math.round(255 - (200 * r.reach) / max).toString(16).padStart(2, '0');
    lines.push(`  ${q(r.id)} [label=${q(`${r.id}\nreach ${r.reach}`)}, fillcolor="#ff${heat}${heat}"];`);
  }
  for (const r of rank) for (const e of g.out.get(r.id) ?? []) if (g.byId.get(e.to)?.type === 'cluster') lines.push(`  ${q(r.id)} -> ${q(e.to)};`);
  lines.push('}');
  return lines.join('\n');
}

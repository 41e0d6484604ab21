// Text report: netpol-analyzer's connlist lines, `src => dst : conns`, sorted by byte order of
// (src, dst) as upstream does; optionally a matrix for small clusters.
import type { AnalysisEndpoint, Connectivity } from '../analysis/types.js';
import { byteCompare } from '../analysis/types.js';
import type { ConnectionSet } from '../sets/connection-set.js';

/** netpol-analyzer's endpoint names: externals carry an `[External]` suffix. */
export const displayName = (e: AnalysisEndpoint): string => (e.type === 'external' ? `${e.id}[External]` : e.id);

export interface TextOptions {
  /** Append a matrix (for humans; only sensible for a few endpoints). */
  readonly matrix?: boolean;
}

/** Largest number of in-cluster endpoints for which a matrix is readable. */
export const MATRIX_LIMIT = 12;

export function connectionLines(c: Connectivity): string[] {
  const byId = new Map(c.endpoints.map((e) => [e.id, e]));
  const rows = c.connections.map((x) => ({
    src: displayName(byId.get(x.from)!),
    dst: displayName(byId.get(x.to)!),
    conns: x.allowed.toAnalyzerString(),
  }));
  rows.sort((a, b) => byteCompare(a.src, b.src) || byteCompare(a.dst, b.dst));
  return rows.map((r) => `${r.src} => ${r.dst} : ${r.conns}`);
}

export function formatText(c: Connectivity, opts: TextOptions = {}): string {
  const lines = connectionLines(c);
  let text = lines.length === 0 ? '' : `${lines.join('\n')}\n`;
  if (opts.matrix) text += `${lines.length ? '\n' : ''}${formatMatrix(c)}`;
  return text;
}

/** Rows are sources, columns destinations; each cell a short code explained by a legend. */
export function formatMatrix(c: Connectivity): string {
  const eps = c.endpoints.filter((e) => e.type === 'cluster');
  const ids = new Set(eps.map((e) => e.id));
  const cell = new Map<string, ConnectionSet>();
  for (const x of c.connections) if (ids.has(x.from) && ids.has(x.to)) cell.set(`${x.from}\n${x.to}`, x.allowed);
  const codes = new Map<string, string>();
  const code = (s: ConnectionSet): string => {
    if (s.isAll()) return 'A';
    const k = s.toAnalyzerString();
    if (!codes.has(k)) codes.set(k, String(codes.size + 1));
    return codes.get(k)!;
  };
  const width = Math.max(...eps.map((e) => e.id.length), 3);
  const head = eps.map((_, i) => String(i + 1).padStart(3)).join('');
  const out = [`${'from \\ to'.padEnd(width + 5)}${head}`];
  eps.forEach((src, i) => {
    const cells = eps.map((dst) => {
      if (src.id === dst.id) return '  -';
      const s = cell.get(`${src.id}\n${dst.id}`);
      return (s ? code(s) : '.').padStart(3);
    });
    out.push(`${String(i + 1).padStart(3)}  ${src.id.padEnd(width)}${cells.join('')}`);
  });
  out.push('', 'A = All Connections, . = nothing allowed, - = itself');
  for (const [k, v] of codes) out.push(`${v} = ${k}`);
  return `${out.join('\n')}\n`;
}

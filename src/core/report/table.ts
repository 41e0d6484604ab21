// CSV and Markdown reports: one row per connection, in text-report order.
import type { Connectivity } from '../analysis/types.js';
import { connectionLines } from './text.js';

/** RFC 4180 quoting. */
export const csvField = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
/** Markdown table cell: pipes escaped. */
export const mdCell = (s: string): string => s.replace(/\|/g, '\\|');

function rows(c: Connectivity): [string, string, string][] {
  return connectionLines(c).map((l) => {
    const [pair, conns] = [l.slice(0, l.indexOf(' : ')), l.slice(l.indexOf(' : ') + 3)];
    const [src, dst] = pair.split(' => ') as [string, string];
    return [src, dst, conns];
  });
}

export function formatCsv(c: Connectivity): string {
  const lines = [['src', 'dst', 'conn'], ...rows(c)].map((r) => r.map(csvField).join(','));
  return `${lines.join('\n')}\n`;
}

export function formatMarkdown(c: Connectivity): string {
  const lines = ['| src | dst | conn |', '|-----|-----|------|', ...rows(c).map((r) => `| ${r.map(mdCell).join(' | ')} |`)];
  return `${lines.join('\n')}\n`;
}

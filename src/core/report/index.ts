// Report formatters for connectivity and diff results. Dumb: they print, they decide nothing.
import type { Connectivity } from '../analysis/types.js';
import { formatDot } from './dot.js';
import { formatJson } from './json.js';
import { formatSummary } from './summary.js';
import { formatCsv, formatMarkdown } from './table.js';
import { formatText, type TextOptions } from './text.js';

export const ANALYZE_FORMATS = ['text', 'json', 'csv', 'md', 'dot', 'summary'] as const;
export type AnalyzeFormat = (typeof ANALYZE_FORMATS)[number];

export function formatConnectivity(c: Connectivity, format: AnalyzeFormat, opts: TextOptions = {}): string {
  switch (format) {
    case 'text':
      return formatText(c, opts);
    case 'json':
      return formatJson(c);
    case 'csv':
      return formatCsv(c);
    case 'md':
      return formatMarkdown(c);
    case 'dot':
      return formatDot(c);
    case 'summary':
      return formatSummary(c);
  }
}

export { formatText, formatMatrix, connectionLines, displayName, MATRIX_LIMIT } from './text.js';
export { formatJson, toJson } from './json.js';
export { formatCsv, formatMarkdown } from './table.js';
export { formatDot } from './dot.js';
export { formatSummary, formatAnalysisSummary } from './summary.js';
export { formatDiff, DIFF_FORMATS, type DiffFormat } from './diff.js';

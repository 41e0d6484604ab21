// One problem → one line: `file:line:col: field.path: message` (the shape of upstream's field errors).
import type { Problem } from '../model/types.js';

export function formatProblem(p: Problem): string {
  const where = p.source ? `${p.source.file}:${p.source.line}:${p.source.column}: ` : '';
  const path = p.path ? `${p.path}: ` : '';
  const sev = p.severity === 'warning' ? 'warning: ' : '';
  return `${where}${sev}${path}${p.message}`;
}

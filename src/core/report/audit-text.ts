// Audit findings as text (grouped by severity, colour only when asked), JSON and Markdown.
// Dumb formatters: the audit decided everything.
import type { AuditResult, Finding, Severity } from '../analysis/audit/types.js';
import { SEVERITIES } from '../analysis/audit/types.js';
import { VERSION } from '../version.js';

export const AUDIT_FORMATS = ['text', 'json', 'md', 'sarif'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

const ANSI: Record<Severity, string> = { high: '31;1', medium: '33', low: '36' };
const paint = (on: boolean, code: string, s: string): string => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

export const location = (f: Finding): string => (f.source ? `${f.source.file}:${f.source.line}` : '(no file)');

const indent = (text: string, pad: string): string => text.split('\n').map((l) => `${pad}${l}`).join('\n');

export function summaryLine(r: AuditResult): string {
  const n = r.findings.length;
  if (n === 0) return 'No findings.';
  return `${n} finding${n === 1 ? '' : 's'}: ${r.summary.high} high, ${r.summary.medium} medium, ${r.summary.low} low.`;
}

export function formatAuditText(r: AuditResult, opts: { color?: boolean } = {}): string {
  const on = opts.color === true;
  const lines: string[] = [];
  for (const sev of [...SEVERITIES].reverse()) {
    const group = r.findings.filter((f) => f.severity === sev);
    if (group.length === 0) continue;
    lines.push(paint(on, ANSI[sev], `${sev.toUpperCase()} (${group.length})`), '');
    for (const f of group) {
      const where = f.path ? `${location(f)} ${f.path}` : location(f);
      lines.push(`  ${paint(on, ANSI[sev], f.ruleId)} ${paint(on, '1', f.rule)}  ${f.resource}  ${paint(on, '2', where)}`);
      lines.push(`    ${f.message}`);
      lines.push(`    ${paint(on, '2', 'fix:')}`);
      lines.push(indent(f.fix, '      '), '');
    }
  }
  lines.push(summaryLine(r));
  return lines.join('\n');
}

export function auditToJson(r: AuditResult): unknown {
  return {
    tool: 'netpol',
    version: VERSION,
    summary: { total: r.findings.length, high: r.summary.high, medium: r.summary.medium, low: r.summary.low },
    findings: r.findings.map((f) => ({
      ruleId: f.ruleId,
      rule: f.rule,
      severity: f.severity,
      resource: f.resource,
      file: f.source?.file ?? null,
      line: f.source?.line ?? null,
      column: f.source?.column ?? null,
      path: f.path,
      message: f.message,
      fix: f.fix,
    })),
    notes: r.notes,
  };
}

export const formatAuditJson = (r: AuditResult): string => JSON.stringify(auditToJson(r), null, 2);

const mdCell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function formatAuditMarkdown(r: AuditResult): string {
  const lines = ['# netpol audit', '', summaryLine(r), ''];
  if (r.findings.length > 0) {
    lines.push('| Severity | Rule | Resource | Location | Message |', '| --- | --- | --- | --- | --- |');
    for (const f of r.findings) {
      lines.push(`| ${f.severity} | ${f.ruleId} ${f.rule} | ${mdCell(f.resource)} | ${mdCell(location(f))}${f.path ? ` \`${f.path}\`` : ''} | ${mdCell(f.message)} |`);
    }
    lines.push('', '## Fixes', '');
    r.findings.forEach((f, i) => {
      lines.push(`### ${i + 1}. ${f.ruleId} ${f.resource}`, '', f.message, '', '```yaml', f.fix, '```', '');
    });
  }
  for (const n of r.notes) lines.push(`> note: ${n}`);
  return lines.join('\n').trimEnd();
}

// SARIF 2.1.0 output of `netpol audit`, so code-scanning UIs show findings on the right lines.
// Spec: OASIS SARIF 2.1.0 (sarifLog → runs[].tool.driver.rules + results[].locations).
import type { AuditResult, Finding, Severity } from '../analysis/audit/types.js';
import { RULES } from '../analysis/audit/catalogue.js';
import { VERSION } from '../version.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { high: 'error', medium: 'warning', low: 'note' };
// GitHub code scanning reads properties["security-severity"] (CVSS-like 0–10) for security rules.
const SECURITY_SEVERITY: Record<Severity, string> = { high: '8.0', medium: '5.0', low: '2.0' };

/** A file path as a URI reference: relative paths stay relative (to the checkout), absolute ones get file://. */
export function fileUri(file: string): string {
  const slashed = file.replace(/\\/g, '/');
  if (slashed.startsWith('/')) return `file://${encodeURI(slashed)}`;
  if (/^[A-Za-z]:\//.test(slashed)) return `file:///${encodeURI(slashed)}`;
  return encodeURI(slashed.replace(/^\.\//, ''));
}

function result(f: Finding, ruleIndex: number): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: f.message, markdown: `${f.message}\n\nFix:\n\n\`\`\`yaml\n${f.fix}\n\`\`\`` },
    properties: { severity: f.severity, resource: f.resource, fieldPath: f.path, fix: f.fix },
  };
  const logical = [{ fullyQualifiedName: f.resource + (f.path ? `:${f.path}` : ''), kind: 'resource' }];
  if (f.source) {
    out.locations = [{
      physicalLocation: {
        artifactLocation: { uri: fileUri(f.source.file) },
        region: { startLine: Math.max(1, f.source.line), startColumn: Math.max(1, f.source.column) },
      },
      logicalLocations: logical,
    }];
  } else {
    out.locations = [{ logicalLocations: logical }];
  }
  return out;
}

export function auditToSarif(r: AuditResult): Record<string, unknown> {
  const index = new Map(RULES.map((x, i) => [x.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'netpol',
          version: VERSION,
          semanticVersion: VERSION,
          rules: RULES.map((x) => ({
            id: x.id,
            name: x.name,
            shortDescription: { text: x.summary },
            defaultConfiguration: { level: LEVEL[x.severity] },
            help: { text: `${x.summary} See docs/audit.md, rule ${x.id}.` },
            properties: { category: x.category, tags: ['security', 'kubernetes', 'networkpolicy', x.category], 'security-severity': SECURITY_SEVERITY[x.severity] },
          })),
        },
      },
      columnKind: 'unicodeCodePoints',
      results: r.findings.map((f) => result(f, index.get(f.ruleId) ?? 0)),
    }],
  };
}

export const formatSarif = (r: AuditResult): string => JSON.stringify(auditToSarif(r), null, 2);

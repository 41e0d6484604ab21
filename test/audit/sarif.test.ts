// SARIF 2.1.0 output validated against the official schema (vendored: fixtures/sarif-schema-2.1.0.LICENSE.md),
// plus the other audit formats.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import Ajv from 'ajv-draft-04';
import { createEngine } from '../../src/core/engine/index.js';
import { RULES, runAudit } from '../../src/core/analysis/audit/index.js';
import { auditToSarif, fileUri } from '../../src/core/report/sarif.js';
import { auditToJson, formatAuditMarkdown, formatAuditText } from '../../src/core/report/audit-text.js';
import { load, ns, pod, policy } from './helpers.js';

const schema = JSON.parse(readFileSync(fileURLToPath(new URL('./fixtures/sarif-schema-2.1.0.json', import.meta.url)), 'utf8')) as object;

function validator() {
  // unicodeRegExp off: the official schema's "language" pattern is not valid under the u flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  // The schema uses these formats; check them for real rather than ignoring them.
  ajv.addFormat('uri', (s: string) => { try { new URL(s); return true; } catch { return false; } });
  ajv.addFormat('uri-reference', (s: string) => !/\s/.test(s));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  return ajv.compile(schema);
}

const yaml = ns('prod') + pod('prod', 'web', { app: 'web' }) +
  policy('prod', 'open', 'podSelector: {}\ningress:\n- {}') +
  policy('prod', 'nothing', 'podSelector: {matchLabels: {app: nope}}');
const { cluster, problems } = load(yaml);
const result = runAudit({ cluster, problems, engineFactory: (c) => createEngine(c) });

describe('SARIF', () => {
  const validate = validator();
  it('is valid SARIF 2.1.0 with one rule per catalogue entry', () => {
    const sarif = auditToSarif(result);
    const ok = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    const run = (sarif.runs as { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation?: { region: { startLine: number } } }[] }[] }[])[0]!;
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    expect(run.results).toHaveLength(result.findings.length);
    const open = run.results.find((r) => r.ruleId === 'NP302')!;
    expect(open.level).toBe('error');
    expect(run.tool.driver.rules[open.ruleIndex]!.id).toBe('NP302');
    const f = result.findings.find((x) => x.ruleId === 'NP302')!;
    expect(open.locations[0]!.physicalLocation!.region.startLine).toBe(f.source!.line);
  });
  it('the validator rejects a broken log (the test can fail)', () => {
    const bad = auditToSarif(result) as { runs: { results: Record<string, unknown>[] }[] };
    bad.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(bad)).toBe(false);
  });
  it('file URIs: relative stays relative, absolute becomes file://, spaces encoded', () => {
    expect(fileUri('./demo/a b.yaml')).toBe('demo/a%20b.yaml');
    expect(fileUri('/abs/x.yaml')).toBe('file:///abs/x.yaml');
  });
});

describe('text, json, md', () => {
  it('text groups by severity, high first, no colour unless asked', () => {
    const t = formatAuditText(result);
    expect(t.indexOf('HIGH')).toBeLessThan(t.indexOf('MEDIUM'));
    expect(t).not.toContain('\x1b[');
    expect(formatAuditText(result, { color: true })).toContain('\x1b[');
    expect(t).toMatch(/NP302 rule-allows-everything {2}NetworkPolicy prod\/open {2}test\.yaml:\d+ spec\.ingress\[0\]/);
    expect(t.trimEnd().split('\n').at(-1)).toMatch(/^\d+ findings: 1 high/);
  });
  it('json carries every field', () => {
    const j = auditToJson(result) as { summary: { total: number; high: number }; findings: Record<string, unknown>[] };
    expect(j.summary.total).toBe(result.findings.length);
    expect(Object.keys(j.findings[0]!).sort()).toEqual(['column', 'file', 'fix', 'line', 'message', 'path', 'resource', 'rule', 'ruleId', 'severity']);
  });
  it('md has a table row per finding and the fixes', () => {
    const md = formatAuditMarkdown(result);
    expect(md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Severity') && !l.startsWith('| ---'))).toHaveLength(result.findings.length);
    expect(md).toContain('```yaml');
  });
});

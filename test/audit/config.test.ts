// parseAuditConfig: the `audit:` section of .netpol.yaml, every field checked.
import { describe, expect, it } from 'vitest';
import { effectiveConfig, parseAuditConfig } from '../../src/core/analysis/audit/config.js';

describe('parseAuditConfig', () => {
  it('reads every field', () => {
    const r = parseAuditConfig({
      disable: ['NP101', 'redundant-rule'],
      severity: { NP303: 'high' },
      sensitiveNamespaces: ['vault'],
      sensitiveLabels: { security: 'high' },
      ignoreNamespaces: [],
      targetLabels: ['app=pg'],
      maxRedundancyQueries: 5,
      failOn: 'medium',
    }, '.netpol.yaml');
    expect(r.problems).toEqual([]);
    expect(r.failOn).toBe('medium');
    expect(r.config).toMatchObject({ disable: ['NP101', 'redundant-rule'], severity: { NP303: 'high' }, maxRedundancyQueries: 5 });
  });
  it('reports each bad field with its path', () => {
    const r = parseAuditConfig({ disable: 'NP101', severity: { NP101: 'urgent', NOPE: 'low' }, sensitiveLabels: { a: 1 }, maxRedundancyQueries: -1, failOn: 'x', extra: 1 }, 'c.yaml');
    expect(r.problems.map((p) => p.path).sort()).toEqual(['audit.disable', 'audit.extra', 'audit.failOn', 'audit.maxRedundancyQueries', 'audit.sensitiveLabels', 'audit.severity.NOPE', 'audit.severity.NP101']);
    expect(r.problems.every((p) => p.severity === 'error' && p.source?.file === 'c.yaml')).toBe(true);
  });
  it('no section is fine; a non-mapping is not', () => {
    expect(parseAuditConfig(undefined, 'c').problems).toEqual([]);
    expect(parseAuditConfig([1], 'c').problems).toHaveLength(1);
  });
  it('severity overrides are keyed by rule id whatever the spelling', () => {
    expect(effectiveConfig({ severity: { 'np101': 'high', 'pod-not-isolated-ingress': 'low', 'NP303-ipblock-internet-wide': 'low' } }).severity).toEqual({ NP101: 'high', NP103: 'low', NP303: 'low' });
  });
  it('kube-system is always sensitive', () => {
    expect(effectiveConfig({ sensitiveNamespaces: ['vault'] }).sensitiveNamespaces).toEqual(['kube-system', 'vault']);
  });
});

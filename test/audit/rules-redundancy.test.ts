// NP601/NP602 (redundancy, judged with the engine) and NP801 (manifest mistakes), plus config handling.
import { describe, expect, it } from 'vitest';
import { audit, ids, ns, pod, policy } from './helpers.js';

const base = ns('prod') + pod('prod', 'web', { app: 'web' }) + pod('prod', 'api', { app: 'api' }) + pod('prod', 'db', { app: 'db' });
const onlyRed = { disable: ['NP101', 'NP102', 'NP103', 'NP104', 'NP301', 'NP302', 'NP501', 'NP502'] };

describe('NP601 redundant rule', () => {
  it('a rule covered by a broader rule of another policy is redundant', () => {
    const f = audit(base +
      policy('prod', 'a-narrow', 'podSelector: {matchLabels: {app: db}}\ningress:\n- from: [podSelector: {matchLabels: {app: api}}]\n  ports: [{port: 5432}]') +
      policy('prod', 'b-broad', 'podSelector: {matchLabels: {app: db}}\ningress:\n- from: [podSelector: {}]\n  ports: [{port: 5432}]\n- from: [podSelector: {matchLabels: {app: web}}]\n  ports: [{port: 9000}]'), onlyRed);
    // a-narrow's only rule is covered; removing the whole policy changes nothing either (b-broad isolates db).
    expect(ids(f, 'NP602').map((x) => x.resource)).toEqual(['NetworkPolicy prod/a-narrow']);
    expect(ids(f, 'NP601')).toEqual([]);
  });
  it('a rule inside a needed policy', () => {
    const f = audit(base + policy('prod', 'db', 'podSelector: {matchLabels: {app: db}}\ningress:\n- from: [podSelector: {}]\n  ports: [{port: 5432}]\n- from: [podSelector: {matchLabels: {app: api}}]\n  ports: [{port: 5432}]'), onlyRed);
    expect(ids(f, 'NP601').map((x) => x.path)).toEqual(['spec.ingress[1]']);
    expect(ids(f, 'NP602')).toEqual([]);
  });
  it('not redundant when the ports differ', () => {
    const f = audit(base + policy('prod', 'db', 'podSelector: {matchLabels: {app: db}}\ningress:\n- from: [podSelector: {}]\n  ports: [{port: 5432}]\n- from: [podSelector: {matchLabels: {app: api}}]\n  ports: [{port: 5433}]'), onlyRed);
    expect(ids(f, 'NP601')).toEqual([]);
    expect(ids(f, 'NP602')).toEqual([]);
  });
  it('duplicates: only one of two identical rules is reported (they cannot both go)', () => {
    const rule = '- from: [podSelector: {matchLabels: {app: api}}]\n  ports: [{port: 5432}]';
    const f = audit(base + policy('prod', 'db', `podSelector: {matchLabels: {app: db}}\ningress:\n${rule}\n${rule}`), onlyRed);
    expect(ids(f, 'NP601').map((x) => x.path)).toEqual(['spec.ingress[0]']);
  });
  it('an ingress rule is judged on ingress alone, not masked by the source egress', () => {
    // Every source is egress-denied, yet the ingress rule is what a new client would rely on.
    const f = audit(base + policy('prod', 'deny-eg', 'podSelector: {}\npolicyTypes: [Egress]') +
      policy('prod', 'db', 'podSelector: {matchLabels: {app: db}}\ningress:\n- from: [podSelector: {matchLabels: {app: api}}]'), onlyRed);
    expect(ids(f, 'NP601')).toEqual([]);
    expect(ids(f, 'NP602')).toEqual([]);
  });
  it('egress: a second identical egress policy is redundant', () => {
    const eg = 'podSelector: {matchLabels: {app: web}}\npolicyTypes: [Egress]\negress:\n- to: [podSelector: {matchLabels: {app: api}}]';
    const f = audit(base + policy('prod', 'web-a', eg) + policy('prod', 'web-b', eg), onlyRed);
    expect(ids(f, 'NP602').map((x) => x.resource)).toEqual(['NetworkPolicy prod/web-a']);
  });
  it('a default deny is never redundant, even when other policies isolate the same pods', () => {
    const f = audit(base + policy('prod', 'deny-a', 'podSelector: {}\npolicyTypes: [Egress]') + policy('prod', 'deny-b', 'podSelector: {}\npolicyTypes: [Egress]'), onlyRed);
    expect(ids(f, 'NP602')).toEqual([]);
  });
  it('a rule whose peer matches nothing is reported as NP201, not also as redundant', () => {
    const f = audit(base + policy('prod', 'db', 'podSelector: {matchLabels: {app: db}}\ningress:\n- from: [podSelector: {matchLabels: {app: nope}}]\n- from: [podSelector: {matchLabels: {app: api}}]'), { disable: ['NP101'] });
    expect(ids(f, 'NP201').map((x) => x.path)).toEqual(['spec.ingress[0].from[0].podSelector']);
    expect(ids(f, 'NP601')).toEqual([]);
    const g = audit(base + policy('prod', 'db', 'podSelector: {matchLabels: {app: db}}\ningress:\n- from: [podSelector: {matchLabels: {app: nope}}]\n- from: [podSelector: {matchLabels: {app: api}}]'), { disable: ['NP201'] });
    expect(ids(g, 'NP601').map((x) => x.path)).toEqual(['spec.ingress[0]']);
  });
  it('skips with a note above the query budget', () => {
    const f = audit(base + policy('prod', 'deny-a', 'podSelector: {}\npolicyTypes: [Egress]') + policy('prod', 'deny-b', 'podSelector: {}\npolicyTypes: [Egress]'), { ...onlyRed, maxRedundancyQueries: 1 });
    expect(ids(f, 'NP602')).toEqual([]);
  });
});

describe('NP801 manifest mistakes', () => {
  const pol = (top: string) => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: prod}\n${top}spec:\n  podSelector: {}\n`;
  it('policyTypes at the top level is carried over with its line', () => {
    const f = ids(audit(base + pol('policyTypes: [Egress]\n')), 'NP801');
    expect(f).toHaveLength(1);
    expect(f[0]!.source?.line).toBeGreaterThan(1);
    expect(f[0]!.message).toContain('policyTypes');
  });
  it('none for a clean manifest', () => {
    expect(ids(audit(base + pol('')), 'NP801')).toEqual([]);
  });
});

describe('config', () => {
  it('disables rules by id or name and overrides severities', () => {
    const f = audit(base, { disable: ['pod-not-isolated-egress'], severity: { NP101: 'high', 'pod-not-isolated-ingress': 'low' } });
    expect(ids(f, 'NP104')).toEqual([]);
    expect(ids(f, 'NP101')[0]!.severity).toBe('high');
    expect(ids(f, 'NP103').every((x) => x.severity === 'low')).toBe(true);
  });
});

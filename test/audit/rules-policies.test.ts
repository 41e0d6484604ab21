// NP201, NP202, NP301–NP304: trigger and near-identical non-trigger manifests.
import { describe, expect, it } from 'vitest';
import { audit, ids, ns, pod, policy } from './helpers.js';

const two = ns('prod') + ns('backend', { team: 'b' }) + pod('prod', 'web', { app: 'web' }) + pod('backend', 'api', { app: 'api' });

describe('NP201 peer matches nothing', () => {
  const from = (peer: string) => two + policy('prod', 'from-backend', `podSelector: {matchLabels: {app: web}}\ningress:\n- from:\n  - ${peer}`);
  it('classic: namespaceSelector name=backend when no namespace has a name label → suggests kubernetes.io/metadata.name', () => {
    const f = ids(audit(from('namespaceSelector: {matchLabels: {name: backend}}')), 'NP201');
    expect(f).toHaveLength(1);
    expect(f[0]!.path).toBe('spec.ingress[0].from[0].namespaceSelector');
    expect(f[0]!.message).toContain('kubernetes.io/metadata.name');
    expect(f[0]!.fix).toContain('kubernetes.io/metadata.name: backend');
  });
  it('does not fire with kubernetes.io/metadata.name', () => {
    expect(ids(audit(from('namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: backend}}')), 'NP201')).toEqual([]);
  });
  it('fires for a podSelector matching no pod of the policy namespace, and hints at other namespaces', () => {
    const f = ids(audit(from('podSelector: {matchLabels: {app: api}}')), 'NP201');
    expect(f).toHaveLength(1);
    expect(f[0]!.path).toBe('spec.ingress[0].from[0].podSelector');
    expect(f[0]!.message).toContain('other namespaces');
  });
  it('does not fire when the pods exist there', () => {
    expect(ids(audit(from('podSelector: {matchLabels: {app: web}}')), 'NP201')).toEqual([]);
  });
  it('checks egress peers too', () => {
    const y = (app: string) => two + policy('prod', 'to', `podSelector: {}\npolicyTypes: [Egress]\negress:\n- to:\n  - namespaceSelector: {matchLabels: {team: b}}\n    podSelector: {matchLabels: {app: ${app}}}`);
    expect(ids(audit(y('nope')), 'NP201').map((x) => x.path)).toEqual(['spec.egress[0].to[0].podSelector']);
    expect(ids(audit(y('api')), 'NP201')).toEqual([]);
  });
});

describe('NP202 policy selects no pod', () => {
  it('fires when the podSelector matches no pod', () => {
    const f = ids(audit(two + policy('prod', 'p', 'podSelector: {matchLabels: {app: wbe}}')), 'NP202');
    expect(f.map((x) => x.resource)).toEqual(['NetworkPolicy prod/p']);
  });
  it('does not fire when it matches', () => {
    expect(ids(audit(two + policy('prod', 'p', 'podSelector: {matchLabels: {app: web}}')), 'NP202')).toEqual([]);
  });
});

describe('NP203 peers OR instead of AND', () => {
  const rule = (peers: string) => two + policy('prod', 'p', `podSelector: {matchLabels: {app: web}}\ningress:\n- from:\n${peers}`);
  it('fires for a namespaceSelector-only peer next to a podSelector-only peer (the extra dash)', () => {
    const f = ids(audit(rule('  - namespaceSelector: {matchLabels: {team: b}}\n  - podSelector: {matchLabels: {app: api}}')), 'NP203');
    expect(f.map((x) => x.path)).toEqual(['spec.ingress[0].from']);
    expect(f[0]!.message).toContain('every pod of those namespaces');
    expect(f[0]!.fix).toContain('podSelector:      # no dash');
  });
  it('does not fire for one peer with both selectors', () => {
    expect(ids(audit(rule('  - namespaceSelector: {matchLabels: {team: b}}\n    podSelector: {matchLabels: {app: api}}')), 'NP203')).toEqual([]);
  });
});

describe('NP301/NP302 rule allows every peer', () => {
  it('NP302: no peers and no ports', () => {
    const f = audit(two + policy('prod', 'p', 'podSelector: {}\ningress:\n- {}'));
    expect(ids(f, 'NP302').map((x) => x.path)).toEqual(['spec.ingress[0]']);
    expect(ids(f, 'NP302')[0]!.severity).toBe('high');
  });
  it('NP301: no peers but ports', () => {
    const f = audit(two + policy('prod', 'p', 'podSelector: {}\ningress:\n- ports: [{port: 443}]'));
    expect(ids(f, 'NP302')).toEqual([]);
    expect(ids(f, 'NP301')[0]!.message).toContain('443/TCP');
  });
  it('neither when the rule names peers', () => {
    const f = audit(two + policy('prod', 'p', 'podSelector: {}\ningress:\n- from: [podSelector: {}]'));
    expect(ids(f, 'NP301')).toEqual([]);
    expect(ids(f, 'NP302')).toEqual([]);
  });
  it('egress rules of a non-egress policy are not isolating rules (ignored upstream)', () => {
    const f = audit(two + policy('prod', 'p', 'podSelector: {}\npolicyTypes: [Ingress]\negress:\n- {}'));
    expect(ids(f, 'NP302')).toEqual([]);
  });
});

describe('NP305 every pod of every namespace', () => {
  const peer = (p: string) => two + policy('prod', 'p', `podSelector: {matchLabels: {app: web}}\ningress:\n- from:\n  - ${p}`);
  it('fires for namespaceSelector {} alone or with podSelector {}', () => {
    expect(ids(audit(peer('namespaceSelector: {}')), 'NP305').map((x) => x.path)).toEqual(['spec.ingress[0].from[0]']);
    expect(ids(audit(peer('{namespaceSelector: {}, podSelector: {}}')), 'NP305')).toHaveLength(1);
  });
  it('does not fire when the pods are narrowed', () => {
    expect(ids(audit(peer('{namespaceSelector: {}, podSelector: {matchLabels: {app: api}}}')), 'NP305')).toEqual([]);
  });
});

describe('NP303 internet-wide ipBlock', () => {
  const block = (cidr: string) => two + policy('prod', 'p', `podSelector: {}\npolicyTypes: [Egress]\negress:\n- to: [ipBlock: {cidr: "${cidr}"}]`);
  it('fires for 0.0.0.0/0 and ::/0', () => {
    expect(ids(audit(block('0.0.0.0/0')), 'NP303').map((x) => x.path)).toEqual(['spec.egress[0].to[0].ipBlock']);
    expect(ids(audit(block('::/0')), 'NP303')).toHaveLength(1);
  });
  it('does not fire for a bounded range', () => {
    expect(ids(audit(block('203.0.113.0/24')), 'NP303')).toEqual([]);
  });
});

describe('NP304 sensitive namespace open to every namespace', () => {
  const sys = (peer: string, nsName = 'kube-system') =>
    two + ns(nsName, { tier: 'secret' }) + pod(nsName, 'ctl', { app: 'ctl' }) +
    policy(nsName, 'p', `podSelector: {}\ningress:\n- from:\n  - ${peer}\n  ports: [{port: 9090}]`);
  it('fires for namespaceSelector {} into kube-system (and NP305 stays quiet there)', () => {
    expect(ids(audit(sys('namespaceSelector: {}')), 'NP305')).toEqual([]);
    const f = ids(audit(sys('namespaceSelector: {}')), 'NP304');
    expect(f.map((x) => x.resource)).toEqual(['NetworkPolicy kube-system/p']);
    expect(f[0]!.severity).toBe('high');
  });
  it('does not fire for one named namespace', () => {
    expect(ids(audit(sys('namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: prod}}')), 'NP304')).toEqual([]);
  });
  it('sensitive by config: namespace name or labels', () => {
    expect(ids(audit(sys('namespaceSelector: {}', 'vault')), 'NP304')).toEqual([]);
    expect(ids(audit(sys('namespaceSelector: {}', 'vault'), { sensitiveNamespaces: ['vault'] }), 'NP304')).toHaveLength(1);
    expect(ids(audit(sys('namespaceSelector: {}', 'vault'), { sensitiveLabels: { tier: 'secret' } }), 'NP304')).toHaveLength(1);
  });
});

describe('policy-only input (no pods, no declared namespaces)', () => {
  const only = (peer: string) => policy('prod', 'p', `podSelector: {matchLabels: {app: web}}\ningress:\n- from:\n  - ${peer}`);
  it('does not call every selector empty; says why on the notes', async () => {
    const { load } = await import('./helpers.js');
    const { runAudit } = await import('../../src/core/analysis/audit/index.js');
    const { createEngine } = await import('../../src/core/engine/index.js');
    const { cluster } = load(only('namespaceSelector: {matchLabels: {team: b}}'));
    const r = runAudit({ cluster, engineFactory: (c) => createEngine(c) });
    expect(r.findings.filter((f) => f.ruleId === 'NP201' || f.ruleId === 'NP202')).toEqual([]);
    expect(r.notes.join('\n')).toContain('no pods or workloads');
  });
  it('still flags the made-up name label when the namespace it names is referenced', () => {
    const f = ids(audit(only('namespaceSelector: {matchLabels: {name: prod}}')), 'NP201');
    expect(f).toHaveLength(1);
    expect(f[0]!.fix).toContain('kubernetes.io/metadata.name: prod');
  });
});

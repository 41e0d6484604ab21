// NP101–NP104 and NP701: each rule on a minimal manifest that triggers it and a near-identical one that does not.
import { describe, expect, it } from 'vitest';
import { allowDns, audit, denyAll, ids, ns, pod, policy } from './helpers.js';

const base = ns('prod') + pod('prod', 'web', { app: 'web' });

describe('NP101/NP102 namespace without default deny', () => {
  it('fires for a namespace with no podSelector {} policy, with a default-deny snippet', () => {
    const f = audit(base);
    const ing = ids(f, 'NP101');
    expect(ing.map((x) => x.resource)).toEqual(['Namespace prod']);
    expect(ing[0]!.fix).toContain('podSelector: {}');
    expect(ing[0]!.fix).toContain('policyTypes: [Ingress]');
    expect(ing[0]!.source?.line).toBe(1);
    expect(ids(f, 'NP102').map((x) => x.resource)).toEqual(['Namespace prod']);
  });
  it('does not fire when podSelector {} isolates both directions', () => {
    const f = audit(base + denyAll('prod') + allowDns('prod'));
    expect(ids(f, 'NP101')).toEqual([]);
    expect(ids(f, 'NP102')).toEqual([]);
  });
  it('an allow-all rule is no default deny', () => {
    const f = audit(base + policy('prod', 'all', 'podSelector: {}\npolicyTypes: [Ingress]\ningress:\n- {}'));
    expect(ids(f, 'NP101')).toHaveLength(1);
  });
  it('skips system namespaces unless configured', () => {
    const sys = ns('kube-system') + pod('kube-system', 'dns', { 'k8s-app': 'kube-dns' });
    expect(ids(audit(sys), 'NP101')).toEqual([]);
    expect(ids(audit(sys, { ignoreNamespaces: [] }), 'NP101')).toHaveLength(1);
  });
});

describe('NP103/NP104 pod not isolated', () => {
  it('fires per direction for a pod that no policy selects', () => {
    const f = audit(base + policy('prod', 'other', 'podSelector: {matchLabels: {app: db}}'));
    expect(ids(f, 'NP103').map((x) => x.resource)).toEqual(['Pod prod/web']);
    expect(ids(f, 'NP104').map((x) => x.resource)).toEqual(['Pod prod/web']);
    expect(ids(f, 'NP103')[0]!.fix).toContain('app: web');
  });
  it('does not fire when a policy selects the pod for that direction', () => {
    const f = audit(base + policy('prod', 'web', 'podSelector: {matchLabels: {app: web}}'));
    expect(ids(f, 'NP103')).toEqual([]);
    expect(ids(f, 'NP104').map((x) => x.resource)).toEqual(['Pod prod/web']);
  });
  it('pods with the same namespace and labels (replicas) make one finding that names the others', () => {
    const f = ids(audit(base + pod('prod', 'web-2', { app: 'web' }) + pod('prod', 'api', { app: 'api' })), 'NP103');
    expect(f.map((x) => x.resource)).toEqual(['Pod prod/web', 'Pod prod/api']);
    expect(f[0]!.message).toContain('Same for Pod prod/web-2 (same labels).');
  });
  it('names a workload by its kind', () => {
    const deploy = `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: prod}\nspec:\n  selector: {matchLabels: {app: api}}\n  template:\n    metadata: {labels: {app: api}}\n    spec: {containers: [{name: c, image: x}]}\n---\n`;
    const f = audit(ns('prod') + deploy);
    expect(ids(f, 'NP103').map((x) => x.resource)).toEqual(['Deployment prod/api']);
  });
});

describe('NP701 hostNetwork pod', () => {
  const hostPod = (on: boolean) =>
    `apiVersion: v1\nkind: Pod\nmetadata: {name: agent, namespace: prod, labels: {app: agent}}\nspec:\n  hostNetwork: ${on}\n  containers: [{name: c, image: x}]\n---\n`;
  it('fires for a hostNetwork pod and names the policies that select it in vain', () => {
    const f = ids(audit(ns('prod') + hostPod(true) + denyAll('prod')), 'NP701');
    expect(f.map((x) => x.resource)).toEqual(['Pod prod/agent']);
    expect(f[0]!.message).toContain('prod/deny-all');
  });
  it('does not fire without hostNetwork', () => {
    expect(ids(audit(ns('prod') + hostPod(false) + denyAll('prod')), 'NP701')).toEqual([]);
  });
  it('hostNetwork pods are not reported as unisolated', () => {
    expect(ids(audit(ns('prod') + hostPod(true)), 'NP103')).toEqual([]);
  });
});

// NP401/NP402 (broken ports) and NP501/NP502 (DNS): trigger and near-identical non-trigger manifests.
import { describe, expect, it } from 'vitest';
import { allowDns, audit, denyAll, ids, ns, pod, policy } from './helpers.js';

const ports = '\n    ports: [{name: http, containerPort: 8080}, {name: dns, containerPort: 53, protocol: UDP}]';
const base = ns('prod') + pod('prod', 'web', { app: 'web' }, ports) + pod('prod', 'client', { app: 'client' });

describe('NP401 named port resolves on no pod', () => {
  const ing = (port: string) => base + policy('prod', 'p', `podSelector: {matchLabels: {app: web}}\ningress:\n- ports: [{port: ${port}}]`);
  it('ingress: the selected pods lack the name', () => {
    const f = ids(audit(ing('https')), 'NP401');
    expect(f.map((x) => x.path)).toEqual(['spec.ingress[0].ports[0]']);
    expect(f[0]!.fix).toContain('http');
  });
  it('ingress: resolves', () => {
    expect(ids(audit(ing('http')), 'NP401')).toEqual([]);
  });
  const eg = (port: string) => base + policy('prod', 'p', `podSelector: {matchLabels: {app: client}}\npolicyTypes: [Egress]\negress:\n- to: [podSelector: {matchLabels: {app: web}}]\n  ports: [{port: ${port}}]`);
  it('egress: the destination pods lack the name', () => {
    expect(ids(audit(eg('https')), 'NP401').map((x) => x.path)).toEqual(['spec.egress[0].ports[0]']);
    expect(ids(audit(eg('http')), 'NP401')).toEqual([]);
  });
});

describe('NP402 protocol contradicts the container port', () => {
  const ing = (entry: string) => base + policy('prod', 'p', `podSelector: {matchLabels: {app: web}}\ningress:\n- ports: [${entry}]`);
  it('named port with the wrong protocol', () => {
    const f = ids(audit(ing('{port: dns, protocol: TCP}')), 'NP402');
    expect(f).toHaveLength(1);
    expect(f[0]!.fix).toContain('protocol: UDP');
    expect(ids(audit(ing('{port: dns, protocol: UDP}')), 'NP402')).toEqual([]);
  });
  it('numbered port declared with another protocol only', () => {
    expect(ids(audit(ing('{port: 53, protocol: TCP}')), 'NP402')).toHaveLength(1);
    expect(ids(audit(ing('{port: 53, protocol: UDP}')), 'NP402')).toEqual([]);
  });
});

describe('NP501/NP502 egress deny without DNS', () => {
  it('NP501 when egress is denied and nothing allows UDP 53', () => {
    const f = ids(audit(base + denyAll('prod')), 'NP501');
    expect(f.map((x) => x.resource).sort()).toEqual(['Pod prod/client', 'Pod prod/web']);
    expect(f[0]!.fix).toContain('k8s-app: kube-dns');
  });
  it('none with an allowance to kube-dns on UDP and TCP 53', () => {
    const f = audit(base + denyAll('prod') + allowDns('prod'));
    expect(ids(f, 'NP501')).toEqual([]);
    expect(ids(f, 'NP502')).toEqual([]);
  });
  it('NP502 when only UDP 53 is allowed', () => {
    const udp = policy('prod', 'dns', 'podSelector: {}\npolicyTypes: [Egress]\negress:\n- ports: [{protocol: UDP, port: 53}]');
    const f = audit(base + denyAll('prod') + udp);
    expect(ids(f, 'NP501')).toEqual([]);
    expect(ids(f, 'NP502')).toHaveLength(2);
  });
  it('a node-local DNS address counts as an allowance', () => {
    const local = policy('prod', 'dns', 'podSelector: {}\npolicyTypes: [Egress]\negress:\n- to: [ipBlock: {cidr: 169.254.20.10/32}]\n  ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]');
    expect(ids(audit(base + denyAll('prod') + local), 'NP501')).toEqual([]);
  });
  it('real DNS pods whose namespace the selector misses do not count', () => {
    const dnsPod = ns('kube-system') + pod('kube-system', 'coredns', { 'k8s-app': 'kube-dns' });
    const wrong = policy('prod', 'dns', 'podSelector: {}\npolicyTypes: [Egress]\negress:\n- to: [podSelector: {matchLabels: {k8s-app: kube-dns}}]\n  ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]');
    expect(ids(audit(base + dnsPod + denyAll('prod') + wrong), 'NP501')).toHaveLength(2);
  });
  it('no finding for pods not isolated for egress', () => {
    expect(ids(audit(base), 'NP501')).toEqual([]);
  });
});

describe('NP501: an ipBlock of the DNS Service IP is no DNS allowance', () => {
  const svc = `apiVersion: v1\nkind: Service\nmetadata: {name: kube-dns, namespace: kube-system}\nspec:\n  selector: {k8s-app: kube-dns}\n  clusterIP: 10.96.0.10\n  ports: [{name: dns, port: 53, protocol: UDP}]\n---\n`;
  const toSvc = (cidr: string) => policy('prod', 'dns', `podSelector: {}\npolicyTypes: [Egress]\negress:\n- to: [ipBlock: {cidr: ${cidr}}]\n  ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]`);
  it('fires, and says why, when the only allowance is the Service IP', () => {
    const f = ids(audit(base + svc + denyAll('prod') + toSvc('10.96.0.10/32')), 'NP501');
    expect(f.length).toBeGreaterThan(0);
    expect(f[0]!.message).toContain('Service IP 10.96.0.10');
  });
  it('does not fire for an address that is not a Service IP (a node-local cache)', () => {
    expect(ids(audit(base + svc + denyAll('prod') + toSvc('169.254.20.10/32')), 'NP501')).toEqual([]);
  });
});

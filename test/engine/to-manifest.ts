// Model → Kubernetes manifests (YAML), so generated clusters can go through the real loader.
import { stringify } from 'yaml';
import type { Cluster, LabelSelector, NetworkPolicy, Peer, Pod, PolicyPort, Rule } from '../../src/core/model/types.js';
import { IpSet } from '../../src/core/sets/ip-set.js';

const selector = (s: LabelSelector) => ({
  ...(Object.keys(s.matchLabels).length ? { matchLabels: s.matchLabels } : {}),
  ...(s.matchExpressions.length ? { matchExpressions: s.matchExpressions.map((e) => (e.values.length ? e : { key: e.key, operator: e.operator })) } : {}),
});

/** Drops what API validation would reject (except outside cidr, endPort below port), keeping the meaning otherwise. */
function validPeer(p: Peer): Peer {
  if (!p.ipBlock) return p;
  const cidr = IpSet.fromCidr(p.ipBlock.cidr);
  const except = p.ipBlock.except.filter((e) => {
    const x = IpSet.fromCidr(e);
    return x.subtract(cidr).isEmpty() && !x.equals(cidr);
  });
  return { ipBlock: { cidr: p.ipBlock.cidr, except: [...new Set(except)] } };
}
const validPort = (p: PolicyPort): PolicyPort =>
  p.endPort !== undefined && (typeof p.port !== 'number' || p.endPort < p.port) ? { protocol: p.protocol, ...(p.port !== undefined ? { port: p.port } : {}) } : p;

export function sanitizePolicy(p: NetworkPolicy): NetworkPolicy {
  const rules = (rs: readonly Rule[]) => rs.map((r) => ({ peers: r.peers.map(validPeer), ports: r.ports.map(validPort) }));
  return { ...p, ingress: rules(p.ingress), egress: rules(p.egress) };
}

const peer = (p: Peer) => ({
  ...(p.podSelector ? { podSelector: selector(p.podSelector) } : {}),
  ...(p.namespaceSelector ? { namespaceSelector: selector(p.namespaceSelector) } : {}),
  ...(p.ipBlock ? { ipBlock: p.ipBlock.except.length ? p.ipBlock : { cidr: p.ipBlock.cidr } } : {}),
});

const rule = (r: Rule, key: 'from' | 'to') => ({
  ...(r.peers.length ? { [key]: r.peers.map(peer) } : {}),
  ...(r.ports.length ? { ports: r.ports } : {}),
});

export function policyYaml(p: NetworkPolicy): string {
  return stringify({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: p.name, namespace: p.namespace },
    spec: {
      podSelector: selector(p.podSelector),
      policyTypes: p.policyTypes,
      ...(p.ingress.length ? { ingress: p.ingress.map((r) => rule(r, 'from')) } : {}),
      ...(p.egress.length ? { egress: p.egress.map((r) => rule(r, 'to')) } : {}),
    },
  });
}

/** Pods (container port names made unique, as validation requires) and namespaces. */
export function workloadYaml(c: Cluster): string {
  const pod = (p: Pod) => {
    const seen = new Set<string>();
    const ports = p.ports.filter((x) => (x.name === undefined || !seen.has(x.name)) && (x.name === undefined || seen.add(x.name)));
    return {
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: p.name, namespace: p.namespace, labels: p.labels },
      spec: { hostNetwork: p.hostNetwork, containers: [{ name: 'c', image: 'x', ports }] },
      status: p.ips.length ? { podIP: p.ips[0], podIPs: p.ips.map((ip) => ({ ip })) } : { phase: 'Pending' },
    };
  };
  const nss = c.namespaces.map((n) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: n.name, labels: n.labels } }));
  return [...nss, ...c.pods.map(pod)].map((o) => stringify(o)).join('---\n');
}

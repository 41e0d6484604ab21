// Builders for small clusters in tests (the parser is not needed for pure analysis tests).
import type { Cluster, LabelSelector, NetworkPolicy, Peer, Pod, PolicyPort, Rule } from '../../src/core/model/types.js';

export const sel = (matchLabels: Record<string, string> = {}): LabelSelector => ({ matchLabels, matchExpressions: [] });

export function pod(ns: string, name: string, labels: Record<string, string> = {}, extra: Partial<Pod> = {}): Pod {
  return { namespace: ns, name, labels, ips: [], ports: [], hostNetwork: false, fromTemplate: false, ...extra };
}

export const rule = (peers: Peer[] = [], ports: PolicyPort[] = []): Rule => ({ peers, ports });
export const tcp = (port: number, endPort?: number): PolicyPort =>
  endPort === undefined ? { protocol: 'TCP', port } : { protocol: 'TCP', port, endPort };
export const udp = (port: number): PolicyPort => ({ protocol: 'UDP', port });
export const ipb = (cidr: string, except: string[] = []): Peer => ({ ipBlock: { cidr, except } });
export const podPeer = (labels: Record<string, string>): Peer => ({ podSelector: sel(labels) });

export function policy(
  ns: string,
  name: string,
  selector: Record<string, string>,
  spec: { ingress?: Rule[]; egress?: Rule[]; types?: ('Ingress' | 'Egress')[] },
): NetworkPolicy {
  const types = spec.types ?? (spec.egress && spec.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress']);
  return { namespace: ns, name, podSelector: sel(selector), policyTypes: types, ingress: spec.ingress ?? [], egress: spec.egress ?? [] };
}

export function cluster(pods: Pod[], policies: NetworkPolicy[] = []): Cluster {
  const names = [...new Set([...pods.map((p) => p.namespace), ...policies.map((p) => p.namespace)])].sort();
  return {
    namespaces: names.map((n) => ({ name: n, labels: { 'kubernetes.io/metadata.name': n }, implicit: false })),
    pods,
    workloads: [],
    services: [],
    policies,
  };
}

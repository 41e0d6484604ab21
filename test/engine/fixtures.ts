// Tiny builders for the defaulted model, so each case shows only what matters.
import type {
  Cluster, ContainerPort, LabelSelector, LabelSelectorRequirement, Namespace, NetworkPolicy, Peer, Pod,
  PolicyPort, PolicyType, Protocol, Rule,
} from '../../src/core/model/types.js';
import type { Endpoint } from '../../src/core/engine/types.js';

export const sel = (matchLabels: Record<string, string> = {}, matchExpressions: LabelSelectorRequirement[] = []): LabelSelector =>
  ({ matchLabels, matchExpressions });

export const expr = (key: string, operator: LabelSelectorRequirement['operator'], values: string[] = []): LabelSelectorRequirement =>
  ({ key, operator, values });

export const ns = (name: string, labels: Record<string, string> = {}): Namespace =>
  ({ name, labels: { 'kubernetes.io/metadata.name': name, ...labels }, implicit: false });

export interface PodOpts {
  ips?: string[];
  ports?: ContainerPort[];
  hostNetwork?: boolean;
}

/** `pod('x/a', {app: 'web'}, {ips: ['10.0.0.1']})`. */
export function pod(id: string, labels: Record<string, string> = {}, o: PodOpts = {}): Pod {
  const [namespace, name] = id.split('/') as [string, string];
  return { namespace, name, labels, ips: o.ips ?? [], ports: o.ports ?? [], hostNetwork: o.hostNetwork ?? false, fromTemplate: false };
}

export const cport = (containerPort: number, name?: string, protocol: Protocol = 'TCP'): ContainerPort =>
  name === undefined ? { containerPort, protocol } : { name, containerPort, protocol };

export const podPeer = (podSelector?: LabelSelector, namespaceSelector?: LabelSelector): Peer => ({
  ...(podSelector ? { podSelector } : {}),
  ...(namespaceSelector ? { namespaceSelector } : {}),
});

export const ipPeer = (cidr: string, except: string[] = []): Peer => ({ ipBlock: { cidr, except } });

export function port(p?: number | string, protocol: Protocol = 'TCP', endPort?: number): PolicyPort {
  return { protocol, ...(p !== undefined ? { port: p } : {}), ...(endPort !== undefined ? { endPort } : {}) };
}

export const rule = (peers: Peer[] = [], ports: PolicyPort[] = []): Rule => ({ peers, ports });

export interface PolicyOpts {
  podSelector?: LabelSelector;
  ingress?: Rule[];
  egress?: Rule[];
  policyTypes?: PolicyType[];
}

/** Defaults policyTypes like the API server: Ingress, plus Egress when egress rules exist. */
export function policy(id: string, o: PolicyOpts = {}): NetworkPolicy {
  const [namespace, name] = id.split('/') as [string, string];
  const egress = o.egress ?? [];
  const policyTypes = o.policyTypes ?? (egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress']);
  return { namespace, name, podSelector: o.podSelector ?? sel(), policyTypes, ingress: o.ingress ?? [], egress };
}

/** A cluster; namespaces of pods and policies are declared automatically. */
export function cluster(pods: Pod[], policies: NetworkPolicy[] = [], namespaces: Namespace[] = []): Cluster {
  const names = new Set([...pods.map((p) => p.namespace), ...policies.map((p) => p.namespace)]);
  const declared = new Set(namespaces.map((n) => n.name));
  const all = [...namespaces, ...[...names].filter((n) => !declared.has(n)).map((n) => ns(n))];
  return { namespaces: all, pods, workloads: [], services: [], policies };
}

export const podEp = (p: Pod): Endpoint => ({ kind: 'pod', pod: p });
export const ipEp = (ip: string): Endpoint => ({ kind: 'ip', ip });

/** Finds `ns/name` in a cluster, or an IP endpoint for anything with a dot or colon. */
export function ep(c: Cluster, text: string): Endpoint {
  if (!text.includes('/')) return ipEp(text);
  const p = c.pods.find((x) => `${x.namespace}/${x.name}` === text);
  if (!p) throw new Error(`test bug: no pod ${text}`);
  return podEp(p);
}

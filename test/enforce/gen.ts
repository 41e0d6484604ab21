// Small random clusters for the enforcement property tests (seeded, reproducible). Pods keep fixed
// ids, IPs and nodes (so one lab serves every iteration); labels, port names and policies vary.
import type { Cluster, LabelSelector, NetworkPolicy, Peer, Pod, PolicyPort, PolicyType, Protocol, Rule } from '../../src/core/model/types.js';

import { rng } from '../../bench/generate.js';

export type Rng = () => number;

export { rng };

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const chance = (r: Rng, p: number) => r() < p;
const times = <T>(r: Rng, max: number, f: () => T, min = 0): T[] => Array.from({ length: min + Math.floor(r() * (max - min + 1)) }, f);

export const NAMESPACES = ['x', 'y'];
export interface FixedPod {
  readonly namespace: string;
  readonly name: string;
  readonly ips: readonly string[];
  readonly nodeName: string;
}

/** Six pods over two nodes and two namespaces; one is dual-stack (its IPv6 address matters to ipBlocks). */
export const FIXED_PODS: readonly FixedPod[] = [
  { namespace: 'x', name: 'a', ips: ['10.1.0.1'], nodeName: 'node-1' },
  { namespace: 'x', name: 'b', ips: ['10.1.0.2', 'fd00::2'], nodeName: 'node-2' },
  { namespace: 'x', name: 'c', ips: ['10.1.1.3'], nodeName: 'node-1' },
  { namespace: 'y', name: 'a', ips: ['10.2.0.1'], nodeName: 'node-2' },
  { namespace: 'y', name: 'b', ips: ['10.2.0.2'], nodeName: 'node-1' },
  { namespace: 'y', name: 'c', ips: ['10.2.1.3'], nodeName: 'node-2' },
];

const LABELS: Record<string, readonly string[]> = { app: ['web', 'db'], tier: ['front', 'back'] };

function labels(r: Rng): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, vs] of Object.entries(LABELS)) if (chance(r, 0.7)) out[k] = pick(r, vs);
  return out;
}

function selector(r: Rng): LabelSelector {
  if (chance(r, 0.3)) return { matchLabels: {}, matchExpressions: [] };
  const key = pick(r, Object.keys(LABELS));
  if (chance(r, 0.6)) return { matchLabels: { [key]: pick(r, LABELS[key]!) }, matchExpressions: [] };
  const operator = pick(r, ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const);
  const values = operator === 'In' || operator === 'NotIn' ? [pick(r, LABELS[key]!)] : [];
  return { matchLabels: {}, matchExpressions: [{ key, operator, values }] };
}

function nsSelector(r: Rng): LabelSelector {
  if (chance(r, 0.3)) return { matchLabels: {}, matchExpressions: [] };
  if (chance(r, 0.5)) return { matchLabels: { 'kubernetes.io/metadata.name': pick(r, NAMESPACES) }, matchExpressions: [] };
  return { matchLabels: { team: pick(r, ['red', 'blue']) }, matchExpressions: [] };
}

const CIDRS = ['10.1.0.0/16', '10.0.0.0/8', '10.2.0.0/23', '10.1.0.2/32', '0.0.0.0/0', 'fd00::/64', '10.1.0.1/4'];
const EXCEPTS: Record<string, readonly string[]> = {
  '10.1.0.0/16': ['10.1.1.0/24', '10.1.0.2/31'],
  '10.0.0.0/8': ['10.2.0.0/16', '10.1.0.1/32'],
  '10.2.0.0/23': ['10.2.1.0/24'],
  '0.0.0.0/0': ['10.1.0.0/16'],
  'fd00::/64': ['fd00::2/128'],
  '10.1.0.1/4': ['10.1.0.2/32'],
};

function peer(r: Rng): Peer {
  const kind = Math.floor(r() * 4);
  if (kind === 0) {
    const cidr = pick(r, CIDRS);
    const ex = EXCEPTS[cidr] ?? [];
    return { ipBlock: { cidr, except: ex.filter(() => chance(r, 0.5)) } };
  }
  if (kind === 1) return { podSelector: selector(r) };
  if (kind === 2) return { namespaceSelector: nsSelector(r) };
  return { podSelector: selector(r), namespaceSelector: nsSelector(r) };
}

function port(r: Rng): PolicyPort {
  const protocol = pick(r, ['TCP', 'UDP', 'TCP', 'SCTP'] as Protocol[]);
  const k = Math.floor(r() * 4);
  if (k === 0) return { protocol };
  if (k === 1) return { protocol, port: pick(r, [80, 81]) };
  if (k === 2) return { protocol, port: 79, endPort: pick(r, [80, 81]) };
  return { protocol, port: pick(r, ['http', 'alt']) };
}

const rule = (r: Rng): Rule => ({ peers: times(r, 2, () => peer(r)), ports: times(r, 2, () => port(r)) });

function policy(r: Rng, i: number): NetworkPolicy {
  const types: PolicyType[] = pick(r, [['Ingress'], ['Egress'], ['Ingress', 'Egress']] as PolicyType[][]);
  return {
    namespace: pick(r, NAMESPACES),
    name: `p${i}`,
    podSelector: selector(r),
    policyTypes: types,
    ingress: types.includes('Ingress') ? times(r, 2, () => rule(r)) : [],
    egress: types.includes('Egress') ? times(r, 2, () => rule(r)) : [],
  };
}

/** A random cluster over FIXED_PODS: ports 80 and 81 on TCP, UDP and SCTP, names that differ per pod. */
export function genCluster(r: Rng): Cluster {
  const pods: Pod[] = FIXED_PODS.map((f) => {
    const names = chance(r, 0.5) ? ['http', 'alt'] : ['alt', 'http'];
    return {
      ...f,
      labels: labels(r),
      hostNetwork: false,
      fromTemplate: false,
      ports: (['TCP', 'UDP', 'SCTP'] as Protocol[]).flatMap((protocol) => [
        { name: chance(r, 0.8) ? names[0]! : 'other', containerPort: 80, protocol },
        { name: names[1]!, containerPort: 81, protocol },
      ]),
    };
  });
  // SCTP ports get their own names; TCP and UDP share them (a named port matches name AND protocol).
  const uniq = pods.map((p) => ({ ...p, ports: p.ports.map((c) => (c.protocol === 'TCP' ? c : { ...c, name: c.protocol === 'UDP' ? c.name : `${c.name}-s` })) }));
  return {
    namespaces: NAMESPACES.map((name) => ({
      name,
      implicit: false,
      labels: { 'kubernetes.io/metadata.name': name, ...(chance(r, 0.5) ? { team: pick(r, ['red', 'blue']) } : {}) },
    })),
    pods: uniq,
    workloads: [],
    services: [],
    policies: times(r, 4, (() => { let i = 0; return () => policy(r, i++); })(), 1),
  };
}

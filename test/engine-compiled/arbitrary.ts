// fast-check arbitraries for small random clusters that still hit every feature the compiled engine
// compresses: shared labels, named ports, dual-stack and pending pods, hostNetwork, ipBlocks with
// except over pod IPs, namespaceSelector/podSelector/matchExpressions peers, policyTypes variants.
import fc from 'fast-check';
import type {
  Cluster, ContainerPort, LabelSelector, LabelSelectorRequirement, NetworkPolicy, Peer, Pod, PolicyPort, PolicyType, Rule,
} from '../../src/core/model/types.js';
import { cluster, ns, pod } from '../engine/fixtures.js';

const NS = ['a', 'b', 'c'];
const KEYS = ['app', 'tier', 'env'];
const VALUES = ['x', 'y', 'z'];

const labels = fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), { maxKeys: 2 });

const requirement: fc.Arbitrary<LabelSelectorRequirement> = fc.oneof(
  fc.record({ key: fc.constantFrom(...KEYS), operator: fc.constantFrom('In' as const, 'NotIn' as const), values: fc.uniqueArray(fc.constantFrom(...VALUES), { minLength: 1, maxLength: 2 }) }),
  fc.record({ key: fc.constantFrom(...KEYS), operator: fc.constantFrom('Exists' as const, 'DoesNotExist' as const), values: fc.constant([] as string[]) }),
);

const selector: fc.Arbitrary<LabelSelector> = fc.record({
  matchLabels: fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), { maxKeys: 1 }),
  matchExpressions: fc.array(requirement, { maxLength: 1 }),
});

const containerPort: fc.Arbitrary<ContainerPort> = fc.record({
  name: fc.constantFrom('http', 'dns', 'metrics'),
  containerPort: fc.constantFrom(53, 80, 8080, 9090),
  protocol: fc.constantFrom('TCP' as const, 'UDP' as const),
});

const CIDRS = ['10.0.0.0/24', '10.0.0.0/30', '10.0.1.0/24', '0.0.0.0/0', 'fd00::/64', '10.0.0.4/31', '192.168.0.0/16'];
const EXCEPTS: Record<string, string[]> = {
  '10.0.0.0/24': ['10.0.0.0/30', '10.0.0.8/29'],
  '0.0.0.0/0': ['10.0.0.0/24'],
  'fd00::/64': ['fd00::/126'],
  '10.0.1.0/24': ['10.0.1.128/25'],
};

const peer: fc.Arbitrary<Peer> = fc.oneof(
  fc.record({ podSelector: selector }),
  fc.record({ namespaceSelector: selector }),
  fc.record({ podSelector: selector, namespaceSelector: selector }),
  fc.constantFrom(...CIDRS).chain((cidr) =>
    fc.subarray(EXCEPTS[cidr] ?? []).map((except): Peer => ({ ipBlock: { cidr, except } })),
  ),
);

const policyPort: fc.Arbitrary<PolicyPort> = fc.oneof(
  fc.record({ protocol: fc.constantFrom('TCP' as const, 'UDP' as const, 'SCTP' as const) }),
  fc.record({ protocol: fc.constantFrom('TCP' as const, 'UDP' as const), port: fc.constantFrom(53, 80, 8080) }),
  fc.record({ protocol: fc.constant('TCP' as const), port: fc.constantFrom(80, 8000), endPort: fc.constantFrom(8080, 9000) }),
  fc.record({ protocol: fc.constantFrom('TCP' as const, 'UDP' as const), port: fc.constantFrom('http', 'dns', 'nope') }),
);

const rule: fc.Arbitrary<Rule> = fc.record({ peers: fc.array(peer, { maxLength: 2 }), ports: fc.array(policyPort, { maxLength: 2 }) });

export function policyArb(name: string): fc.Arbitrary<NetworkPolicy> {
  return fc
    .record({
      namespace: fc.constantFrom(...NS),
      podSelector: selector,
      ingress: fc.array(rule, { maxLength: 2 }),
      egress: fc.array(rule, { maxLength: 2 }),
      types: fc.constantFrom<PolicyType[]>(['Ingress'], ['Egress'], ['Ingress', 'Egress']),
    })
    .map((p) => ({ namespace: p.namespace, name, podSelector: p.podSelector, policyTypes: p.types, ingress: p.ingress, egress: p.egress }));
}

export const podArb = (i: number): fc.Arbitrary<Pod> =>
  fc
    .record({
      namespace: fc.constantFrom(...NS),
      labels,
      ipKind: fc.constantFrom('v4', 'v4', 'dual', 'none'),
      ports: fc.array(containerPort, { maxLength: 2 }),
      hostNetwork: fc.boolean().map((b) => b && i % 4 === 3),
    })
    .map((p) => {
      const v4 = `10.0.${i % 3 === 0 ? 1 : 0}.${i}`;
      const ips = p.ipKind === 'none' ? [] : p.ipKind === 'dual' ? [v4, `fd00::${i}`] : [v4];
      return pod(`${p.namespace}/p${i}`, p.labels, { ips, ports: p.ports, hostNetwork: p.hostNetwork });
    });

export const clusterArb: fc.Arbitrary<Cluster> = fc
  .record({
    nPods: fc.integer({ min: 1, max: 9 }),
    nPols: fc.integer({ min: 0, max: 5 }),
    nsLabels: fc.array(labels, { minLength: 3, maxLength: 3 }),
  })
  .chain(({ nPods, nPols, nsLabels }) =>
    fc
      .tuple(
        fc.tuple(...Array.from({ length: nPods }, (_, i) => podArb(i))),
        fc.tuple(...Array.from({ length: nPols }, (_, i) => policyArb(`pol${i}`))),
      )
      .map(([pods, pols]) => cluster(pods, pols, NS.map((n, i) => ns(n, nsLabels[i]!)))),
  );

export const IPS = ['10.0.0.2', '10.0.0.9', '10.0.1.200', '8.8.8.8', 'fd00::1', 'fd00::ffff', '192.168.3.3'];

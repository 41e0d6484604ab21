// fast-check generators of small, valid, defaulted clusters with policies (every peer/port shape).
import fc from 'fast-check';
import type { Cluster, LabelSelector, NetworkPolicy, Peer, Pod, PolicyPort, PolicyType, Protocol, Rule } from '../../src/core/model/types.js';
import { ns } from './fixtures.js';

export const NAMESPACES = ['a', 'b', 'c'];
export const EXTERNAL_IPS = ['192.168.1.1', '10.0.0.3', 'fd00::9', '8.8.8.8'];
export const SAMPLE_PORTS = [53, 80, 81, 8080, 8081];
const protocol = fc.constantFrom<Protocol>('TCP', 'UDP', 'SCTP');
const labelKey = fc.constantFrom('app', 'tier');
const labelValue = fc.constantFrom('web', 'db', '1');

const selector: fc.Arbitrary<LabelSelector> = fc.record({
  matchLabels: fc.dictionary(labelKey, labelValue, { maxKeys: 1 }),
  matchExpressions: fc.array(
    fc.record({
      key: labelKey,
      operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist') as fc.Arbitrary<'In' | 'NotIn' | 'Exists' | 'DoesNotExist'>,
      values: fc.uniqueArray(labelValue, { minLength: 1, maxLength: 2 }),
    }).map((r) => (r.operator === 'Exists' || r.operator === 'DoesNotExist' ? { ...r, values: [] } : r)),
    { maxLength: 1 },
  ),
});
const nsSelector: fc.Arbitrary<LabelSelector> = fc.oneof(
  fc.constant({ matchLabels: {}, matchExpressions: [] }),
  fc.constantFrom(...NAMESPACES).map((n) => ({ matchLabels: { 'kubernetes.io/metadata.name': n }, matchExpressions: [] })),
  fc.constant({ matchLabels: { env: 'prod' }, matchExpressions: [] }),
);

const cidr = fc.constantFrom('10.0.0.0/29', '10.0.0.2/31', '10.0.0.0/8', '0.0.0.0/0', '192.168.0.0/16', 'fd00::/64', '::/0', '10.0.0.5/24');
const except = fc.constantFrom('10.0.0.2/32', '10.0.0.4/30', '192.168.1.0/24', 'fd00::8/125');

const peer: fc.Arbitrary<Peer> = fc.oneof(
  fc.record({ podSelector: selector }),
  fc.record({ namespaceSelector: nsSelector }),
  fc.record({ podSelector: selector, namespaceSelector: nsSelector }),
  fc.record({ cidr, except: fc.array(except, { maxLength: 2 }) }).map((b) => ({ ipBlock: b })),
);

const policyPort: fc.Arbitrary<PolicyPort> = fc.oneof(
  protocol.map((p) => ({ protocol: p })),
  fc.record({ protocol, port: fc.constantFrom(53, 80, 8080) }),
  fc.record({ protocol, port: fc.constantFrom(80, 8000), endPort: fc.constantFrom(81, 8080) }),
  fc.record({ protocol, port: fc.constantFrom('http', 'dns') }),
);

const rule: fc.Arbitrary<Rule> = fc.record({ peers: fc.array(peer, { maxLength: 2 }), ports: fc.array(policyPort, { maxLength: 2 }) });

export const policyArb = (name: string): fc.Arbitrary<NetworkPolicy> =>
  fc.record({
    namespace: fc.constantFrom(...NAMESPACES),
    podSelector: selector,
    types: fc.constantFrom<PolicyType[]>(['Ingress'], ['Egress'], ['Ingress', 'Egress']),
    ingress: fc.array(rule, { maxLength: 2 }),
    egress: fc.array(rule, { maxLength: 2 }),
  }).map((p) => ({ namespace: p.namespace, name, podSelector: p.podSelector, policyTypes: p.types, ingress: p.ingress, egress: p.egress }));

const podArb = (i: number): fc.Arbitrary<Pod> =>
  fc.record({
    namespace: fc.constantFrom(...NAMESPACES),
    labels: fc.dictionary(labelKey, labelValue, { maxKeys: 2 }),
    ips: fc.oneof({ weight: 6, arbitrary: fc.constant([`10.0.0.${i + 1}`]) }, { weight: 1, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.constant([`10.0.0.${i + 1}`, `fd00::${i + 1}`]) }),
    hostNetwork: fc.oneof({ weight: 8, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    ports: fc.array(fc.record({ name: fc.constantFrom('http', 'dns'), containerPort: fc.constantFrom(53, 80, 8080, 8081), protocol }), { maxLength: 2 }),
  }).map((p) => ({ ...p, name: `p${i}`, fromTemplate: false }));

export const clusterArb: fc.Arbitrary<Cluster> = fc
  .record({
    pods: fc.tuple(podArb(0), podArb(1), podArb(2), podArb(3)),
    policies: fc.tuple(policyArb('n0'), policyArb('n1'), policyArb('n2'), policyArb('n3')).chain((ps) => fc.subarray(ps)),
    prod: fc.subarray(NAMESPACES),
  })
  .map(({ pods, policies, prod }) => ({
    namespaces: NAMESPACES.map((n) => ns(n, prod.includes(n) ? { env: 'prod' } : {})),
    pods: [...pods],
    workloads: [],
    services: [],
    policies,
  }));

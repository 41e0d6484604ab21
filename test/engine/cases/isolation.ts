// Isolation per direction, union of rules and policies, policyTypes.
import { cluster, ipPeer, pod, policy, port, rule, sel } from '../fixtures.js';
import type { EngineCase } from './types.js';

const a = pod('x/a', { app: 'a' }, { ips: ['10.0.0.1'] });
const b = pod('x/b', { app: 'b' }, { ips: ['10.0.0.2'] });
const c = pod('y/c', { app: 'c' }, { ips: ['10.0.1.3'] });

export const isolationCases: EngineCase[] = [
  {
    rule: 'isolation', name: 'no policy: everything is allowed',
    cluster: cluster([a, b, c]),
    probes: [
      { from: 'x/a', to: 'x/b', port: 80, allowed: true, reason: 'not isolated for ingress' },
      { from: 'x/a', to: '8.8.8.8', protocol: 'UDP', port: 53, allowed: true },
      { from: '8.8.8.8', to: 'y/c', protocol: 'SCTP', port: 9, allowed: true },
    ],
  },
  {
    rule: 'isolation', name: 'deny-all ingress isolates only ingress, only in its namespace',
    cluster: cluster([a, b, c], [policy('x/deny', { podSelector: sel() })]),
    probes: [
      { from: 'y/c', to: 'x/a', port: 80, allowed: false, reason: 'x/deny has no ingress rules' },
      { from: 'x/a', to: 'x/b', port: 80, allowed: false },
      { from: 'x/a', to: 'y/c', port: 80, allowed: true },
      { from: 'x/a', to: '1.1.1.1', port: 443, allowed: true },
    ],
  },
  {
    rule: 'isolation', name: 'policy selects by podSelector only',
    cluster: cluster([a, b], [policy('x/deny-b', { podSelector: sel({ app: 'b' }) })]),
    probes: [
      { from: 'x/a', to: 'x/b', port: 80, allowed: false },
      { from: 'x/b', to: 'x/a', port: 80, allowed: true },
    ],
  },
  {
    rule: 'isolation', name: 'egress-only policy isolates egress, not ingress',
    cluster: cluster([a, b], [policy('x/deny-egress', { policyTypes: ['Egress'] })]),
    probes: [
      { from: 'x/a', to: 'x/b', port: 80, allowed: false, reason: 'isolated for egress by x/deny-egress' },
      { from: '9.9.9.9', to: 'x/a', port: 80, allowed: true },
    ],
  },
  {
    rule: 'isolation', name: 'egress rules are ignored when policyTypes lacks Egress',
    cluster: cluster([a, b], [policy('x/p', { policyTypes: ['Ingress'], ingress: [rule()], egress: [rule([ipPeer('10.9.0.0/16')])] })]),
    probes: [{ from: 'x/a', to: '1.1.1.1', port: 80, allowed: true, reason: 'not isolated for egress' }],
  },
  {
    rule: 'isolation', name: 'ingress rules are ignored when policyTypes is only Egress',
    cluster: cluster([a, b], [policy('x/p', { policyTypes: ['Egress'], ingress: [rule([ipPeer('10.9.0.0/16')])], egress: [rule()] })]),
    probes: [{ from: '1.1.1.1', to: 'x/a', port: 80, allowed: true }],
  },
  {
    rule: 'union', name: 'policies and rules combine by union',
    cluster: cluster([a, b, c], [
      policy('x/p1', { podSelector: sel({ app: 'b' }), ingress: [rule([], [port(80)])] }),
      policy('x/p2', { podSelector: sel({ app: 'b' }), ingress: [rule([], [port(443)]), rule([], [port(8080)])] }),
    ]),
    probes: [
      { from: 'x/a', to: 'x/b', port: 80, allowed: true, ingressBy: ['x/p1 spec.ingress[0] ports[0]'] },
      { from: 'x/a', to: 'x/b', port: 443, allowed: true, ingressBy: ['x/p2 spec.ingress[0] ports[0]'] },
      { from: 'y/c', to: 'x/b', port: 8080, allowed: true, ingressBy: ['x/p2 spec.ingress[1] ports[0]'] },
      { from: 'x/a', to: 'x/b', port: 22, allowed: false, reason: 'x/p1 spec.ingress[0]: every peer matches (no from), port 22/TCP not in [80/TCP]' },
    ],
  },
  {
    rule: 'union', name: 'an empty rule allows every peer and port; every matching rule is reported',
    cluster: cluster([a, b], [policy('x/all', { ingress: [rule(), rule([], [port(80)])] })]),
    probes: [
      { from: 'x/a', to: 'x/b', port: 80, allowed: true, ingressBy: ['x/all spec.ingress[0]', 'x/all spec.ingress[1] ports[0]'] },
      { from: '203.0.113.9', to: 'x/b', protocol: 'UDP', port: 5353, allowed: true, ingressBy: ['x/all spec.ingress[0]'] },
    ],
  },
  {
    rule: 'verdict', name: 'both directions must allow',
    cluster: cluster([a, b], [
      policy('x/a-egress', { podSelector: sel({ app: 'a' }), policyTypes: ['Egress'], egress: [rule([], [port(80)])] }),
      policy('x/b-ingress', { podSelector: sel({ app: 'b' }), ingress: [rule([], [port(443)])] }),
    ]),
    probes: [
      { from: 'x/a', to: 'x/b', port: 80, allowed: false, egressBy: ['x/a-egress spec.egress[0] ports[0]'], ingressBy: [] },
      { from: 'x/a', to: 'x/b', port: 443, allowed: false, egressBy: [], ingressBy: ['x/b-ingress spec.ingress[0] ports[0]'] },
    ],
  },
];

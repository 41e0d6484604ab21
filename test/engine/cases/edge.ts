// Edge cases: pending pods, hostNetwork pods, a pod reaching itself.
import { cluster, ipPeer, pod, podPeer, policy, port, rule, sel } from '../fixtures.js';
import type { EngineCase } from './types.js';

const a = pod('x/a', { app: 'a' }, { ips: ['10.0.0.1'] });
const pending = pod('x/pending', { app: 'p' });
const host = pod('x/host', { app: 'h' }, { ips: ['192.168.0.10'], hostNetwork: true });
const pods = [a, pending, host];

export const edgeCases: EngineCase[] = [
  {
    rule: 'pending pods', name: 'a pending pod is still selected as a target and matched by selectors',
    cluster: cluster(pods, [
      policy('x/p', { podSelector: sel({ app: 'p' }), ingress: [rule([podPeer(sel({ app: 'a' }))])] }),
      policy('x/q', { podSelector: sel({ app: 'a' }), ingress: [rule([podPeer(sel({ app: 'p' }))])] }),
    ]),
    probes: [
      { from: 'x/a', to: 'x/pending', port: 80, allowed: true, ingressBy: ['x/p spec.ingress[0] from[0]'] },
      { from: '10.0.0.9', to: 'x/pending', port: 80, allowed: false },
      { from: 'x/pending', to: 'x/a', port: 80, allowed: true, ingressBy: ['x/q spec.ingress[0] from[0]'] },
    ],
  },
  {
    rule: 'hostNetwork', name: 'policies do not apply to hostNetwork pods as targets',
    cluster: cluster(pods, [policy('x/deny-all', { policyTypes: ['Ingress', 'Egress'] })]),
    probes: [
      { from: '1.2.3.4', to: 'x/host', port: 22, allowed: true, reason: 'uses hostNetwork' },
      { from: 'x/host', to: '1.2.3.4', port: 443, allowed: true },
      { from: 'x/host', to: 'x/a', port: 80, allowed: false },
    ],
  },
  {
    rule: 'hostNetwork', name: 'a hostNetwork source is node traffic: selectors miss it, ipBlocks see its IP',
    cluster: cluster(pods, [
      policy('x/p', { podSelector: sel({ app: 'a' }), ingress: [rule([podPeer(sel())]), rule([ipPeer('192.168.0.0/24')], [port(10250)])] }),
    ]),
    probes: [
      { from: 'x/host', to: 'x/a', port: 80, allowed: false, reason: 'never matches hostNetwork pod' },
      { from: 'x/host', to: 'x/a', port: 10250, allowed: true, ingressBy: ['x/p spec.ingress[1] from[0] ports[0]'] },
      { from: 'x/pending', to: 'x/a', port: 80, allowed: true },
    ],
  },
  {
    rule: 'pod to itself', name: 'a pod may always reach itself; other pods are still denied',
    cluster: cluster(pods, [policy('x/deny-all', { policyTypes: ['Ingress', 'Egress'] })]),
    probes: [
      { from: 'x/a', to: 'x/a', port: 80, allowed: true, reason: 'same pod' },
      { from: 'x/a', to: 'x/pending', port: 80, allowed: false },
    ],
  },
];

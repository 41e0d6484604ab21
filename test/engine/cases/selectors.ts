// Label selectors (matchLabels AND matchExpressions) and peers (podSelector / namespaceSelector / both).
import { cluster, expr, ns, pod, podPeer, policy, rule, sel } from '../fixtures.js';
import type { EngineCase } from './types.js';

const target = pod('x/t', { role: 'target' }, { ips: ['10.0.0.10'] });
const web = pod('x/web', { app: 'web', tier: 'front' }, { ips: ['10.0.0.1'] });
const db = pod('x/db', { app: 'db' }, { ips: ['10.0.0.2'] });
const bare = pod('x/bare', {}, { ips: ['10.0.0.3'] });
const yweb = pod('y/web', { app: 'web' }, { ips: ['10.0.1.1'] });
const zweb = pod('z/web', { app: 'web' }, { ips: ['10.0.2.1'] });
const pods = [target, web, db, bare, yweb, zweb];
const namespaces = [ns('x'), ns('y', { team: 'blue' }), ns('z', { team: 'red' })];

/** Ingress to x/t from a single peer. */
const only = (peer: ReturnType<typeof podPeer>) =>
  cluster(pods, [policy('x/p', { podSelector: sel({ role: 'target' }), ingress: [rule([peer])] })], namespaces);

export const selectorCases: EngineCase[] = [
  {
    rule: 'selectors', name: 'matchLabels requires every pair',
    cluster: only(podPeer(sel({ app: 'web', tier: 'front' }))),
    probes: [
      { from: 'x/web', to: 'x/t', port: 80, allowed: true, ingressBy: ['x/p spec.ingress[0] from[0]'] },
      { from: 'x/db', to: 'x/t', port: 80, allowed: false, reason: 'do not match podSelector app=web,tier=front' },
    ],
  },
  {
    rule: 'selectors', name: 'In',
    cluster: only(podPeer(sel({}, [expr('app', 'In', ['web', 'api'])]))),
    probes: [
      { from: 'x/web', to: 'x/t', port: 80, allowed: true },
      { from: 'x/db', to: 'x/t', port: 80, allowed: false },
      { from: 'x/bare', to: 'x/t', port: 80, allowed: false },
    ],
  },
  {
    rule: 'selectors', name: 'NotIn also matches when the key is absent',
    cluster: only(podPeer(sel({}, [expr('app', 'NotIn', ['web'])]))),
    probes: [
      { from: 'x/web', to: 'x/t', port: 80, allowed: false },
      { from: 'x/db', to: 'x/t', port: 80, allowed: true },
      { from: 'x/bare', to: 'x/t', port: 80, allowed: true },
    ],
  },
  {
    rule: 'selectors', name: 'Exists and DoesNotExist',
    cluster: cluster(pods, [
      policy('x/p', { podSelector: sel({ role: 'target' }), ingress: [rule([podPeer(sel({}, [expr('tier', 'Exists')])), podPeer(sel({}, [expr('app', 'DoesNotExist')]))])] }),
    ], namespaces),
    probes: [
      { from: 'x/web', to: 'x/t', port: 80, allowed: true, ingressBy: ['x/p spec.ingress[0] from[0]'] },
      { from: 'x/bare', to: 'x/t', port: 80, allowed: true, ingressBy: ['x/p spec.ingress[0] from[1]'] },
      { from: 'x/db', to: 'x/t', port: 80, allowed: false },
    ],
  },
  {
    rule: 'selectors', name: 'matchLabels AND matchExpressions',
    cluster: only(podPeer(sel({ app: 'web' }, [expr('tier', 'NotIn', ['front'])]))),
    probes: [
      { from: 'x/web', to: 'x/t', port: 80, allowed: false },
      { from: 'x/db', to: 'x/t', port: 80, allowed: false },
    ],
  },
  {
    rule: 'selectors', name: 'policy podSelector with expressions selects targets',
    cluster: cluster(pods, [policy('x/p', { podSelector: sel({}, [expr('app', 'In', ['db'])]) })], namespaces),
    probes: [
      { from: 'x/web', to: 'x/db', port: 80, allowed: false },
      { from: 'x/db', to: 'x/web', port: 80, allowed: true },
    ],
  },
  {
    rule: 'peers', name: 'podSelector alone means the policy namespace',
    cluster: only(podPeer(sel({ app: 'web' }))),
    probes: [
      { from: 'x/web', to: 'x/t', port: 80, allowed: true },
      { from: 'y/web', to: 'x/t', port: 80, allowed: false, reason: 'matches only namespace x, not y' },
    ],
  },
  {
    rule: 'peers', name: 'podSelector {} alone means every pod of the policy namespace, no IPs',
    cluster: only(podPeer(sel())),
    probes: [
      { from: 'x/bare', to: 'x/t', port: 80, allowed: true },
      { from: 'z/web', to: 'x/t', port: 80, allowed: false },
      { from: '10.0.0.99', to: 'x/t', port: 80, allowed: false, reason: 'selector peer matches pods only' },
    ],
  },
  {
    rule: 'peers', name: 'namespaceSelector alone means every pod of matching namespaces',
    cluster: only(podPeer(undefined, sel({ team: 'blue' }))),
    probes: [
      { from: 'y/web', to: 'x/t', port: 80, allowed: true },
      { from: 'z/web', to: 'x/t', port: 80, allowed: false, reason: 'namespace z does not match namespaceSelector team=blue' },
      { from: 'x/web', to: 'x/t', port: 80, allowed: false },
    ],
  },
  {
    rule: 'peers', name: 'namespaceSelector {} means every pod of every namespace',
    cluster: only(podPeer(undefined, sel())),
    probes: [
      { from: 'z/web', to: 'x/t', port: 80, allowed: true },
      { from: 'x/db', to: 'x/t', port: 80, allowed: true },
      { from: '192.0.2.1', to: 'x/t', port: 80, allowed: false },
    ],
  },
  {
    rule: 'peers', name: 'podSelector and namespaceSelector in one peer: AND',
    cluster: only(podPeer(sel({ app: 'web' }), sel({ team: 'red' }))),
    probes: [
      { from: 'z/web', to: 'x/t', port: 80, allowed: true },
      { from: 'y/web', to: 'x/t', port: 80, allowed: false },
      { from: 'x/web', to: 'x/t', port: 80, allowed: false },
    ],
  },
  {
    rule: 'peers', name: 'two peers: OR',
    cluster: cluster(pods, [
      policy('x/p', { podSelector: sel({ role: 'target' }), ingress: [rule([podPeer(sel({ app: 'db' })), podPeer(undefined, sel({ team: 'red' }))])] }),
    ], namespaces),
    probes: [
      { from: 'x/db', to: 'x/t', port: 80, allowed: true, ingressBy: ['x/p spec.ingress[0] from[0]'] },
      { from: 'z/web', to: 'x/t', port: 80, allowed: true, ingressBy: ['x/p spec.ingress[0] from[1]'] },
      { from: 'y/web', to: 'x/t', port: 80, allowed: false },
    ],
  },
  {
    rule: 'peers', name: 'egress peers: namespaceSelector and podSelector on the destination',
    cluster: cluster(pods, [
      policy('x/p', { podSelector: sel({ app: 'web' }), policyTypes: ['Egress'], egress: [rule([podPeer(sel({ app: 'web' }), sel({ team: 'blue' }))])] }),
    ], namespaces),
    probes: [
      { from: 'x/web', to: 'y/web', port: 80, allowed: true, egressBy: ['x/p spec.egress[0] to[0]'] },
      { from: 'x/web', to: 'z/web', port: 80, allowed: false, reason: 'to[0]: namespace z' },
      { from: 'x/web', to: '8.8.8.8', port: 53, allowed: false },
      { from: 'x/db', to: '8.8.8.8', port: 53, allowed: true },
    ],
  },
  {
    rule: 'peers', name: 'a namespace that was never declared still has kubernetes.io/metadata.name',
    cluster: {
      ...only(podPeer(undefined, sel({ 'kubernetes.io/metadata.name': 'q' }))),
      pods: [...pods, pod('q/p', {}, { ips: ['10.0.9.9'] })],
    },
    probes: [{ from: 'q/p', to: 'x/t', port: 80, allowed: true }],
  },
];

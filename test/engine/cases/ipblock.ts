// ipBlock: cidr minus excepts, host bits masked, matched against external IPs and pod IPs; IPv6; scope.
import { cluster, ipPeer, pod, policy, rule, sel } from '../fixtures.js';
import type { EngineCase } from './types.js';

const t = pod('x/t', { role: 't' }, { ips: ['10.0.1.10'] });
const a = pod('x/a', { app: 'a' }, { ips: ['10.0.1.1'] });
const b = pod('y/b', { app: 'b' }, { ips: ['10.0.2.2'] });
const pending = pod('y/pending', { app: 'b' });
const v6 = pod('x/v6', { app: 'v6' }, { ips: ['fd00::10'] });
const dual = pod('y/dual', { app: 'dual' }, { ips: ['10.0.2.7', 'fd00::7'] });
const pods = [t, a, b, pending, v6, dual];

const ingressFrom = (...peers: ReturnType<typeof ipPeer>[]) =>
  cluster(pods, [policy('x/p', { podSelector: sel({ role: 't' }), ingress: [rule(peers)] })]);
const egressTo = (...peers: ReturnType<typeof ipPeer>[]) =>
  cluster(pods, [policy('x/p', { podSelector: sel({ role: 't' }), policyTypes: ['Egress'], egress: [rule(peers)] })]);

export const ipBlockCases: EngineCase[] = [
  {
    rule: 'ipBlock', name: 'cidr matches external addresses; except carves holes',
    cluster: ingressFrom(ipPeer('192.168.0.0/16', ['192.168.1.0/24'])),
    probes: [
      { from: '192.168.0.5', to: 'x/t', port: 80, allowed: true, ingressBy: ['x/p spec.ingress[0] from[0]'] },
      { from: '192.168.1.5', to: 'x/t', port: 80, allowed: false, reason: 'does not contain 192.168.1.5' },
      { from: '192.168.255.255', to: 'x/t', port: 80, allowed: true },
      { from: '192.169.0.1', to: 'x/t', port: 80, allowed: false },
    ],
  },
  {
    rule: 'ipBlock', name: 'ipBlock matches pod IPs too (upstream e2e 034-036)',
    cluster: ingressFrom(ipPeer('10.0.2.2/32')),
    probes: [
      { from: 'y/b', to: 'x/t', port: 80, allowed: true, ingressBy: ['x/p spec.ingress[0] from[0]'] },
      { from: 'x/a', to: 'x/t', port: 80, allowed: false },
    ],
  },
  {
    rule: 'ipBlock', name: 'scope external: ipBlock never matches a pod (netpol-analyzer, Cilium)',
    scope: 'external',
    cluster: ingressFrom(ipPeer('10.0.0.0/8')),
    probes: [
      { from: 'y/b', to: 'x/t', port: 80, allowed: false, reason: 'never matches pods' },
      { from: '10.9.9.9', to: 'x/t', port: 80, allowed: true },
    ],
  },
  {
    rule: 'ipBlock', name: 'host bits in cidr are masked (Go ParseCIDR): 10.0.1.1/4 = 0.0.0.0/4',
    cluster: ingressFrom(ipPeer('10.0.1.1/4', ['10.0.1.1/32'])),
    probes: [
      { from: 'y/b', to: 'x/t', port: 80, allowed: true },
      { from: 'x/a', to: 'x/t', port: 80, allowed: false },
      { from: '15.255.255.255', to: 'x/t', port: 80, allowed: true },
      { from: '16.0.0.0', to: 'x/t', port: 80, allowed: false },
    ],
  },
  {
    rule: 'ipBlock', name: 'IPv6 cidr and except; families never mix',
    cluster: ingressFrom(ipPeer('2001:db8::/32', ['2001:db8:1::/48']), ipPeer('fd00::/64')),
    probes: [
      { from: '2001:db8:2::1', to: 'x/t', port: 80, allowed: true, ingressBy: ['x/p spec.ingress[0] from[0]'] },
      { from: '2001:db8:1::1', to: 'x/t', port: 80, allowed: false },
      { from: 'x/v6', to: 'x/t', port: 80, allowed: true, ingressBy: ['x/p spec.ingress[0] from[1]'] },
      { from: '32.1.13.184', to: 'x/t', port: 80, allowed: false },
    ],
  },
  {
    rule: 'ipBlock', name: 'a dual-stack pod matches when any of its IPs is inside',
    cluster: ingressFrom(ipPeer('fd00::/64')),
    probes: [
      { from: 'y/dual', to: 'x/t', port: 80, allowed: true },
      { from: 'y/b', to: 'x/t', port: 80, allowed: false },
    ],
  },
  {
    rule: 'pending pods', name: 'a pod without IP never matches an ipBlock, even 0.0.0.0/0',
    cluster: ingressFrom(ipPeer('0.0.0.0/0'), ipPeer('::/0')),
    probes: [
      { from: 'y/pending', to: 'x/t', port: 80, allowed: false, reason: 'has no IP (pending)' },
      { from: 'y/b', to: 'x/t', port: 80, allowed: true },
    ],
  },
  {
    rule: 'ipBlock', name: 'egress ipBlock to external and pod destinations',
    cluster: egressTo(ipPeer('0.0.0.0/0', ['10.0.0.0/8'])),
    probes: [
      { from: 'x/t', to: '8.8.8.8', protocol: 'UDP', port: 53, allowed: true, egressBy: ['x/p spec.egress[0] to[0]'] },
      { from: 'x/t', to: '10.1.2.3', port: 80, allowed: false },
      { from: 'x/t', to: 'y/b', port: 80, allowed: false },
      { from: 'x/t', to: 'fd00::7', port: 80, allowed: false },
    ],
  },
];

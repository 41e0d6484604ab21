// Ports: numeric, endPort, protocol default, protocol-only entries, named ports, SCTP.
import { cluster, cport, ipPeer, pod, podPeer, policy, port, rule, sel } from '../fixtures.js';
import type { EngineCase } from './types.js';

const srv = pod('x/srv', { app: 'srv' }, {
  ips: ['10.0.0.1'],
  ports: [cport(8080, 'http'), cport(5353, 'dns', 'UDP'), cport(9000, 'metrics'), cport(3868, 'diam', 'SCTP')],
});
const alt = pod('x/alt', { app: 'alt' }, { ips: ['10.0.0.2'], ports: [cport(9090, 'http')] });
const cli = pod('x/cli', { app: 'cli' }, { ips: ['10.0.0.3'] });
const pods = [srv, alt, cli];

const ingress = (...ports: ReturnType<typeof port>[]) =>
  cluster(pods, [policy('x/p', { podSelector: sel({ app: 'srv' }), ingress: [rule([], ports)] })]);

export const portCases: EngineCase[] = [
  {
    rule: 'ports', name: 'numeric port; the protocol is part of the match',
    cluster: ingress(port(53, 'UDP')),
    probes: [
      { from: 'x/cli', to: 'x/srv', protocol: 'UDP', port: 53, allowed: true, ingressBy: ['x/p spec.ingress[0] ports[0]'] },
      { from: 'x/cli', to: 'x/srv', protocol: 'TCP', port: 53, allowed: false, reason: 'port 53/TCP not in [53/UDP]' },
    ],
  },
  {
    rule: 'ports', name: 'endPort is inclusive',
    cluster: ingress(port(8000, 'TCP', 8080)),
    probes: [
      { from: 'x/cli', to: 'x/srv', port: 7999, allowed: false },
      { from: 'x/cli', to: 'x/srv', port: 8000, allowed: true },
      { from: 'x/cli', to: 'x/srv', port: 8080, allowed: true },
      { from: 'x/cli', to: 'x/srv', port: 8081, allowed: false, reason: 'not in [8000-8080/TCP]' },
    ],
  },
  {
    rule: 'ports', name: 'a ports entry with only a protocol allows every port of it (upstream e2e 030)',
    cluster: ingress(port(undefined, 'TCP')),
    probes: [
      { from: 'x/cli', to: 'x/srv', port: 1, allowed: true },
      { from: 'x/cli', to: 'x/srv', port: 65535, allowed: true },
      { from: 'x/cli', to: 'x/srv', protocol: 'UDP', port: 53, allowed: false },
    ],
  },
  {
    rule: 'ports', name: 'SCTP is its own protocol (upstream e2e 038/039, 046-048)',
    cluster: ingress(port(3868, 'SCTP')),
    probes: [
      { from: 'x/cli', to: 'x/srv', protocol: 'SCTP', port: 3868, allowed: true },
      { from: 'x/cli', to: 'x/srv', protocol: 'TCP', port: 3868, allowed: false },
    ],
  },
  {
    rule: 'named ports', name: 'ingress named port resolves on the destination pod, name and protocol',
    cluster: ingress(port('http'), port('dns', 'UDP'), port('dns', 'TCP')),
    probes: [
      { from: 'x/cli', to: 'x/srv', port: 8080, allowed: true, ingressBy: ['x/p spec.ingress[0] ports[0]'] },
      { from: 'x/cli', to: 'x/srv', port: 9000, allowed: false, reason: 'http/TCP (=8080)' },
      { from: 'x/cli', to: 'x/srv', protocol: 'UDP', port: 5353, allowed: true, ingressBy: ['x/p spec.ingress[0] ports[1]'] },
      { from: 'x/cli', to: 'x/srv', protocol: 'TCP', port: 5353, allowed: false },
    ],
  },
  {
    rule: 'named ports', name: 'egress named port resolves on each destination (upstream e2e 019)',
    cluster: cluster(pods, [policy('x/p', { podSelector: sel({ app: 'cli' }), policyTypes: ['Egress'], egress: [rule([], [port('http')])] })]),
    probes: [
      { from: 'x/cli', to: 'x/srv', port: 8080, allowed: true, egressBy: ['x/p spec.egress[0] ports[0]'] },
      { from: 'x/cli', to: 'x/alt', port: 9090, allowed: true },
      { from: 'x/cli', to: 'x/alt', port: 8080, allowed: false, reason: 'http/TCP (=9090)' },
    ],
  },
  {
    rule: 'named ports', name: 'a named port never matches an external destination',
    cluster: cluster(pods, [policy('x/p', { podSelector: sel({ app: 'cli' }), policyTypes: ['Egress'], egress: [rule([ipPeer('0.0.0.0/0')], [port('http')])] })]),
    probes: [
      { from: 'x/cli', to: '93.184.216.34', port: 8080, allowed: false, reason: 'never matches an external destination' },
      { from: 'x/cli', to: 'x/srv', port: 8080, allowed: true },
    ],
  },
  {
    rule: 'named ports', name: 'named port missing on the destination matches nothing',
    cluster: cluster(pods, [policy('x/p', { podSelector: sel({ app: 'alt' }), ingress: [rule([podPeer(sel())], [port('metrics')])] })]),
    probes: [
      { from: 'x/cli', to: 'x/alt', port: 9000, allowed: false, reason: 'not a container port of x/alt' },
    ],
  },
];

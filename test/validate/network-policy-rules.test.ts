// One test per rule of upstream's ValidateNetworkPolicy, with upstream's message text.
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../../src/core/parse/index.js';
import { found, policy } from './helpers.js';

const ingressPort = (port: string) => policy(`  podSelector: {}\n  ingress:\n  - ports: [${port}]`);
const fromPeer = (peer: string) => policy(`  podSelector: {}\n  ingress:\n  - from: [${peer}]`);

describe('ports (ValidateNetworkPolicyPort)', () => {
  it('accepts numbers 1..65535, names, ranges and TCP/UDP/SCTP', () => {
    expect(found(ingressPort('{port: 1}, {port: 65535, protocol: UDP}, {port: dns, protocol: SCTP}, {port: 80, endPort: 90}'))).toEqual([]);
  });
  it('port numbers must be 1..65535', () => {
    expect(found(ingressPort('{port: 0}, {port: 65536}'))).toEqual([
      'spec.ingress[0].ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
      'spec.ingress[0].ports[1].port: Invalid value: 65536: must be between 1 and 65535, inclusive',
    ]);
  });
  it('protocol must be TCP, UDP or SCTP', () => {
    expect(found(ingressPort('{protocol: HTTP}'))).toEqual([
      'spec.ingress[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "TCP", "UDP", "SCTP"',
    ]);
  });
  it('endPort must be >= port (upstream quotes the value of port)', () => {
    expect(found(ingressPort('{port: 10, endPort: 1}'))).toEqual([
      'spec.ingress[0].ports[0].endPort: Invalid value: 10: must be greater than or equal to `port`',
    ]);
  });
  it('endPort must itself be a valid port number', () => {
    expect(found(ingressPort('{port: 10, endPort: 70000}'))).toEqual([
      'spec.ingress[0].ports[0].endPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ]);
  });
  it('endPort needs a numeric port', () => {
    expect(found(ingressPort('{port: http, endPort: 90}'))).toEqual([
      'spec.ingress[0].ports[0].endPort: Invalid value: 90: may not be specified when `port` is non-numeric',
    ]);
    expect(found(ingressPort('{endPort: 90}'))).toEqual([
      'spec.ingress[0].ports[0].endPort: Invalid value: 90: may not be specified when `port` is not specified',
    ]);
  });
  it('named ports follow IANA_SVC_NAME', () => {
    expect(found(ingressPort('{port: "80"}'))).toEqual([
      'spec.ingress[0].ports[0].port: Invalid value: "80": must contain at least one letter (a-z)',
    ]);
    expect(found(ingressPort('{port: Http_Port-}'))).toEqual([
      'spec.ingress[0].ports[0].port: Invalid value: "Http_Port-": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'spec.ingress[0].ports[0].port: Invalid value: "Http_Port-": must not begin or end with a hyphen',
    ]);
    expect(found(ingressPort('{port: a--b}'))).toEqual([
      'spec.ingress[0].ports[0].port: Invalid value: "a--b": must not contain consecutive hyphens',
    ]);
    expect(found(ingressPort('{port: abcdefghijklmnop}'))).toEqual([
      'spec.ingress[0].ports[0].port: Invalid value: "abcdefghijklmnop": must be no more than 15 characters',
    ]);
  });
  it('checks egress ports too', () => {
    expect(found(policy('  podSelector: {}\n  egress:\n  - ports: [{port: 0}]'))).toEqual([
      'spec.egress[0].ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
    ]);
  });
});

describe('peers (ValidateNetworkPolicyPeer)', () => {
  it('a peer must specify something; null selectors count as absent', () => {
    expect(found(fromPeer('{}'))).toEqual(['spec.ingress[0].from[0]: Required value: must specify a peer']);
    expect(found(fromPeer('{podSelector: null}'))).toEqual(['spec.ingress[0].from[0]: Required value: must specify a peer']);
  });
  it('ipBlock may not be combined with a selector; pod+namespace selectors may', () => {
    expect(found(fromPeer('{ipBlock: {cidr: 10.0.0.0/8}, namespaceSelector: {}}'))).toEqual([
      'spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer',
    ]);
    expect(found(fromPeer('{podSelector: {}, namespaceSelector: {}}'))).toEqual([]);
  });
  it('egress peers live under `to`', () => {
    expect(found(policy('  podSelector: {}\n  egress:\n  - to: [{}]'))).toEqual(['spec.egress[0].to[0]: Required value: must specify a peer']);
  });
});

describe('ipBlock (ValidateIPBlock)', () => {
  it('cidr is required and must be a valid IPv4 or IPv6 CIDR', () => {
    expect(found(fromPeer('{ipBlock: {cidr: ""}}'))).toEqual(['spec.ingress[0].from[0].ipBlock.cidr: Required value']);
    for (const bad of ['A', '10.0.0.0', '10.0.0.0/33', '300.1.1.1/8', 'fd00::/129']) {
      expect(found(fromPeer(`{ipBlock: {cidr: "${bad}"}}`))).toEqual([
        `spec.ingress[0].from[0].ipBlock.cidr: Invalid value: "${bad}": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)`,
      ]);
    }
    expect(found(fromPeer('{ipBlock: {cidr: "fd00::/64", except: ["fd00::/80"]}}'))).toEqual([]);
  });
  it('each except must be a strict subset of cidr, in the same family', () => {
    const text = fromPeer('{ipBlock: {cidr: 10.0.0.0/16, except: [10.1.0.0/8, 10.0.0.0/16, 11.0.0.0/24, "fd00::/64", 10.0.5.0/24, x]}}');
    expect(found(text)).toEqual([
      'spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: "10.1.0.0/8": must be a strict subset of `cidr`',
      'spec.ingress[0].from[0].ipBlock.except[1]: Invalid value: "10.0.0.0/16": must be a strict subset of `cidr`',
      'spec.ingress[0].from[0].ipBlock.except[2]: Invalid value: "11.0.0.0/24": must be a strict subset of `cidr`',
      'spec.ingress[0].from[0].ipBlock.except[3]: Invalid value: "fd00::/64": must be a strict subset of `cidr`',
      'spec.ingress[0].from[0].ipBlock.except[5]: Invalid value: "x": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
    ]);
  });
  it('points at the offending field: file, line and column', () => {
    const text = policy(
      ['  podSelector: {}', '  ingress:', '  - from:', '    - ipBlock:', '        cidr: 10.0.0.0/16', '        except:', '        - 10.1.0.0/8'].join('\n'),
    );
    const p = loadCluster([{ file: 'policies/db.yaml', text }]).problems[0]!;
    expect(p.source).toEqual({ file: 'policies/db.yaml', line: 13, column: 11 });
    expect(p.object).toBe('NetworkPolicy ns/np');
  });
});

describe('policyTypes', () => {
  it('holds only Ingress or Egress', () => {
    expect(found(policy('  podSelector: {}\n  policyTypes: [Ingress, ingress]'))).toEqual([
      'spec.policyTypes[1]: Unsupported value: "ingress": supported values: "Ingress", "Egress"',
    ]);
  });
  it('at most two', () => {
    expect(found(policy('  podSelector: {}\n  policyTypes: [Ingress, Egress, Ingress]'))).toEqual([
      'spec.policyTypes: Invalid value: []networking.PolicyType{"Ingress", "Egress", "Ingress"}: may not specify more than two policyTypes',
    ]);
  });
});

describe('object names', () => {
  it('metadata.name is required', () => {
    const text = 'kind: NetworkPolicy\nmetadata: {namespace: ns}\nspec: {podSelector: {}}\n';
    expect(found(text)).toEqual(['metadata.name: Required value: name or generateName is required']);
  });
  it('a name that is not a DNS-1123 subdomain is reported in upstream words (as a warning)', () => {
    expect(found(policy('  podSelector: {}', 'Bad_Name'), 'warning')).toEqual([
      `metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    ]);
  });
  it('namespace names are DNS-1123 labels (an error: it is part of every reference)', () => {
    const text = 'kind: NetworkPolicy\nmetadata: {name: a, namespace: my.ns}\nspec: {podSelector: {}}\n';
    expect(found(text)).toEqual([
      `metadata.namespace: Invalid value: "my.ns": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    ]);
  });
  it('invalid policies are left out of the cluster; valid ones stay', () => {
    const r = loadCluster([{ file: 'a.yaml', text: `${fromPeer('{}')}---\n${policy('  podSelector: {}', 'ok')}` }]);
    expect(r.cluster.policies.map((p) => p.name)).toEqual(['ok']);
  });
});

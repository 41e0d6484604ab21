// NetworkPolicyPort matching. Upstream: NetworkPolicyPort docs (protocol defaults to TCP, port absent =
// every port, endPort inclusive) and e2e "named port" tests: a named port resolves against the
// DESTINATION pod's container ports, for ingress and egress alike, name and protocol both matching.
import type { PolicyPort, Protocol } from '../model/types.js';
import { ConnectionSet } from '../sets/connection-set.js';
import { PortSet } from '../sets/port-set.js';
import type { Endpoint } from './types.js';

/** The ports a NetworkPolicyPort admits towards `dst` (named ports: none for an external dst). */
export function policyPortSet(pp: PolicyPort, dst: Endpoint): ConnectionSet {
  if (pp.port === undefined) return ConnectionSet.of(pp.protocol, PortSet.ALL);
  if (typeof pp.port === 'number') return ConnectionSet.of(pp.protocol, PortSet.range(pp.port, pp.endPort ?? pp.port));
  if (dst.kind !== 'pod') return ConnectionSet.NONE;
  const name = pp.port;
  const nums = dst.pod.ports.filter((c) => c.name === name && c.protocol === pp.protocol).map((c) => c.containerPort);
  return ConnectionSet.of(pp.protocol, PortSet.of(nums.map((n) => [n, n] as const)));
}

/** The ports a rule's port list admits: empty list = every port of every protocol. */
export function rulePortSet(ports: readonly PolicyPort[], dst: Endpoint): ConnectionSet {
  if (ports.length === 0) return ConnectionSet.ALL;
  let out = ConnectionSet.NONE;
  for (const pp of ports) out = out.union(policyPortSet(pp, dst));
  return out;
}

/** Does one NetworkPolicyPort admit protocol/port towards dst? */
export function matchPolicyPort(pp: PolicyPort, dst: Endpoint, protocol: Protocol, port: number): boolean {
  if (pp.protocol !== protocol) return false;
  return policyPortSet(pp, dst).has(protocol, port);
}

/** "6379/TCP", "8000-8080/TCP", "http/TCP", "all/UDP". */
export function describePolicyPort(pp: PolicyPort): string {
  if (pp.port === undefined) return `all/${pp.protocol}`;
  if (typeof pp.port === 'string') return `${pp.port}/${pp.protocol}`;
  return `${pp.endPort !== undefined ? `${pp.port}-${pp.endPort}` : pp.port}/${pp.protocol}`;
}

/** "[6379/TCP, http/TCP]"; an empty list is every port. */
export function describePorts(ports: readonly PolicyPort[]): string {
  return ports.length === 0 ? 'all ports' : `[${ports.map(describePolicyPort).join(', ')}]`;
}

// Shared words for verdict reasons, so every engine explains the same way.
import type { PolicyPort } from '../model/types.js';
import type { Endpoint, RuleRef } from './types.js';
import { endpointId } from './endpoints.js';
import { describePolicyPort } from './ports.js';

/** `ns/policy spec.ingress[i] from[j] ports[k]` (peer/port index omitted when the rule has none). */
export function formatRuleRef(r: RuleRef): string {
  const dir = r.direction === 'Ingress' ? 'ingress' : 'egress';
  const peer = r.peerIndex === undefined ? '' : ` ${r.direction === 'Ingress' ? 'from' : 'to'}[${r.peerIndex}]`;
  const port = r.portIndex === undefined ? '' : ` ports[${r.portIndex}]`;
  return `${r.policy} spec.${dir}[${r.ruleIndex}]${peer}${port}`;
}

/** "pod ns/name (namespace ns)" or "external address 1.2.3.4". */
export function describeEndpoint(ep: Endpoint): string {
  return ep.kind === 'ip' ? `external address ${ep.ip}` : `pod ${endpointId(ep)}`;
}

/** A rule's ports as seen from dst: named ports show what they resolve to on the destination. */
export function describePortsAt(ports: readonly PolicyPort[], dst: Endpoint): string {
  if (ports.length === 0) return 'all ports';
  const one = (pp: PolicyPort): string => {
    const base = describePolicyPort(pp);
    if (typeof pp.port !== 'string') return base;
    if (dst.kind !== 'pod') return `${base} (named port, never matches an external destination)`;
    const hit = dst.pod.ports.filter((c) => c.name === pp.port && c.protocol === pp.protocol);
    return hit.length ? `${base} (=${hit.map((c) => c.containerPort).join(',')})` : `${base} (not a container port of ${endpointId(dst)})`;
  };
  return `[${ports.map(one).join(', ')}]`;
}

export const SELF_REASON =
  'same pod: traffic from a pod to itself stays in its network namespace, so NetworkPolicy does not apply';

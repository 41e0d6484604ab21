// Filters of `netpol analyze`: --focus, --namespace, --protocol, --port. They choose which pairs
// are listed; they never change an allowed set.
import type { Protocol } from '../model/types.js';
import { parseIp } from '../sets/ip-set.js';
import type { ConnectionSet } from '../sets/connection-set.js';
import type { AnalysisEndpoint } from './types.js';

export interface ConnectivityFilter {
  /** An endpoint id (`ns/name`, `ns/name[Kind]`, `a-b`), `ns/name` of a workload, or an IP in a block. */
  readonly focus?: string;
  /** Only pairs with at least one side in this namespace. */
  readonly namespace?: string;
  readonly protocol?: Protocol;
  readonly port?: number;
}

/** True when `text` names the endpoint. */
export function endpointMatches(ep: AnalysisEndpoint, text: string): boolean {
  if (ep.id === text) return true;
  if (ep.type === 'external') {
    const ip = parseIp(text);
    return ip !== undefined && ip.family === ep.atom.family && ip.value >= ep.atom.first && ip.value <= ep.atom.last;
  }
  // `ns/name` names a workload too; `ns/pod` names the workload that holds the pod.
  if (`${ep.namespace}/${ep.name}` === text) return true;
  return ep.pods.some((p) => `${p.namespace}/${p.name}` === text || p.ips.includes(text));
}

export function pairFilter(f: ConnectivityFilter): (a: AnalysisEndpoint, b: AnalysisEndpoint) => boolean {
  const inNs = (e: AnalysisEndpoint) => e.type === 'cluster' && e.namespace === f.namespace;
  return (a, b) => {
    if (f.focus !== undefined && !endpointMatches(a, f.focus) && !endpointMatches(b, f.focus)) return false;
    if (f.namespace !== undefined && !inNs(a) && !inNs(b)) return false;
    return true;
  };
}

/** --protocol / --port: the allowed set must include them (any protocol when only a port is given). */
export function setFilter(f: ConnectivityFilter): (s: ConnectionSet) => boolean {
  const protos: Protocol[] = f.protocol ? [f.protocol] : ['TCP', 'UDP', 'SCTP'];
  return (s) =>
    protos.some((p) => (f.port === undefined ? !s.ports(p).isEmpty() : s.has(p, f.port)));
}

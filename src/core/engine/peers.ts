// Peer matching (NetworkPolicyPeer) with plain-language mismatch reasons.
// Upstream: k8s.io/api/networking/v1 NetworkPolicyPeer docs and the e2e suite
// (test/e2e/network/netpol/network_policy.go).
import type { Cluster, Labels, NetworkPolicy, Peer, Pod } from '../model/types.js';
import { IpSet, parseIp } from '../sets/ip-set.js';
import type { Endpoint, IpBlockScope } from './types.js';
import { endpointId } from './endpoints.js';
import { formatLabels, formatSelector, isEmptySelector, matchesSelector } from './selectors.js';

/** Namespace labels; an undeclared namespace still carries kubernetes.io/metadata.name (API server). */
export function namespaceLabels(cluster: Cluster, name: string): Labels {
  const ns = cluster.namespaces.find((n) => n.name === name);
  return ns ? ns.labels : { 'kubernetes.io/metadata.name': name };
}

/** Addresses of an ipBlock: cidr minus every except, host bits masked (Go net.ParseCIDR). */
export function ipBlockSet(peer: Peer): IpSet {
  return peer.ipBlock ? IpSet.fromIpBlock(peer.ipBlock.cidr, peer.ipBlock.except) : IpSet.EMPTY;
}

export interface PeerMatch {
  readonly matched: boolean;
  /** Why it did not match (empty when it matched). */
  readonly why: string;
}

const yes: PeerMatch = { matched: true, why: '' };
const no = (why: string): PeerMatch => ({ matched: false, why });

/** The IPs an endpoint is seen with: an external address, or all of a pod's IPs (none when pending). */
export function endpointIps(ep: Endpoint): string[] {
  return ep.kind === 'ip' ? [ep.ip] : [...ep.pod.ips];
}

/**
 * Does `peer` of `policy` match the other side `ep`?
 * - ipBlock: cidr minus excepts, against external IPs and (scope "all") pod IPs — upstream e2e
 *   "should allow ingress access from pods in the ipBlock" / except tests; a pending pod has no IP.
 * - selectors: podSelector alone = policy namespace; namespaceSelector alone = all pods there; both = AND.
 *   A hostNetwork pod is seen as its node's IP, so selectors never match it (Calico, Cilium,
 *   kube-network-policies).
 */
export function matchPeer(
  cluster: Cluster,
  policy: NetworkPolicy,
  peer: Peer,
  ep: Endpoint,
  scope: IpBlockScope,
): PeerMatch {
  if (peer.ipBlock) {
    const block = `ipBlock ${peer.ipBlock.cidr}${peer.ipBlock.except.length ? ` except ${peer.ipBlock.except.join(',')}` : ''}`;
    if (ep.kind === 'pod' && scope === 'external') return no(`${block} never matches pods (--ipblock-scope external)`);
    const ips = endpointIps(ep);
    if (ips.length === 0 && ep.kind === 'pod') return no(`${block}: pod ${podLabel(ep)} has no IP (pending)`);
    const set = ipBlockSet(peer);
    if (ips.some((ip) => { const p = parseIp(ip); return p !== undefined && set.has(p); })) return yes;
    return no(`${block} does not contain ${ips.join(', ')}`);
  }
  if (ep.kind === 'ip') return no(`selector peer matches pods only, not external address ${ep.ip}`);
  const pod = ep.pod;
  if (pod.hostNetwork) return no(`selector peer never matches hostNetwork pod ${podLabel(ep)} (seen as node traffic)`);
  if (peer.namespaceSelector) {
    if (!matchesSelector(peer.namespaceSelector, namespaceLabels(cluster, pod.namespace))) {
      return no(`namespace ${pod.namespace} does not match namespaceSelector ${formatSelector(peer.namespaceSelector)}`);
    }
  } else if (pod.namespace !== policy.namespace) {
    return no(`podSelector without namespaceSelector matches only namespace ${policy.namespace}, not ${pod.namespace}`);
  }
  if (peer.podSelector && !matchesSelector(peer.podSelector, pod.labels)) {
    return no(`pod labels ${formatLabels(pod.labels)} do not match podSelector ${formatSelector(peer.podSelector)}`);
  }
  return yes;
}

const podLabel = (ep: Endpoint & { kind: 'pod' }): string => endpointId(ep);

/** Plain words for a peer, e.g. "pods app=db in namespace prod", "ipBlock 10.0.0.0/8 except 10.1.0.0/16". */
export function describePeer(policy: NetworkPolicy, peer: Peer): string {
  if (peer.ipBlock) {
    const ex = peer.ipBlock.except;
    return `ipBlock ${peer.ipBlock.cidr}${ex.length ? ` except ${ex.join(', ')}` : ''}`;
  }
  const pods = !peer.podSelector || isEmptySelector(peer.podSelector) ? 'every pod' : `pods matching ${formatSelector(peer.podSelector)}`;
  const ns = !peer.namespaceSelector
    ? `namespace ${policy.namespace}`
    : isEmptySelector(peer.namespaceSelector) ? 'every namespace' : `namespaces matching ${formatSelector(peer.namespaceSelector)}`;
  return `${pods} in ${ns}`;
}

/** Whether a pod may be a policy target at all: hostNetwork pods are not (mainstream plugins). */
export const isPolicyTarget = (pod: Pod): boolean => !pod.hostNetwork;

// `explain`: one pod's isolation, selecting policies, and what it accepts / may reach, as data.
// The CLI and the web UI format it; no decisions are made there.
import type { NetworkPolicy, Pod, PolicyType, Rule } from '../model/types.js';
import { policyId } from '../model/types.js';
import type { ProtocolPorts } from '../sets/connection-set.js';
import type { Endpoint, Engine } from './types.js';
import { endpointId } from './endpoints.js';
import { describePeer, ipBlockSet, matchPeer } from './peers.js';
import { describePorts, rulePortSet } from './ports.js';
import { isolatingPolicies, isSelf, sideConnections } from './reference.js';
import { formatLabels } from './selectors.js';

export interface RuleExplanation {
  /** `ns/policy spec.ingress[i]`. */
  readonly ref: string;
  /** Plain words per peer; ["every pod in every namespace and every IP address"] for an empty list. */
  readonly peers: readonly string[];
  /** Ports as written, e.g. "[80/TCP, http/TCP]" or "all ports". */
  readonly ports: string;
  /** Ingress: the rule's ports resolved on this pod (named ports included). Egress: undefined (per destination). */
  readonly resolvedPorts?: readonly ProtocolPorts[];
  /** Pods of the input that some peer of the rule matches. */
  readonly pods: readonly string[];
  /** IP ranges the rule's ipBlocks admit (cidr minus except), as CIDRs. */
  readonly ipBlocks: readonly string[];
}

export interface PeerConnections {
  readonly endpoints: readonly string[];
  readonly connections: string;
  readonly json: readonly ProtocolPorts[];
}

export interface DirectionExplanation {
  readonly direction: PolicyType;
  readonly isolated: boolean;
  readonly policies: readonly string[];
  /** One sentence in plain words. */
  readonly summary: string;
  readonly rules: readonly RuleExplanation[];
  /** Per pod of the input (grouped when equal): what this side admits, this pod's policies only; empty when not isolated. */
  readonly byPod: readonly PeerConnections[];
}

export interface PodExplanation {
  readonly pod: string;
  readonly labels: string;
  readonly ips: readonly string[];
  readonly hostNetwork: boolean;
  readonly selectingPolicies: readonly { readonly policy: string; readonly policyTypes: readonly PolicyType[] }[];
  readonly ingress: DirectionExplanation;
  readonly egress: DirectionExplanation;
  readonly notes: readonly string[];
}

const EVERY_PEER = 'every pod in every namespace and every IP address';

function explainRule(engine: Engine, p: NetworkPolicy, dir: PolicyType, rule: Rule, i: number, self: Endpoint): RuleExplanation {
  const word = dir === 'Ingress' ? 'ingress' : 'egress';
  const pods = engine.cluster.pods.filter((other) =>
    rule.peers.length === 0 || rule.peers.some((peer) => matchPeer(engine.cluster, p, peer, { kind: 'pod', pod: other }, engine.options.ipBlockScope).matched));
  let ips = rule.peers.length === 0 ? ['0.0.0.0/0', '::/0'] : [];
  for (const peer of rule.peers) if (peer.ipBlock) ips = [...ips, ...ipBlockSet(peer).toCidrs()];
  return {
    ref: `${policyId(p)} spec.${word}[${i}]`,
    peers: rule.peers.length === 0 ? [EVERY_PEER] : rule.peers.map((peer) => describePeer(p, peer)),
    ports: describePorts(rule.ports) + (dir === 'Egress' && rule.ports.some((pp) => typeof pp.port === 'string') ? ' (named ports resolve on each destination pod)' : ''),
    ...(dir === 'Ingress' ? { resolvedPorts: rulePortSet(rule.ports, self).toJSON() } : {}),
    pods: pods.map((x) => endpointId({ kind: 'pod', pod: x })),
    ipBlocks: ips,
  };
}

function explainDirection(engine: Engine, pod: Pod, dir: PolicyType): DirectionExplanation {
  const self: Endpoint = { kind: 'pod', pod };
  const word = dir === 'Ingress' ? 'ingress' : 'egress';
  const pols = isolatingPolicies(engine.cluster, pod, dir);
  const rules = pols.flatMap((p) => (dir === 'Ingress' ? p.ingress : p.egress).map((r, i) => explainRule(engine, p, dir, r, i, self)));
  const groups = new Map<string, { endpoints: string[]; connections: string; json: ProtocolPorts[] }>();
  // Not isolated: everything, nothing to list.
  for (const other of pols.length > 0 ? engine.cluster.pods : []) {
    const ep: Endpoint = { kind: 'pod', pod: other };
    if (isSelf(self, ep)) continue;
    const c = sideConnections(engine.cluster, engine.options, dir, self, ep);
    const key = JSON.stringify(c.toJSON());
    const g = groups.get(key) ?? { endpoints: [], connections: c.toString(), json: c.toJSON() };
    g.endpoints.push(endpointId(ep));
    groups.set(key, g);
  }
  let summary: string;
  if (pod.hostNetwork) summary = `uses hostNetwork: NetworkPolicy does not apply, all ${word} is allowed`;
  else if (pols.length === 0) summary = `not isolated for ${word}: ${dir === 'Ingress' ? 'accepts connections from' : 'may connect to'} everything`;
  else if (rules.length === 0) summary = `isolated for ${word} by ${pols.map(policyId).join(', ')} with no rules: ${dir === 'Ingress' ? 'accepts no connections' : 'may connect to nothing'}`;
  else summary = `isolated for ${word} by ${pols.map(policyId).join(', ')}: ${dir === 'Ingress' ? 'accepts only' : 'may connect only to'} what the ${rules.length} rule(s) below allow`;
  return { direction: dir, isolated: pols.length > 0, policies: pols.map(policyId), summary, rules, byPod: [...groups.values()] };
}

export function explainPod(engine: Engine, pod: Pod): PodExplanation {
  const notes: string[] = [];
  if (pod.ips.length === 0) notes.push('the pod has no IP (pending): ipBlocks never match it');
  if (pod.hostNetwork) notes.push('hostNetwork pod: policies do not isolate it, and other pods see it as node traffic (pod selectors never match it)');
  if (engine.options.ipBlockScope === 'external') notes.push('--ipblock-scope external: ipBlocks match only addresses outside the cluster');
  notes.push('a pod may always reach itself (traffic stays in its network namespace)');
  return {
    pod: endpointId({ kind: 'pod', pod }),
    labels: formatLabels(pod.labels),
    ips: pod.ips,
    hostNetwork: pod.hostNetwork,
    selectingPolicies: engine.selectingPolicies(pod).map((p) => ({ policy: policyId(p), policyTypes: p.policyTypes })),
    ingress: explainDirection(engine, pod, 'Ingress'),
    egress: explainDirection(engine, pod, 'Egress'),
    notes,
  };
}


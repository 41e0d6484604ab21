// The reference evaluator: deliberately simple, per query, no caching, obviously correct.
// Every faster engine must agree with it (test/engine/suite.ts). Rules: docs/semantics.md.
import type { Cluster, NetworkPolicy, Pod, PolicyType, Protocol, Rule } from '../model/types.js';
import { policyId } from '../model/types.js';
import { ConnectionSet } from '../sets/connection-set.js';
import type {
  DirectionVerdict,
  Endpoint,
  Engine,
  EngineOptions,
  PodIsolation,
  RuleRef,
  Traffic,
  Verdict,
} from './types.js';
import { describeEndpoint, describePortsAt, formatRuleRef, SELF_REASON } from './describe.js';
import { matchPeer } from './peers.js';
import { matchPolicyPort, rulePortSet } from './ports.js';
import { matchesSelector } from './selectors.js';

const byId = (a: NetworkPolicy, b: NetworkPolicy): number => {
  const x = policyId(a);
  const y = policyId(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Same pod on both sides (loopback through its own IP): see docs/semantics.md "pod to itself". */
export function isSelf(src: Endpoint, dst: Endpoint): boolean {
  return src.kind === 'pod' && dst.kind === 'pod' && src.pod.namespace === dst.pod.namespace && src.pod.name === dst.pod.name;
}

/** Policies in the pod's namespace whose podSelector selects it, sorted by id. */
export function selectingPoliciesOf(cluster: Cluster, pod: Pod): NetworkPolicy[] {
  return cluster.policies.filter((p) => p.namespace === pod.namespace && matchesSelector(p.podSelector, pod.labels)).sort(byId);
}

/** Isolated for a direction iff a selecting policy lists it in (defaulted) policyTypes; hostNetwork pods never are. */
export function isolatingPolicies(cluster: Cluster, pod: Pod, dir: PolicyType): NetworkPolicy[] {
  return pod.hostNetwork ? [] : selectingPoliciesOf(cluster, pod).filter((p) => p.policyTypes.includes(dir));
}

/**
 * What one side admits: for `subject`'s direction `dir` (egress: subject = source; ingress: subject =
 * destination), the union of the ports of every rule of an isolating policy whose peers match `other`.
 * ALL when the subject is not isolated (or is an external address).
 */
export function sideConnections(cluster: Cluster, options: Required<EngineOptions>, dir: PolicyType, subject: Endpoint, other: Endpoint): ConnectionSet {
  if (subject.kind === 'ip') return ConnectionSet.ALL;
  const pols = isolatingPolicies(cluster, subject.pod, dir);
  if (pols.length === 0) return ConnectionSet.ALL;
  const dst = dir === 'Egress' ? other : subject;
  let out = ConnectionSet.NONE;
  for (const p of pols) {
    for (const rule of dir === 'Ingress' ? p.ingress : p.egress) {
      const hit = rule.peers.length === 0 || rule.peers.some((peer) => matchPeer(cluster, p, peer, other, options.ipBlockScope).matched);
      if (hit) out = out.union(rulePortSet(rule.ports, dst));
    }
  }
  return out;
}

export function createReferenceEngine(cluster: Cluster, opts: EngineOptions = {}): Engine {
  const options: Required<EngineOptions> = { ipBlockScope: opts.ipBlockScope ?? 'all' };

  const selectingPolicies = (pod: Pod): NetworkPolicy[] => selectingPoliciesOf(cluster, pod);

  const isolating = (pod: Pod, dir: PolicyType): NetworkPolicy[] => isolatingPolicies(cluster, pod, dir);

  const isolation = (pod: Pod): PodIsolation => ({
    ingress: isolating(pod, 'Ingress').map(policyId),
    egress: isolating(pod, 'Egress').map(policyId),
  });

  const rulesOf = (p: NetworkPolicy, dir: PolicyType): readonly Rule[] => (dir === 'Ingress' ? p.ingress : p.egress);

  /** Indices of the rule's peers that match `other`; [-1] stands for "no peers = every peer". */
  function matchingPeers(p: NetworkPolicy, rule: Rule, other: Endpoint): { hits: number[]; misses: string[] } {
    if (rule.peers.length === 0) return { hits: [-1], misses: [] };
    const hits: number[] = [];
    const misses: string[] = [];
    rule.peers.forEach((peer, j) => {
      const m = matchPeer(cluster, p, peer, other, options.ipBlockScope);
      if (m.matched) hits.push(j);
      else misses.push(m.why);
    });
    return { hits, misses };
  }

  function direction(dir: PolicyType, subject: Endpoint, other: Endpoint, dst: Endpoint, protocol: Protocol, port: number): DirectionVerdict {
    const word = dir === 'Ingress' ? 'ingress' : 'egress';
    if (subject.kind === 'ip') {
      return { direction: dir, allowed: true, isolated: false, policies: [], allowedBy: [], reasons: [`${describeEndpoint(subject)}: no NetworkPolicy applies to ${word} outside the cluster`] };
    }
    if (subject.pod.hostNetwork) {
      return { direction: dir, allowed: true, isolated: false, policies: [], allowedBy: [], reasons: [`pod ${subject.pod.namespace}/${subject.pod.name} uses hostNetwork: NetworkPolicy does not apply to it`] };
    }
    const pols = isolating(subject.pod, dir);
    const ids = pols.map(policyId);
    if (pols.length === 0) {
      return { direction: dir, allowed: true, isolated: false, policies: [], allowedBy: [], reasons: [`not isolated for ${word}: no policy in namespace ${subject.pod.namespace} selects it with policyTypes ${dir}`] };
    }
    const allowedBy: RuleRef[] = [];
    const failures: string[] = [];
    const peerWord = dir === 'Ingress' ? 'from' : 'to';
    const portText = `${port}/${protocol}`;
    for (const p of pols) {
      const rules = rulesOf(p, dir);
      if (rules.length === 0) failures.push(`${policyId(p)} has no ${word} rules (it denies all ${word})`);
      rules.forEach((rule, i) => {
        const at = `${policyId(p)} spec.${word}[${i}]`;
        const { hits, misses } = matchingPeers(p, rule, other);
        if (hits.length === 0) {
          failures.push(`${at}: no peer matches ${describeEndpoint(other)} (${misses.map((m, j) => `${peerWord}[${j}]: ${m}`).join('; ')})`);
          return;
        }
        const k = rule.ports.length === 0 ? -1 : rule.ports.findIndex((pp) => matchPolicyPort(pp, dst, protocol, port));
        const j = hits[0]!;
        if (k === -1 && rule.ports.length > 0) {
          failures.push(`${at}${j >= 0 ? ` ${peerWord}[${j}]: peer matched` : `: every peer matches (no ${peerWord})`}, port ${portText} not in ${describePortsAt(rule.ports, dst)}`);
          return;
        }
        allowedBy.push({
          policy: policyId(p),
          direction: dir,
          ruleIndex: i,
          ...(j >= 0 ? { peerIndex: j } : {}),
          ...(k >= 0 ? { portIndex: k } : {}),
        });
      });
    }
    const head = `isolated for ${word} by ${ids.join(', ')}`;
    const allowed = allowedBy.length > 0;
    const reasons = allowed
      ? [head, ...allowedBy.map((r) => `allowed by ${formatRuleRef(r)}`)]
      : [head, ...failures, `no rule allows ${portText} ${dir === 'Ingress' ? 'from' : 'to'} ${describeEndpoint(other)}`];
    return { direction: dir, allowed, isolated: true, policies: ids, allowedBy, reasons };
  }

  function verdict(t: Traffic): Verdict {
    let egress = direction('Egress', t.src, t.dst, t.dst, t.protocol, t.port);
    let ingress = direction('Ingress', t.dst, t.src, t.dst, t.protocol, t.port);
    if (isSelf(t.src, t.dst)) {
      egress = { ...egress, allowed: true, allowedBy: [], reasons: [SELF_REASON, ...egress.reasons.slice(0, 1)] };
      ingress = { ...ingress, allowed: true, allowedBy: [], reasons: [SELF_REASON, ...ingress.reasons.slice(0, 1)] };
    }
    return { allowed: egress.allowed && ingress.allowed, egress, ingress };
  }

  function allowed(src: Endpoint, dst: Endpoint): ConnectionSet {
    if (isSelf(src, dst)) return ConnectionSet.ALL;
    return sideConnections(cluster, options, 'Egress', src, dst).intersect(sideConnections(cluster, options, 'Ingress', dst, src));
  }

  return { cluster, options, verdict, allowed, isolation, selectingPolicies };
}

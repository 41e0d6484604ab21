// The Engine interface: one contract, two implementations (the per-query reference evaluator
// and the compiled engine). Analysis, reports, enforcement and the UI know only this file.
import type { Cluster, NetworkPolicy, Pod, PolicyType, Protocol } from '../model/types.js';
import type { ConnectionSet } from '../sets/connection-set.js';

/** One side of a connection: a pod of the cluster, or an IP address outside it. */
export type Endpoint =
  | { readonly kind: 'pod'; readonly pod: Pod }
  | { readonly kind: 'ip'; readonly ip: string };

/** One connection attempt: one protocol and one destination port. */
export interface Traffic {
  readonly src: Endpoint;
  readonly dst: Endpoint;
  readonly protocol: Protocol;
  readonly port: number;
}

/** `--ipblock-scope`: upstream ("all": ipBlocks match pod IPs too) or netpol-analyzer/Cilium ("external"). */
export type IpBlockScope = 'all' | 'external';

export interface EngineOptions {
  readonly ipBlockScope?: IpBlockScope;
}

/** Points at one rule of one policy: `spec.ingress[ruleIndex]`. */
export interface RuleRef {
  readonly policy: string; // "ns/name"
  readonly direction: PolicyType;
  readonly ruleIndex: number;
  /** Index into from/to; undefined when the rule has no peers (every peer). */
  readonly peerIndex?: number;
  /** Index into ports; undefined when the rule has no ports (every port). */
  readonly portIndex?: number;
}

/** The decision of one direction (egress at the source, ingress at the destination). */
export interface DirectionVerdict {
  readonly direction: PolicyType;
  readonly allowed: boolean;
  /** False for an external IP side, or a pod that no policy isolates in this direction. */
  readonly isolated: boolean;
  /** Policies that select the pod for this direction ("ns/name"), sorted. */
  readonly policies: readonly string[];
  /** Every rule that allows the traffic. Empty when denied or not isolated. */
  readonly allowedBy: readonly RuleRef[];
  /** Plain-language reasons: why allowed, or for each rule why it did not match. */
  readonly reasons: readonly string[];
}

export interface Verdict {
  readonly allowed: boolean;
  readonly egress: DirectionVerdict;
  readonly ingress: DirectionVerdict;
}

/** Isolation and selecting policies of one pod. */
export interface PodIsolation {
  readonly ingress: readonly string[];
  readonly egress: readonly string[];
}

export interface Engine {
  readonly cluster: Cluster;
  readonly options: Required<EngineOptions>;
  /** Decides one connection, with reasons. */
  verdict(traffic: Traffic): Verdict;
  /** Everything src may open to dst: egress(src) ∩ ingress(dst). */
  allowed(src: Endpoint, dst: Endpoint): ConnectionSet;
  /** The policies that isolate a pod, per direction (empty = not isolated). */
  isolation(pod: Pod): PodIsolation;
  /** Policies in the pod's namespace whose podSelector selects it (any policyTypes). */
  selectingPolicies(pod: Pod): readonly NetworkPolicy[];
  // Optional bulk methods a fast engine offers (the compiled engine does; the reference does not).
  // Callers fall back to allowed() per pair when absent.
  /** allowed() for every src × dst, row per source. */
  allowedMany?(srcs: readonly Endpoint[], dsts: readonly Endpoint[]): ConnectionSet[][];
  /** Every ordered pair of distinct pods with a non-empty allowed set, streamed (no pair list in memory). */
  podConnectivity?(): Iterable<PodPair>;
  /** Counts only, without listing pairs: see PairSummary. */
  summary?(): PairSummary;
}

/** One allowed pod pair of podConnectivity(). */
export interface PodPair {
  readonly src: Pod;
  readonly dst: Pod;
  readonly conns: ConnectionSet;
}

/** `analyze --format summary`: counts over the cluster's pods. */
export interface PairSummary {
  readonly endpoints: number;
  /** Ordered pairs of distinct pods with a non-empty allowed set. */
  readonly allowedPairs: number;
  /** Pods isolated for ingress / egress (selected by a policy with that policyType). */
  readonly isolatedIngress: number;
  readonly isolatedEgress: number;
}

// Messages between the UI thread and the analysis worker. Everything is plain, structured-clone
// data: the worker owns the Cluster, the Engine and the analysis; the UI only renders snapshots.
import type { Labels, PolicyType, Problem, Protocol } from '../../core/model/types.js';
import type { ProtocolPorts } from '../../core/sets/connection-set.js';

export interface InputFile {
  readonly file: string;
  readonly text: string;
}

export interface ViewEndpoint {
  /** Analysis id: `ns/name`, `ns/name[Kind]`, or `first-last` for an external block. */
  readonly id: string;
  readonly type: 'cluster' | 'external';
  readonly kind: string;
  /** "" for external blocks. */
  readonly namespace: string;
  readonly name: string;
  readonly ips: readonly string[];
  readonly labels: Labels;
  readonly pods: readonly string[];
  readonly cidrs: readonly string[];
  /** Policies isolating the endpoint per direction (empty = not isolated). */
  readonly ingressPolicies: readonly string[];
  readonly egressPolicies: readonly string[];
}

export interface ViewConnection {
  readonly from: string;
  readonly to: string;
  readonly allowed: readonly ProtocolPorts[];
  readonly all: boolean;
  /** Short text such as `TCP 80,443` or `All Connections`. */
  readonly label: string;
}

export interface ViewPolicy {
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  readonly policyTypes: readonly PolicyType[];
  readonly file?: string;
  readonly line?: number;
}

export interface ViewFinding {
  readonly ruleId: string;
  readonly rule: string;
  readonly severity: string;
  readonly resource: string;
  readonly path: string;
  readonly message: string;
  readonly fix: string;
  readonly file?: string;
  readonly line?: number;
}

/** Large clusters: aggregated allowed pairs between display units (`ns:<group>` or `ep:<id>`). */
export interface ViewLink {
  readonly from: string;
  readonly to: string;
  /** Allowed ordered pairs of endpoints (pods, or pod × block) behind the link. */
  readonly pairs: number;
  /** Of those, pairs allowed everything. */
  readonly allPairs: number;
  /** Union of the allowed sets. */
  readonly allowed: readonly ProtocolPorts[];
  readonly label: string;
}

export interface Snapshot {
  readonly level: 'pod' | 'workload';
  /** True when the cluster is too large to list connections: views use ViewLinks instead. */
  readonly large: boolean;
  /** Allowed ordered pairs of distinct endpoints (pod pairs in large mode). */
  readonly allowedPairs: number;
  readonly namespaces: readonly { readonly name: string; readonly labels: Labels }[];
  readonly endpoints: readonly ViewEndpoint[];
  readonly connections: readonly ViewConnection[];
  readonly policies: readonly ViewPolicy[];
  readonly problems: readonly Problem[];
  readonly files: readonly string[];
  /** Undefined when the audit code is not available. */
  readonly findings?: readonly ViewFinding[];
  readonly ms: number;
}

export interface DiffEntry {
  readonly from: string;
  readonly to: string;
  readonly label: string;
}

export interface Diff {
  readonly added: readonly DiffEntry[];
  readonly removed: readonly DiffEntry[];
  /** Large clusters: a summary instead of the lists. */
  readonly note?: string;
}

export interface ExplainRule {
  readonly text: string;
  readonly policy: string;
  readonly direction: PolicyType;
  readonly file?: string;
  readonly line?: number;
}

export interface ExplainSide {
  readonly direction: PolicyType;
  readonly allowed: boolean;
  readonly isolated: boolean;
  readonly policies: readonly string[];
  readonly allowedBy: readonly ExplainRule[];
  readonly reasons: readonly string[];
}

export interface Explanation {
  readonly src: string;
  readonly dst: string;
  /** The concrete endpoints the engine was asked about (a pod of a workload, an address of a block). */
  readonly srcConcrete: string;
  readonly dstConcrete: string;
  readonly protocol: Protocol;
  readonly port: number;
  readonly allowed: boolean;
  readonly egress: ExplainSide;
  readonly ingress: ExplainSide;
}

export interface EndpointDetails {
  readonly endpoint: ViewEndpoint;
  readonly selecting: readonly ViewPolicy[];
  /** Lateral movement from this endpoint, when the pivot analysis exists. */
  readonly reach?: readonly { readonly id: string; readonly hops: number; readonly via: string }[];
  /** Large clusters (no connection list in the snapshot): who may connect, and to what. */
  readonly ingress?: readonly ViewConnection[];
  readonly egress?: readonly ViewConnection[];
}

export type Request =
  | { readonly type: 'load'; readonly files: readonly InputFile[] }
  | { readonly type: 'edit'; readonly file: string; readonly text: string }
  | { readonly type: 'reset' }
  | {
      readonly type: 'explain';
      readonly src: string;
      readonly dst: string;
      readonly protocol: Protocol;
      readonly port: number;
    }
  | { readonly type: 'details'; readonly id: string }
  | { readonly type: 'links'; readonly expanded: readonly string[] }
  | { readonly type: 'export' };

export type Reply =
  | { readonly type: 'snapshot'; readonly snapshot: Snapshot; readonly diff: Diff; readonly edited: readonly string[] }
  | { readonly type: 'explanation'; readonly explanation: Explanation }
  | { readonly type: 'details'; readonly details: EndpointDetails }
  | { readonly type: 'links'; readonly links: readonly ViewLink[]; readonly externalSkipped: boolean }
  | { readonly type: 'export'; readonly yaml: string; readonly texts: readonly InputFile[] };

export interface Envelope<T> {
  readonly seq: number;
  readonly body: T;
}

export type ReplyEnvelope = Envelope<Reply> | { readonly seq: number; readonly error: string };

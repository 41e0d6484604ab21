// The cluster model: plain, immutable, already-defaulted data. Parsing and validation
// (src/core/parse, src/core/validate) produce it; the engine, analysis and enforcement read it.

/** Where an object or a field came from, for messages. Lines and columns are 1-based. */
export interface SourceRef {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

export type Labels = Readonly<Record<string, string>>;

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  readonly values: readonly string[];
}

/** metav1.LabelSelector. `{}` (no labels, no expressions) selects everything. */
export interface LabelSelector {
  readonly matchLabels: Labels;
  readonly matchExpressions: readonly LabelSelectorRequirement[];
}

export interface ContainerPort {
  readonly name?: string;
  readonly containerPort: number;
  /** Defaulted to TCP, as the API server does. */
  readonly protocol: Protocol;
}

export interface Namespace {
  readonly name: string;
  /** Always holds `kubernetes.io/metadata.name: <name>` (set by the API server). */
  readonly labels: Labels;
  /** True when the namespace was only referenced, never declared. */
  readonly implicit: boolean;
  readonly source?: SourceRef;
}

export interface OwnerRef {
  readonly kind: string;
  readonly name: string;
}

export type WorkloadKind =
  | 'Deployment'
  | 'ReplicaSet'
  | 'StatefulSet'
  | 'DaemonSet'
  | 'ReplicationController'
  | 'Job'
  | 'CronJob';

export const WORKLOAD_KINDS: readonly WorkloadKind[] = [
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'ReplicationController',
  'Job',
  'CronJob',
];

export interface Pod {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Labels;
  /** status.podIPs (or status.podIP), IPv4 and/or IPv6, canonical text. Empty when pending. */
  readonly ips: readonly string[];
  readonly ports: readonly ContainerPort[];
  readonly hostNetwork: boolean;
  readonly phase?: string;
  readonly nodeName?: string;
  /** The controlling owner (Pod ownerReferences), or the workload a template pod was made from. */
  readonly owner?: OwnerRef;
  /** True for a pod synthesised from a workload's pod template. */
  readonly fromTemplate: boolean;
  readonly source?: SourceRef;
}

export interface Workload {
  readonly kind: WorkloadKind;
  readonly namespace: string;
  readonly name: string;
  /** Labels of the pod template. */
  readonly labels: Labels;
  readonly ports: readonly ContainerPort[];
  readonly replicas?: number;
  readonly source?: SourceRef;
}

export interface ServicePort {
  readonly name?: string;
  readonly port: number;
  readonly targetPort?: number | string;
  readonly protocol: Protocol;
}

export interface Service {
  readonly namespace: string;
  readonly name: string;
  readonly selector: Labels;
  readonly ports: readonly ServicePort[];
  readonly clusterIPs: readonly string[];
  readonly source?: SourceRef;
}

export type PolicyType = 'Ingress' | 'Egress';

export interface IpBlock {
  /** As written, e.g. "10.0.1.1/4"; host bits are masked when matching (Go ParseCIDR semantics). */
  readonly cidr: string;
  readonly except: readonly string[];
}

/**
 * A NetworkPolicyPeer. Validation guarantees exactly one shape:
 * - ipBlock alone; or
 * - podSelector and/or namespaceSelector (each may be absent).
 */
export interface Peer {
  readonly podSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly ipBlock?: IpBlock;
}

/** A NetworkPolicyPort. `port` absent means every port of the protocol. */
export interface PolicyPort {
  /** Defaulted to TCP, as the API server does. */
  readonly protocol: Protocol;
  readonly port?: number | string;
  readonly endPort?: number;
}

/** One ingress or egress rule. `peers` empty = every peer; `ports` empty = every port. */
export interface Rule {
  readonly peers: readonly Peer[];
  readonly ports: readonly PolicyPort[];
  readonly source?: SourceRef;
}

export interface NetworkPolicy {
  readonly namespace: string;
  readonly name: string;
  readonly podSelector: LabelSelector;
  /** Defaulted: [Ingress], plus Egress when spec.egress is non-empty (API server defaulting). */
  readonly policyTypes: readonly PolicyType[];
  readonly ingress: readonly Rule[];
  readonly egress: readonly Rule[];
  readonly source?: SourceRef;
}

export interface Cluster {
  readonly namespaces: readonly Namespace[];
  readonly pods: readonly Pod[];
  readonly workloads: readonly Workload[];
  readonly services: readonly Service[];
  readonly policies: readonly NetworkPolicy[];
}

/** A problem found in input: data, never thrown. Shape shared by every layer. */
export interface Problem {
  /** Stable machine code, e.g. "invalid-value", "yaml-syntax", "unknown-field". */
  readonly code: string;
  readonly severity: 'error' | 'warning';
  /** Upstream-style message without the position prefix, e.g. `Invalid value: "x": must be ...`. */
  readonly message: string;
  /** Upstream-style field path, e.g. `spec.ingress[0].from[1].ipBlock.except[0]`; "" for the whole object. */
  readonly path: string;
  readonly source?: SourceRef;
  /** "Kind ns/name" of the object, when known. */
  readonly object?: string;
}

export const podId = (p: { namespace: string; name: string }): string => `${p.namespace}/${p.name}`;
export const policyId = (p: { namespace: string; name: string }): string => `${p.namespace}/${p.name}`;

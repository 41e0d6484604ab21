// Audit data: findings, rule metadata and the options every rule reads.
import type { Cluster, Labels, Problem, SourceRef } from '../../model/types.js';
import type { Engine } from '../../engine/types.js';

export type Severity = 'low' | 'medium' | 'high';
export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high'];
export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);

export type RuleCategory =
  | 'isolation'
  | 'selectors'
  | 'over-broad'
  | 'ports'
  | 'outage'
  | 'redundancy'
  | 'ungoverned'
  | 'manifest';

/** A rule of the catalogue (docs/audit.md lists them all). */
export interface RuleMeta {
  /** Stable id, e.g. "NP101". */
  readonly id: string;
  /** Stable kebab-case name, e.g. "namespace-no-default-deny-ingress". */
  readonly name: string;
  readonly category: RuleCategory;
  readonly severity: Severity;
  /** One line: what the rule checks. */
  readonly summary: string;
}

export interface Finding {
  readonly ruleId: string;
  readonly rule: string;
  readonly severity: Severity;
  /** "Kind ns/name", e.g. "NetworkPolicy prod/allow-web", "Namespace prod", "Deployment prod/api". */
  readonly resource: string;
  readonly source?: SourceRef;
  /** Field path inside the resource, e.g. `spec.ingress[0].from[1]`; "" for the whole object. */
  readonly path: string;
  /** One sentence. */
  readonly message: string;
  /** A concrete fix, usually a YAML snippet. */
  readonly fix: string;
}

/** Settings from `.netpol.yaml` (section `audit:`); every field optional. */
export interface AuditConfig {
  /** Rule ids or names to skip. */
  readonly disable: readonly string[];
  /** Severity overrides by rule id or name. */
  readonly severity: Readonly<Record<string, Severity>>;
  /** Namespaces whose pods hold sensitive data or control (kube-system is always one). */
  readonly sensitiveNamespaces: readonly string[];
  /** Namespace labels that mark a namespace sensitive, e.g. {security: high}. */
  readonly sensitiveLabels: Labels;
  /** Namespaces the isolation rules skip (system namespaces by default). */
  readonly ignoreNamespaces: readonly string[];
  /** Pod labels that mark pivot targets (databases by default), as k=v or k (any value). */
  readonly targetLabels: readonly string[];
  /** Redundancy checks cost engine queries; above this many, the redundancy rules are skipped. */
  readonly maxRedundancyQueries: number;
}

export type EngineFactory = (cluster: Cluster) => Engine;

export interface AuditInput {
  readonly cluster: Cluster;
  /** Problems from loading (validation warnings become manifest findings). */
  readonly problems?: readonly Problem[];
  readonly engineFactory: EngineFactory;
  /**
   * Engines over modified copies of the cluster (redundancy builds one per check, DNS one more).
   * Default: engineFactory. A per-query engine (the reference one) suits them: nothing to compile.
   */
  readonly derivedEngineFactory?: EngineFactory;
  readonly config?: Partial<AuditConfig>;
}

export interface AuditResult {
  /** Sorted: severity (high first), then file, line, rule id. */
  readonly findings: readonly Finding[];
  /** Things the audit could not check, for stderr (e.g. redundancy skipped on a large cluster). */
  readonly notes: readonly string[];
  /** Counts per severity. */
  readonly summary: Readonly<Record<Severity, number>>;
}

/** What every rule gets: the cluster, an engine over it, the effective config. */
export interface RuleContext {
  readonly cluster: Cluster;
  readonly engine: Engine;
  /** For modified copies of the cluster. */
  readonly engineFactory: EngineFactory;
  readonly config: AuditConfig;
  readonly problems: readonly Problem[];
  readonly notes: string[];
}

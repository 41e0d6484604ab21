// One shared case format for every engine (reference, compiled, ...): see ../suite.ts.
import type { Cluster, Protocol } from '../../../src/core/model/types.js';
import type { IpBlockScope } from '../../../src/core/engine/types.js';

export interface Probe {
  readonly from: string; // "ns/pod" or an IP
  readonly to: string;
  readonly protocol?: Protocol; // default TCP
  readonly port: number;
  readonly allowed: boolean;
  /** Exact rules that allow it (formatRuleRef), per direction; checked when given. */
  readonly ingressBy?: readonly string[];
  readonly egressBy?: readonly string[];
  /** A substring some reason must contain. */
  readonly reason?: string;
}

export interface EngineCase {
  /** The semantic rule (docs/semantics.md heading) the case shows. */
  readonly rule: string;
  readonly name: string;
  readonly cluster: Cluster;
  readonly scope?: IpBlockScope;
  readonly probes: readonly Probe[];
}

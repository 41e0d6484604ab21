// The result of a connectivity analysis: endpoints and the allowed set of every connected pair.
// Plain data; the report formatters (src/core/report) only print it.
import type { Pod } from '../model/types.js';
import type { ConnectionSet } from '../sets/connection-set.js';
import type { IpAtom } from './atoms.js';

export type Level = 'pod' | 'workload';

/** An in-cluster endpoint (a pod, or the pods of one owner) or an external address block. */
export type AnalysisEndpoint = ClusterEndpoint | ExternalEndpoint;

export interface ClusterEndpoint {
  readonly type: 'cluster';
  /** `ns/name` for a pod, `ns/name[Kind]` for a workload. */
  readonly id: string;
  /** "Pod" or the owner kind (Deployment, ReplicaSet, ...). */
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly ips: readonly string[];
  /** The pods this endpoint stands for (one at pod level). */
  readonly pods: readonly Pod[];
}

export interface ExternalEndpoint {
  readonly type: 'external';
  /** `first-last`, netpol-analyzer's naming. */
  readonly id: string;
  readonly kind: 'External';
  readonly atom: IpAtom;
  readonly cidrs: readonly string[];
}

export interface Connection {
  readonly from: string;
  readonly to: string;
  readonly allowed: ConnectionSet;
}

export interface Connectivity {
  readonly level: Level;
  /** Sorted: cluster endpoints by id (byte order), then external blocks by family and address. */
  readonly endpoints: readonly AnalysisEndpoint[];
  /** Sorted by (from, to) in endpoint order; only non-empty allowed sets. */
  readonly connections: readonly Connection[];
}

/** Plain byte-order comparison (netpol-analyzer sorts its lines this way, not by locale). */
export function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// The endpoints an audit compares over, and one-direction views of a cluster.
import type { Cluster, PolicyType } from '../../model/types.js';
import type { Endpoint } from '../../engine/types.js';
import { formatIp } from '../../sets/ip-set.js';
import { externalAtoms } from '../atoms.js';

/**
 * The cluster with only one direction of every policy. Its engine's allowed(src, dst) is that
 * direction's decision alone (the other side is never isolated), so a rule is judged on what it
 * governs, not masked by the other side's policies.
 */
export function directionOnly(cluster: Cluster, dir: PolicyType): Cluster {
  const policies = cluster.policies
    .filter((p) => p.policyTypes.includes(dir))
    .map((p) => ({ ...p, policyTypes: [dir], ingress: dir === 'Ingress' ? p.ingress : [], egress: dir === 'Egress' ? p.egress : [] }));
  return { ...cluster, policies };
}

/**
 * Every pod plus one address per external block (`extra` adds ipBlock boundaries of other
 * clusters): within a block every ipBlock agrees, so one address stands for all of it.
 */
export function universe(cluster: Cluster, extra: readonly Cluster[] = []): { pods: Endpoint[]; external: Endpoint[] } {
  const pods: Endpoint[] = cluster.pods.map((pod) => ({ kind: 'pod', pod }));
  const atoms = externalAtoms(cluster, 'uniform', extra).destinations;
  const external: Endpoint[] = atoms.map((a) => ({ kind: 'ip', ip: formatIp(a.family, a.first) }));
  return { pods, external };
}

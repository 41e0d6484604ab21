// Analysis endpoints: pods or workloads (grouped by owner, as netpol-analyzer does), plus the
// external address blocks.
import type { Cluster, Pod } from '../model/types.js';
import { formatIp, rangeToCidrs } from '../sets/ip-set.js';
import type { IpAtom } from './atoms.js';
import { byteCompare, type ClusterEndpoint, type ExternalEndpoint, type Level } from './types.js';

/**
 * netpol-analyzer's workload of a pod: its controlling owner as given (a ReplicaSet is not resolved
 * to its Deployment); a bare pod, a Node-owned mirror pod, or an owner reference without a kind, is `[Pod]`.
 */
export function workloadOf(pod: Pod): { kind: string; name: string } {
  // a static pod's mirror is owned by its Node, which is no workload (netpol-analyzer: `[Pod]`)
  if (pod.owner && pod.owner.name !== '' && pod.owner.kind !== 'Node') {
    return { kind: pod.owner.kind === '' ? 'Pod' : pod.owner.kind, name: pod.owner.name };
  }
  return { kind: 'Pod', name: pod.name };
}

/** Default level: workload when the input holds workload manifests, pod otherwise. */
export function defaultLevel(cluster: Cluster): Level {
  return cluster.workloads.length > 0 || cluster.pods.some((p) => p.fromTemplate) ? 'workload' : 'pod';
}

export function clusterEndpoints(cluster: Cluster, level: Level): ClusterEndpoint[] {
  if (level === 'pod') {
    return cluster.pods
      .map((p) => ({
        type: 'cluster' as const,
        id: `${p.namespace}/${p.name}`,
        kind: 'Pod',
        namespace: p.namespace,
        name: p.name,
        ips: [...p.ips],
        pods: [p],
      }))
      .sort((a, b) => byteCompare(a.id, b.id));
  }
  const groups = new Map<string, { kind: string; namespace: string; name: string; pods: Pod[] }>();
  for (const p of cluster.pods) {
    const w = workloadOf(p);
    const id = `${p.namespace}/${w.name}[${w.kind}]`;
    const g = groups.get(id);
    if (g) g.pods.push(p);
    else groups.set(id, { kind: w.kind, namespace: p.namespace, name: w.name, pods: [p] });
  }
  return [...groups]
    .map(([id, g]) => ({
      type: 'cluster' as const,
      id,
      kind: g.kind,
      namespace: g.namespace,
      name: g.name,
      ips: [...new Set(g.pods.flatMap((p) => p.ips))],
      pods: g.pods,
    }))
    .sort((a, b) => byteCompare(a.id, b.id));
}

export function externalEndpoint(atom: IpAtom): ExternalEndpoint {
  return {
    type: 'external',
    id: `${formatIp(atom.family, atom.first)}-${formatIp(atom.family, atom.last)}`,
    kind: 'External',
    atom,
    cidrs: rangeToCidrs(atom.family, atom.first, atom.last),
  };
}

export function compareAtoms(a: IpAtom, b: IpAtom): number {
  if (a.family !== b.family) return a.family - b.family;
  return a.first < b.first ? -1 : a.first > b.first ? 1 : 0;
}

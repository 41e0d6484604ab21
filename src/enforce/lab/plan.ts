// Lab plan (pure): which lab node each pod lands on, its IPv4 address, the ports its agent serves,
// and the namespace names, all carrying the per-run prefix.
import type { Cluster, Pod } from '../../core/model/types.js';
import { podId } from '../../core/model/types.js';
import { formatIp, parseIp } from '../../core/sets/ip-set.js';

export interface LabPod {
  readonly id: string;
  readonly netns: string;
  /** Interface name of the pod's veth end inside its node namespace. */
  readonly hostIf: string;
  readonly node: number;
  readonly ip: string;
  readonly ports: readonly number[];
}

export interface LabPlan {
  readonly prefix: string;
  readonly fabric: string;
  readonly nodes: readonly string[];
  readonly pods: readonly LabPod[];
  /** The cluster with lab-assigned IPs (what the engine predicts on). */
  readonly cluster: Cluster;
  readonly notes: readonly string[];
}

/** The fabric address of lab node i (0-based): link-local, unlikely to collide with pod IPs. */
export const nodeFabricIp = (i: number): string => `169.254.255.${i + 1}`;

export const isValidPrefix = (p: string): boolean => /^[a-z][a-z0-9-]{0,30}$/.test(p);

export function planLab(cluster: Cluster, opts: { prefix: string; nodes?: number }): LabPlan {
  const notes: string[] = [];
  const used = new Set(cluster.pods.flatMap((p) => p.ips));
  // Cluster nodes map to lab nodes in order of appearance; pods without a node are spread round-robin.
  const nodeNames = [...new Set(cluster.pods.flatMap((p) => (p.nodeName ? [p.nodeName] : [])))];
  const count = Math.max(2, opts.nodes ?? 0, Math.min(nodeNames.length, 16));
  let rr = 0;
  let next = 1;
  const assignIp = (): string => {
    for (;;) {
      const ip = formatIp(4, (10n << 24n) | (250n << 16n) | BigInt(next++));
      if (!used.has(ip)) return ip;
    }
  };
  const pods: LabPod[] = [];
  const labPods: Pod[] = [];
  cluster.pods.forEach((pod) => {
    if (pod.hostNetwork) {
      notes.push(`${podId(pod)}: hostNetwork, not built in the lab`);
      labPods.push(pod);
      return;
    }
    let ip = pod.ips.find((a) => parseIp(a)?.family === 4);
    const ips = [...pod.ips];
    if (!ip) {
      ip = assignIp();
      ips.unshift(ip);
      notes.push(`${podId(pod)}: assigned ${ip}`);
    }
    const idx = nodeNames.indexOf(pod.nodeName ?? '');
    const node = idx >= 0 ? idx % count : rr++ % count;
    const k = pods.length;
    const ports = [...new Set(pod.ports.map((p) => p.containerPort))].sort((a, b) => a - b);
    pods.push({ id: podId(pod), netns: `${opts.prefix}-p${k}`, hostIf: `p${k}`, node, ip, ports });
    labPods.push({ ...pod, ips, nodeName: `${opts.prefix}-n${node}` });
  });
  return {
    prefix: opts.prefix,
    fabric: `${opts.prefix}-fab`,
    nodes: Array.from({ length: count }, (_, i) => `${opts.prefix}-n${i}`),
    pods,
    cluster: { ...cluster, pods: labPods },
    notes,
  };
}

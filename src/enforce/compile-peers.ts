// Which addresses a rule's peers cover, and which pods they are: the address side of the nft sets.
// Selector matching uses the engine's selector code on pod classes (pods with equal namespace and
// labels), pre-filtered by namespace; test/enforce/compile.test.ts checks it against the engine.
import type { Cluster, NetworkPolicy, Peer, Pod, Rule } from '../core/model/types.js';
import { IpSet, parseIp, type IpRange, type ParsedIp } from '../core/sets/ip-set.js';
import { namespaceLabels } from '../core/engine/peers.js';
import { matchesSelector } from '../core/engine/selectors.js';
import type { IpFamily } from '../core/sets/ip-set.js';
import type { IpBlockScope } from '../core/engine/types.js';

/** Pods grouped by what peer matching looks at (namespace, labels, hostNetwork), to match once per group. */
interface PodClass {
  readonly rep: Pod;
  readonly pods: Pod[];
}

export class PeerIndex {
  private readonly classesByNs = new Map<string, PodClass[]>();
  private readonly allPodIps: IpSet;
  /** Every pod address, sorted per family, to find the pods inside an ipBlock by binary search. */
  private readonly sortedIps: Record<IpFamily, { value: bigint; pod: Pod }[]> = { 4: [], 6: [] };
  private readonly cache = new Map<string, { addrs: IpSet; pods: readonly Pod[] }>();

  constructor(
    private readonly cluster: Cluster,
    private readonly scope: IpBlockScope,
  ) {
    const byKey = new Map<string, PodClass>();
    for (const pod of cluster.pods) {
      const labels = Object.entries(pod.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const key = JSON.stringify([pod.namespace, pod.hostNetwork, labels]);
      const c = byKey.get(key);
      if (c) c.pods.push(pod);
      else byKey.set(key, { rep: pod, pods: [pod] });
    }
    for (const c of byKey.values()) {
      const list = this.classesByNs.get(c.rep.namespace) ?? this.classesByNs.set(c.rep.namespace, []).get(c.rep.namespace)!;
      list.push(c);
    }
    this.allPodIps = podsToSet(cluster.pods);
    for (const pod of cluster.pods) for (const ip of parsedIps(pod)) this.sortedIps[ip.family].push({ value: ip.value, pod });
    for (const f of [4, 6] as const) this.sortedIps[f].sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  }

  /** Pods with an address inside `set` (binary search per range). */
  private podsIn(set: IpSet, out: Set<Pod>): void {
    for (const f of [4, 6] as const) {
      const arr = this.sortedIps[f];
      for (const [lo, hi] of set.ranges(f)) {
        let a = 0;
        let b = arr.length;
        while (a < b) {
          const mid = (a + b) >> 1;
          if (arr[mid]!.value < lo) a = mid + 1;
          else b = mid;
        }
        for (let i = a; i < arr.length && arr[i]!.value <= hi; i++) out.add(arr[i]!.pod);
      }
    }
  }

  /**
   * Pods a selector peer matches (engine: matchPeer). podSelector alone: the policy's namespace;
   * namespaceSelector: the namespaces it selects; both: AND. hostNetwork pods never (node traffic).
   */
  private selectorPods(policy: NetworkPolicy, peer: Peer): Pod[] {
    const out: Pod[] = [];
    const nsSel = peer.namespaceSelector;
    const namespaces = nsSel
      ? [...this.classesByNs.keys()].filter((ns) => matchesSelector(nsSel, namespaceLabels(this.cluster, ns)))
      : [policy.namespace];
    for (const ns of namespaces) {
      for (const c of this.classesByNs.get(ns) ?? []) {
        if (c.rep.hostNetwork) continue;
        if (!peer.podSelector || matchesSelector(peer.podSelector, c.rep.labels)) out.push(...c.pods);
      }
    }
    return out;
  }

  /**
   * Addresses and pods covered by one rule's peers (the rule must have peers).
   * ipBlock, upstream semantics (scope "all"): the block, plus every IP of a pod that has any IP in
   * it (the engine matches a pod when one of its IPs is inside). Scope "external": pod IPs removed.
   */
  rulePeers(policy: NetworkPolicy, rule: Rule, key: string): { addrs: IpSet; pods: readonly Pod[] } {
    const hit = this.cache.get(key);
    if (hit) return hit;
    let addrs = IpSet.EMPTY;
    const pods = new Set<Pod>();
    for (const peer of rule.peers) {
      if (peer.ipBlock) {
        const block = IpSet.fromIpBlock(peer.ipBlock.cidr, peer.ipBlock.except);
        if (this.scope === 'external') {
          addrs = addrs.union(block.subtract(this.allPodIps));
          continue;
        }
        addrs = addrs.union(block);
        this.podsIn(block, pods);
        continue;
      }
      for (const pod of this.selectorPods(policy, peer)) pods.add(pod);
    }
    addrs = addrs.union(podsToSet([...pods]));
    const res = { addrs, pods: [...pods] };
    this.cache.set(key, res);
    return res;
  }
}

const parsed = new WeakMap<Pod, readonly ParsedIp[]>();

/** A pod's addresses, parsed once per compile (parsing dominates large compiles otherwise). */
export function parsedIps(pod: Pod): readonly ParsedIp[] {
  let ips = parsed.get(pod);
  if (!ips) {
    ips = pod.ips.map(parseIp).filter((p): p is ParsedIp => p !== undefined);
    parsed.set(pod, ips);
  }
  return ips;
}

/** One IpSet from the addresses of many pods, normalised once (not one union per address). */
export function podsToSet(pods: readonly Pod[]): IpSet {
  const v4: IpRange[] = [];
  const v6: IpRange[] = [];
  for (const pod of pods) for (const p of parsedIps(pod)) (p.family === 4 ? v4 : v6).push([p.value, p.value]);
  return IpSet.of(4, v4).union(IpSet.of(6, v6));
}

// Which addresses a rule's peers cover, and which pods they are: the address side of the nft sets.
// Matching goes through the engine's matchPeer so the dataplane equals the engine by construction.
import type { Cluster, NetworkPolicy, Peer, Pod, Rule } from '../core/model/types.js';
import { IpSet, parseIp, type IpRange, type ParsedIp } from '../core/sets/ip-set.js';
import { matchPeer } from '../core/engine/peers.js';
import type { IpBlockScope } from '../core/engine/types.js';

/** Pods grouped by what peer matching looks at (namespace, labels, hostNetwork), to match once per group. */
interface PodClass {
  readonly rep: Pod;
  readonly pods: Pod[];
}

export class PeerIndex {
  private readonly classes: PodClass[];
  private readonly allPodIps: IpSet;
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
    this.classes = [...byKey.values()];
    this.allPodIps = podsToSet(cluster.pods);
  }

  /** Pods a selector peer matches (hostNetwork pods never: they are seen as node traffic). */
  private selectorPods(policy: NetworkPolicy, peer: Peer): Pod[] {
    const out: Pod[] = [];
    for (const c of this.classes) {
      if (matchPeer(this.cluster, policy, peer, { kind: 'pod', pod: c.rep }, this.scope).matched) out.push(...c.pods);
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
        for (const pod of this.cluster.pods) {
          if (parsedIps(pod).some((ip) => block.has(ip))) {
            pods.add(pod);
          }
        }
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

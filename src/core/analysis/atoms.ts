// External address blocks: the IP space cut at every ipBlock boundary, so that each block is
// treated alike by every policy rule (an ipBlock peer either contains all of it or none of it).
import type { Cluster, IpBlock } from '../model/types.js';
import { IpSet, type IpFamily, type IpRange } from '../sets/ip-set.js';

/** One external block: a contiguous address range of one family. */
export interface IpAtom {
  readonly family: IpFamily;
  readonly first: bigint;
  readonly last: bigint;
}

/**
 * `uniform`: one partition for both sides, IPv4 and IPv6, adjacent pieces that every ipBlock
 * treats alike merged into maximal blocks.
 * `analyzer`: netpol-analyzer's atoms: IPv4 only, source atoms from ingress ipBlocks,
 * destination atoms from egress ipBlocks, never merged.
 */
export type AtomMode = 'uniform' | 'analyzer';

export interface AtomSides {
  readonly sources: readonly IpAtom[];
  readonly destinations: readonly IpAtom[];
}

const FULL: Record<IpFamily, bigint> = { 4: (1n << 32n) - 1n, 6: (1n << 128n) - 1n };

/** Every ipBlock of the cluster as cidr minus except, per direction. */
export function ipBlockSets(cluster: Cluster): { ingress: IpSet[]; egress: IpSet[] } {
  const collect = (blocks: IpBlock[]): IpSet[] => blocks.map((b) => IpSet.fromIpBlock(b.cidr, b.except));
  const ing: IpBlock[] = [];
  const eg: IpBlock[] = [];
  for (const p of cluster.policies) {
    for (const r of p.ingress) for (const peer of r.peers) if (peer.ipBlock) ing.push(peer.ipBlock);
    for (const r of p.egress) for (const peer of r.peers) if (peer.ipBlock) eg.push(peer.ipBlock);
  }
  return { ingress: collect(ing), egress: collect(eg) };
}

/** Cuts [0, max] of one family at every range boundary of `sets`. */
function cut(family: IpFamily, sets: readonly IpSet[]): IpRange[] {
  const starts = new Set<bigint>([0n]);
  for (const s of sets) {
    for (const [a, b] of s.ranges(family)) {
      starts.add(a);
      if (b < FULL[family]) starts.add(b + 1n);
    }
  }
  const sorted = [...starts].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  return sorted.map((a, i) => [a, i + 1 < sorted.length ? sorted[i + 1]! - 1n : FULL[family]] as const);
}

/** Which of `sets` contain the address: the piece's signature (pieces never straddle a boundary). */
function signature(family: IpFamily, value: bigint, sets: readonly IpSet[]): string {
  let sig = '';
  for (const s of sets) sig += s.has({ family, value }) ? '1' : '0';
  return sig;
}

/** Maximal contiguous blocks on which every set in `sets` is constant. */
export function uniformAtoms(sets: readonly IpSet[], families: readonly IpFamily[] = [4, 6]): IpAtom[] {
  const out: IpAtom[] = [];
  for (const family of families) {
    let cur: { first: bigint; last: bigint; sig: string } | undefined;
    for (const [a, b] of cut(family, sets)) {
      const sig = signature(family, a, sets);
      if (cur && cur.sig === sig) cur.last = b;
      else {
        if (cur) out.push({ family, first: cur.first, last: cur.last });
        cur = { first: a, last: b, sig };
      }
    }
    if (cur) out.push({ family, first: cur.first, last: cur.last });
  }
  return out;
}

/** netpol-analyzer: IPv4 pieces cut at every boundary, unmerged. */
function analyzerAtoms(sets: readonly IpSet[]): IpAtom[] {
  return cut(4, sets).map(([first, last]) => ({ family: 4 as const, first, last }));
}

/**
 * The external blocks for each side of a connection. `extra` adds more boundaries (diff uses it to
 * give two clusters the same blocks).
 */
export function externalAtoms(cluster: Cluster, mode: AtomMode, extra: readonly Cluster[] = []): AtomSides {
  const all = [cluster, ...extra].map(ipBlockSets);
  const ingress = all.flatMap((s) => s.ingress);
  const egress = all.flatMap((s) => s.egress);
  if (mode === 'analyzer') return { sources: analyzerAtoms(ingress), destinations: analyzerAtoms(egress) };
  const atoms = uniformAtoms([...ingress, ...egress]);
  return { sources: atoms, destinations: atoms };
}

export const atomSet = (a: IpAtom): IpSet => IpSet.of(a.family, [[a.first, a.last]]);

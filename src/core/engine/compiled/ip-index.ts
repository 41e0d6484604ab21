// Which ipBlocks contain which pod IPs, without testing every pod against every block: a sweep over
// all block boundaries cuts the address space into segments of equal membership, then each pod IP is
// one binary search. Upstream: an ipBlock matches pod IPs too (e2e "ipBlock" tests).
import { IpSet, parseIp, type IpFamily } from '../../sets/ip-set.js';

export interface IpIndex {
  /** Distinct blocks, by key `cidr|except,…`. */
  readonly blocks: readonly IpSet[];
  readonly keyToBlock: ReadonlyMap<string, number>;
  /** Block ids containing the IP (sorted); empty when none or the IP does not parse. */
  lookup(ip: string): readonly number[];
}

interface Segments {
  readonly starts: bigint[];
  readonly members: (readonly number[])[];
}

export const ipBlockKey = (cidr: string, except: readonly string[]): string => `${cidr}|${except.join(',')}`;

function sweep(blocks: readonly IpSet[], family: IpFamily): Segments {
  const events: { at: bigint; id: number; add: boolean }[] = [];
  blocks.forEach((b, id) => {
    for (const [lo, hi] of b.ranges(family)) {
      events.push({ at: lo, id, add: true }, { at: hi + 1n, id, add: false });
    }
  });
  events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const starts: bigint[] = [0n];
  const members: (readonly number[])[] = [[]];
  const cur = new Set<number>();
  for (let i = 0; i < events.length; ) {
    const at = events[i]!.at;
    for (; i < events.length && events[i]!.at === at; i++) {
      const e = events[i]!;
      if (e.add) cur.add(e.id);
      else cur.delete(e.id);
    }
    starts.push(at);
    members.push([...cur].sort((a, b) => a - b));
  }
  return { starts, members };
}

export function buildIpIndex(blockKeys: ReadonlyMap<string, { cidr: string; except: readonly string[] }>): IpIndex {
  const keyToBlock = new Map<string, number>();
  const blocks: IpSet[] = [];
  for (const [key, b] of blockKeys) {
    keyToBlock.set(key, blocks.length);
    blocks.push(IpSet.fromIpBlock(b.cidr, b.except));
  }
  const seg: Record<IpFamily, Segments> = { 4: sweep(blocks, 4), 6: sweep(blocks, 6) };
  // IPv4 segment starts as doubles (exact below 2^53): the per-pod lookup avoids bigint and ipaddr.js
  const v4Starts = Float64Array.from(seg[4].starts, Number);
  const lookup = (ip: string): readonly number[] => {
    const v4 = fastV4(ip);
    if (v4 !== undefined) {
      let lo = 0;
      let hi = v4Starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (v4Starts[mid]! <= v4) lo = mid;
        else hi = mid - 1;
      }
      return seg[4].members[lo]!;
    }
    // no IPv6 block: every IPv6 address (valid or not) is in no block, no need to parse it
    if (seg[6].starts.length === 1 && ip.includes(':')) return seg[6].members[0]!;
    const p = parseIp(ip);
    if (!p) return [];
    const { starts, members } = seg[p.family];
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= p.value) lo = mid;
      else hi = mid - 1;
    }
    return members[lo]!;
  };
  return { blocks, keyToBlock, lookup };
}

/** A canonical dotted quad (what parseIp accepts for IPv4: no leading zeros) as a number, else undefined. */
function fastV4(ip: string): number | undefined {
  let v = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < ip.length; i++) {
    const ch = ip.charCodeAt(i);
    if (ch === 46) {
      if (digits === 0 || part > 255) return undefined;
      v = v * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else if (ch >= 48 && ch <= 57) {
      if (digits > 0 && part === 0) return undefined; // leading zero
      part = part * 10 + (ch - 48);
      if (++digits > 3) return undefined;
    } else return undefined;
  }
  if (dots !== 3 || digits === 0 || part > 255) return undefined;
  return v * 256 + part;
}

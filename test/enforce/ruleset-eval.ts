// A small interpreter of the compiled Ruleset (nft semantics for the constructs netpol emits), so the
// compiler can be checked against the engine on thousands of random clusters without root.
// The lab tests then check that the kernel agrees with this reading on real packets.
import type { Protocol } from '../../src/core/model/types.js';
import { parseIp, type IpFamily } from '../../src/core/sets/ip-set.js';
import type { Match, NftChain, Ruleset, Verdict } from '../../src/enforce/ruleset.js';

export interface Packet {
  readonly saddr: string;
  readonly daddr: string;
  readonly protocol: Protocol;
  readonly dport: number;
  /** ct state: only "new" packets are evaluated here (replies pass by ct state established). */
}

function addrOf(p: Packet, dir: 'saddr' | 'daddr', fam: IpFamily): bigint | undefined {
  const a = parseIp(dir === 'saddr' ? p.saddr : p.daddr);
  return a && a.family === fam ? a.value : undefined;
}

function matches(rs: Ruleset, m: Match, p: Packet): boolean {
  switch (m.kind) {
    case 'ct-state':
      return false; // a new connection
    case 'addr-set': {
      const a = addrOf(p, m.dir, m.family);
      const set = rs.sets.find((s) => s.name === m.set);
      if (a === undefined || !set || set.kind !== 'addr') return false;
      return set.ranges.some(([lo, hi]) => a >= lo && a <= hi);
    }
    case 'proto-ports':
      return p.protocol === m.protocol && m.ports.has(p.dport);
    case 'concat-set': {
      const a = addrOf(p, m.dir, m.family);
      const set = rs.sets.find((s) => s.name === m.set);
      if (a === undefined || !set || set.kind !== 'concat') return false;
      return set.elements.some((e) => a >= e.range[0] && a <= e.range[1] && e.protocol === p.protocol && p.dport >= e.ports[0] && p.dport <= e.ports[1]);
    }
    case 'vmap':
      return true; // handled in run()
  }
}

/** Runs a chain: a terminal verdict, or "return"/undefined to continue in the caller. */
function run(rs: Ruleset, chain: NftChain, p: Packet): Verdict | undefined {
  for (const r of chain.rules) {
    const vm = r.matches.find((m): m is Extract<Match, { kind: 'vmap' }> => m.kind === 'vmap');
    if (vm) {
      const a = addrOf(p, vm.dir, vm.family);
      const map = rs.maps.find((x) => x.name === vm.map);
      const hit = a === undefined ? undefined : map?.entries.find((e) => e.addr === a);
      if (!hit) continue;
      const v = run(rs, rs.chains.find((c) => c.name === hit.chain)!, p);
      if (v === 'accept' || v === 'drop') return v;
      continue;
    }
    if (r.matches.every((m) => matches(rs, m, p))) {
      if (r.jump) {
        const v = run(rs, rs.chains.find((c) => c.name === r.jump)!, p);
        if (v === 'accept' || v === 'drop') return v;
        continue;
      }
      if (r.verdict) return r.verdict;
    }
  }
  return undefined;
}

/** The verdict of a hook: its base chains in priority order; accept moves on to the next, drop is final. */
export function hook(rs: Ruleset, name: 'forward' | 'input', p: Packet): 'accept' | 'drop' {
  const bases = rs.chains.filter((c) => c.base?.hook === name).sort((a, b) => a.base!.priority - b.base!.priority);
  for (const chain of bases) if (run(rs, chain, p) === 'drop') return 'drop';
  return 'accept';
}

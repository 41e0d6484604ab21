// Port atoms: the (protocol, port) space cut at every boundary any rule or named port uses, so that
// every rule's port set is a union of atoms and a ConnectionSet becomes a small bitmask.
import { PROTOCOLS, type ContainerPort, type Protocol } from '../../model/types.js';
import { ConnectionSet } from '../../sets/connection-set.js';
import type { PortRange } from '../../sets/port-set.js';

export class PortAtoms {
  /** Per protocol: sorted cut points, first 1, last 65536; atom i spans [cuts[i], cuts[i+1]-1]. */
  private readonly cuts: Record<Protocol, number[]>;
  private readonly base: Record<Protocol, number>;
  readonly count: number;
  readonly words: number;
  private readonly toSet = new Map<string, ConnectionSet>();

  constructor(ranges: Iterable<{ protocol: Protocol; lo: number; hi: number }>) {
    const cut: Record<Protocol, Set<number>> = { TCP: new Set([1, 65536]), UDP: new Set([1, 65536]), SCTP: new Set([1, 65536]) };
    for (const r of ranges) {
      cut[r.protocol].add(Math.max(1, r.lo));
      cut[r.protocol].add(Math.min(65535, r.hi) + 1);
    }
    const sorted = (s: Set<number>): number[] => [...s].sort((a, b) => a - b);
    this.cuts = { TCP: sorted(cut.TCP), UDP: sorted(cut.UDP), SCTP: sorted(cut.SCTP) };
    let n = 0;
    const base = { TCP: 0, UDP: 0, SCTP: 0 };
    for (const p of PROTOCOLS) {
      base[p] = n;
      n += this.cuts[p].length - 1;
    }
    this.base = base;
    this.count = n;
    this.words = Math.max(1, Math.ceil(n / 32));
  }

  /** Ranges every rule port and every container port contribute. */
  static collect(ports: Iterable<{ protocol: Protocol; port?: number | string; endPort?: number }>, containers: Iterable<ContainerPort>): PortAtoms {
    const out: { protocol: Protocol; lo: number; hi: number }[] = [];
    for (const p of ports) if (typeof p.port === 'number') out.push({ protocol: p.protocol, lo: p.port, hi: p.endPort ?? p.port });
    for (const c of containers) out.push({ protocol: c.protocol, lo: c.containerPort, hi: c.containerPort });
    return new PortAtoms(out);
  }

  private indexOf(p: Protocol, cutPoint: number): number {
    const c = this.cuts[p];
    let lo = 0;
    let hi = c.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (c[mid] === cutPoint) return mid;
      if (c[mid]! < cutPoint) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The mask of a set; undefined when some boundary is not a cut (the atoms must be rebuilt). */
  mask(cs: ConnectionSet): Uint32Array | undefined {
    const m = new Uint32Array(this.words);
    for (const p of PROTOCOLS) {
      for (const [a, b] of cs.ports(p).ranges) {
        const i = this.indexOf(p, a);
        const j = this.indexOf(p, b + 1);
        if (i < 0 || j < 0) return undefined;
        for (let k = this.base[p] + i; k < this.base[p] + j; k++) m[k >>> 5]! |= 1 << (k & 31);
      }
    }
    return m;
  }

  /** Back to a ConnectionSet (cached per mask). */
  set(m: Uint32Array, off = 0): ConnectionSet {
    let key = '';
    for (let w = 0; w < this.words; w++) key += `${m[off + w]},`;
    let cs = this.toSet.get(key);
    if (cs) return cs;
    const list: { protocol: Protocol; ports: PortRange[] }[] = [];
    for (const p of PROTOCOLS) {
      const ports: PortRange[] = [];
      const c = this.cuts[p];
      for (let i = 0; i < c.length - 1; i++) {
        const k = this.base[p] + i;
        if ((m[off + (k >>> 5)]! >>> (k & 31)) & 1) ports.push([c[i]!, c[i + 1]! - 1]);
      }
      if (ports.length) list.push({ protocol: p, ports });
    }
    cs = ConnectionSet.fromJSON(list);
    this.toSet.set(key, cs);
    return cs;
  }
}

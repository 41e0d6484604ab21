// Every ordered pod pair at once, per destination class: the ingress row (sources its rules admit)
// and the egress column (isolated sources whose egress rules reach it) as port-atom bitmasks; a
// pair is allowed iff egress(src) ∩ ingress(dst) ≠ ∅ (upstream: both directions must allow).
import { ConnectionSet } from '../../sets/connection-set.js';
import type { Pod } from '../../model/types.js';
import type { PairSummary } from '../types.js';
import { rulePortSet } from '../ports.js';
import { PortAtoms } from './port-atoms.js';
import { hasSorted } from './state.js';
import type { CRule, State } from './state.js';

/** A destination class row: for each source class, the allowed set (compressed form of all pod pairs). */
export interface ClassRow {
  readonly dst: number;
  /** Source classes and their allowed sets; every other source is denied. */
  readonly sources: Int32Array;
  readonly conns: readonly ConnectionSet[];
}

export type { PairSummary };

export class PairAnalysis {
  /** Rules with more member classes than this are tested through a bitset (tests lower it). */
  static bitsetMin = 64;
  atoms: PortAtoms;
  /** Per rule id: port mask per destination port group (-1: no named ports, any group). */
  private masks: (Map<number, Uint32Array> | undefined)[] = [];
  private named: number[] = [];
  private egIso = new Uint8Array(0);
  private inIso = new Uint8Array(0);
  private podsEgOpen = 0;
  private rowPairs = new Float64Array(0);
  private dirty: Set<number> | 'all' = 'all';
  // scratch, sized per class count
  private stampI = new Int32Array(0);
  private stampE = new Int32Array(0);
  private maskI = new Uint32Array(0);
  private maskE = new Uint32Array(0);
  private touched: number[] = [];
  private touchedE: number[] = [];
  private ruleM: Int32Array[] = [];
  private rulePm: Uint32Array[] = [];
  private podCount = new Int32Array(0);
  private bits = new WeakMap<Int32Array, Uint32Array>();
  private openPods = new WeakMap<Int32Array, number>();
  /** Stamp of the row being filled: scratch entries with another stamp are stale. */
  private gen = 0;

  constructor(private readonly s: State) {
    this.atoms = this.buildAtoms();
  }

  private buildAtoms(): PortAtoms {
    const rulePorts = this.s.rules.flatMap((r) => (r ? r.rule.ports : []));
    return PortAtoms.collect(rulePorts, this.s.classes.flatMap((c) => c.ports));
  }

  /** Marks rows to recount: destination class ids, or everything. */
  invalidate(rows: Iterable<number> | 'all'): void {
    if (rows === 'all' || this.dirty === 'all') {
      this.dirty = 'all';
      return;
    }
    for (const r of rows) this.dirty.add(r);
  }

  /** Whether the rule's ports are still unions of atoms (else the caller invalidates all). */
  atomsCover(rules: readonly CRule[]): boolean {
    const groups = this.s.table.groupPorts.length;
    return rules.every((r) => {
      if (!r.rule.ports.some((p) => typeof p.port === 'string')) return this.portMask(r, 0) !== undefined;
      for (let pg = 0; pg < groups; pg++) if (this.portMask(r, pg) === undefined) return false;
      return true;
    });
  }

  portMask(r: CRule, pg: number): Uint32Array | undefined {
    let byGroup = this.masks[r.id];
    if (!byGroup) {
      byGroup = new Map();
      this.masks[r.id] = byGroup;
      this.named[r.id] = r.rule.ports.some((p) => typeof p.port === 'string') ? 1 : 0;
    }
    // only named ports depend on the destination's container ports
    const key = this.named[r.id] ? pg : -1;
    let m = byGroup.get(key);
    if (!m) {
      const pod: Pod = { namespace: '', name: '', labels: {}, ips: [], ports: this.s.table.groupPorts[pg] ?? [], hostNetwork: false, fromTemplate: false };
      m = this.atoms.mask(rulePortSet(r.rule.ports, { kind: 'pod', pod }));
      if (!m) return undefined;
      byGroup.set(key, m);
    }
    return m;
  }

  private refreshFlags(): void {
    const n = this.s.classes.length;
    this.egIso = new Uint8Array(n);
    this.inIso = new Uint8Array(n);
    this.podCount = new Int32Array(n);
    this.podsEgOpen = 0;
    for (let c = 0; c < n; c++) {
      const cls = this.s.classes[c]!;
      if (!cls.hostNetwork) {
        for (const p of this.s.selecting[c]!) {
          const cp = this.s.policies[p]!;
          if (cp.egress) this.egIso[c] = 1;
          if (cp.ingress) this.inIso[c] = 1;
        }
      }
      this.podCount[c] = cls.pods.length;
      if (!this.egIso[c]) this.podsEgOpen += cls.pods.length;
    }
    if (this.stampI.length < n) {
      this.stampI = new Int32Array(n).fill(-1);
      this.stampE = new Int32Array(n).fill(-1);
      this.maskI = new Uint32Array(n * this.atoms.words);
      this.maskE = new Uint32Array(n * this.atoms.words);
    }
  }

  /** Egress/ingress isolation flags as they stand (for update.ts to detect flips). */
  isolationFlags(): { egIso: Uint8Array; inIso: Uint8Array } {
    return { egIso: this.egIso, inIso: this.inIso };
  }

  resetAtoms(): void {
    this.atoms = this.buildAtoms();
    this.masks = [];
    this.stampI = new Int32Array(0);
    this.dirty = 'all';
  }

  /**
   * Fills the scratch row of destination class d; `touched` lists the source classes that may be
   * allowed. Egress first: an egress-isolated source no egress rule lets reach d is skipped in the
   * ingress loop. Without `full`, egress-open sources are only stamped (any admitted port allows).
   */
  private fillRow(d: number, full: boolean): void {
    const W = this.atoms.words;
    const cls = this.s.classes[d]!;
    const { stampI, stampE, maskI, egIso } = this;
    const inIso = this.inIso[d] === 1;
    const g = this.fillEgress(d);
    this.touched.length = 0;
    if (!inIso) {
      for (const src of this.touchedE) this.touched.push(src);
      return;
    }
    for (const p of this.s.selecting[d]!) {
      for (const r of this.s.policies[p]!.ingress ?? []) {
        const pm = this.portMask(r, cls.portGroup)!;
        if (isZero(pm)) continue;
        for (const src of r.members) {
          if (egIso[src]) {
            if (stampE[src] !== g) continue; // its egress never reaches d
          } else if (!full) {
            if (stampI[src] !== g) {
              stampI[src] = g;
              this.touched.push(src);
            }
            continue;
          }
          const o = src * W;
          if (stampI[src] !== g) {
            stampI[src] = g;
            for (let w = 0; w < W; w++) maskI[o + w] = pm[w]!;
            this.touched.push(src);
          } else for (let w = 0; w < W; w++) maskI[o + w]! |= pm[w]!;
        }
      }
    }
  }

  /** Stamps the egress column of d: isolated sources whose egress rules reach d (into touchedE). */
  private fillEgress(d: number): number {
    const W = this.atoms.words;
    const pg = this.s.classes[d]!.portGroup;
    const { stampE, maskE, egIso } = this;
    const g = ++this.gen;
    this.touchedE.length = 0;
    for (const rid of this.s.egMatched[d]!) {
      const r = this.s.rules[rid]!;
      const pm = this.portMask(r, pg)!;
      if (isZero(pm)) continue;
      for (const src of this.s.policies[r.policy]!.selected) {
        if (!egIso[src]) continue; // hostNetwork: never isolated
        const o = src * W;
        if (stampE[src] !== g) {
          stampE[src] = g;
          for (let w = 0; w < W; w++) maskE[o + w] = pm[w]!;
          this.touchedE.push(src);
        } else for (let w = 0; w < W; w++) maskE[o + w]! |= pm[w]!;
      }
    }
    return g;
  }

  /** Members of a big rule as a bitset (null for small rules: binary search), keyed by the never-mutated array. */
  private bitsOf(m: Int32Array): Uint32Array | null {
    if (m.length <= PairAnalysis.bitsetMin) return null;
    let b = this.bits.get(m);
    if (!b) {
      b = new Uint32Array((this.s.classes.length + 31) >>> 5);
      for (const c of m) b[c >>> 5]! |= 1 << (c & 31);
      this.bits.set(m, b);
    }
    return b;
  }

  /** Pods of the egress-open classes among m (cached for one summary). */
  private openPodsOf(m: Int32Array): number {
    let n = this.openPods.get(m);
    if (n === undefined) {
      n = 0;
      for (const c of m) if (!this.egIso[c]) n += this.s.classes[c]!.pods.length;
      this.openPods.set(m, n);
    }
    return n;
  }

  /**
   * Count of an ingress-isolated row without walking its biggest rule: egress-open sources of that
   * rule are counted from a per-rule total, the other rules add the open sources it lacks, and
   * egress-isolated sources come from the (small) egress column.
   */
  private countIsolatedRow(d: number, nd: number, tmp: Uint32Array): number {
    const W = this.atoms.words;
    const pg = this.s.classes[d]!.portGroup;
    const g = this.fillEgress(d);
    const { ruleM, rulePm } = this; // scratch, no allocation per row
    let n = 0;
    let big = 0;
    for (const p of this.s.selecting[d]!) {
      for (const r of this.s.policies[p]!.ingress ?? []) {
        const pm = this.portMask(r, pg)!;
        if (isZero(pm) || r.members.length === 0) continue;
        if (n > 0 && r.members.length > ruleM[big]!.length) big = n;
        ruleM[n] = r.members;
        rulePm[n++] = pm;
      }
    }
    if (n === 0) return 0;
    const { egIso, stampI, podCount } = this;
    const bm = ruleM[big]!;
    const bb = this.bitsOf(bm);
    let total = this.openPodsOf(bm) * nd;
    if (!egIso[d] && hasSorted(bm, d)) total -= nd; // a pod to itself is no pair
    for (let i = 0; i < n; i++) {
      if (i === big) continue;
      const m = ruleM[i]!;
      for (let j = 0; j < m.length; j++) {
        const src = m[j]!;
        if (egIso[src] || stampI[src] === g) continue;
        if (bb ? (bb[src >>> 5]! >>> (src & 31)) & 1 : hasSorted(bm, src)) continue;
        stampI[src] = g;
        total += src === d ? nd * (nd - 1) : podCount[src]! * nd;
      }
    }
    for (const src of this.touchedE) {
      tmp.fill(0);
      for (let i = 0; i < n; i++) {
        const b = this.bitsOf(ruleM[i]!);
        if (b ? (b[src >>> 5]! >>> (src & 31)) & 1 : hasSorted(ruleM[i]!, src)) {
          const pm = rulePm[i]!;
          for (let w = 0; w < W; w++) tmp[w]! |= pm[w]!;
        }
      }
      let any = 0;
      for (let w = 0; w < W; w++) any |= tmp[w]! & this.maskE[src * W + w]!;
      if (any !== 0) total += src === d ? nd * (nd - 1) : podCount[src]! * nd;
    }
    return total;
  }


  /** The allowed atoms mask of (src, d) after fillRow(d), written to `out`; false when empty. */
  private pairMask(src: number, d: number, out: Uint32Array): boolean {
    const W = this.atoms.words;
    const g = this.gen;
    const o = src * W;
    let any = 0;
    const iso = this.inIso[d];
    const eIso = this.egIso[src];
    for (let w = 0; w < W; w++) {
      const i = iso ? (this.stampI[src] === g ? this.maskI[o + w]! : 0) : 0xffffffff;
      const e = eIso ? (this.stampE[src] === g ? this.maskE[o + w]! : 0) : 0xffffffff;
      out[w] = i & e;
      any |= out[w]!;
    }
    return any !== 0;
  }

  private countRow(d: number, tmp: Uint32Array): number {
    const classes = this.s.classes;
    const nd = classes[d]!.pods.length;
    if (nd === 0) return 0;
    if (this.inIso[d]) return this.countIsolatedRow(d, nd, tmp);
    this.fillRow(d, false);
    const pairs = (src: number): number => (src === d ? nd * (nd - 1) : classes[src]!.pods.length * nd);
    let total = 0;
    if (!this.inIso[d]) total += nd * this.podsEgOpen - (this.egIso[d] ? 0 : nd);
    for (const src of this.touched) {
      // egress-open sources stamped by an ingress rule with ports are allowed (masks not kept)
      if (!this.egIso[src] || this.pairMask(src, d, tmp)) total += pairs(src);
    }
    return total;
  }

  /** Counts, recounting only dirty rows since the last call. */
  summary(): PairSummary {
    const n = this.s.classes.length;
    this.refreshFlags();
    this.openPods = new WeakMap(); // isolation flags and pod counts may have changed
    this.bits = new WeakMap(); // sized by the class count, which updates may grow
    const tmp = new Uint32Array(this.atoms.words);
    if (this.dirty === 'all' || this.rowPairs.length !== n) {
      this.rowPairs = new Float64Array(n);
      for (let d = 0; d < n; d++) this.rowPairs[d] = this.countRow(d, tmp);
    } else for (const d of this.dirty) this.rowPairs[d] = this.countRow(d, tmp);
    this.dirty = new Set();
    let allowedPairs = 0;
    let endpoints = 0;
    let isolatedIngress = 0;
    let isolatedEgress = 0;
    for (let c = 0; c < n; c++) {
      const k = this.s.classes[c]!.pods.length;
      allowedPairs += this.rowPairs[c]!;
      endpoints += k;
      if (this.inIso[c]) isolatedIngress += k;
      if (this.egIso[c]) isolatedEgress += k;
    }
    return { endpoints, allowedPairs, isolatedIngress, isolatedEgress };
  }

  /** Class-pair rows with their allowed sets: the compressed form of every pod pair. */
  *rows(): Generator<ClassRow> {
    this.refreshFlags();
    const n = this.s.classes.length;
    const tmp = new Uint32Array(this.atoms.words);
    for (let d = 0; d < n; d++) {
      if (this.s.classes[d]!.pods.length === 0) continue;
      this.fillRow(d, true);
      const srcs: number[] = [];
      const conns: ConnectionSet[] = [];
      const cands = this.inIso[d] ? this.touched : [...Array(n).keys()];
      for (const src of cands) {
        if (this.s.classes[src]!.pods.length === 0) continue;
        if (this.pairMask(src, d, tmp)) {
          srcs.push(src);
          conns.push(this.atoms.set(tmp));
        }
      }
      yield { dst: d, sources: Int32Array.from(srcs), conns };
    }
  }
}

function isZero(m: Uint32Array): boolean {
  for (let w = 0; w < m.length; w++) if (m[w] !== 0) return false;
  return true;
}

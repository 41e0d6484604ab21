// Inclusive port intervals over 1..65535, kept sorted, disjoint and merged (adjacent ranges join).
// The one place where port-range algebra lives; engine, analysis, reports and nft use it.

export const MIN_PORT = 1;
export const MAX_PORT = 65535;

export type PortRange = readonly [number, number];

export class PortSet {
  private constructor(readonly ranges: readonly PortRange[]) {}

  static readonly EMPTY = new PortSet([]);
  static readonly ALL = new PortSet([[MIN_PORT, MAX_PORT]]);

  static range(lo: number, hi: number = lo): PortSet {
    const a = Math.max(lo, MIN_PORT);
    const b = Math.min(hi, MAX_PORT);
    return a > b ? PortSet.EMPTY : new PortSet([[a, b]]);
  }

  /** Builds a set from any ranges (unsorted, overlapping) by normalising them. */
  static of(ranges: Iterable<readonly [number, number]>): PortSet {
    const sorted = [...ranges]
      .map(([a, b]) => [Math.max(a, MIN_PORT), Math.min(b, MAX_PORT)] as [number, number])
      .filter(([a, b]) => a <= b)
      .sort((x, y) => x[0] - y[0]);
    const out: [number, number][] = [];
    for (const r of sorted) {
      const last = out[out.length - 1];
      if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
      else out.push([r[0], r[1]]);
    }
    return out.length === 0 ? PortSet.EMPTY : new PortSet(out);
  }

  isEmpty(): boolean {
    return this.ranges.length === 0;
  }

  isAll(): boolean {
    const r = this.ranges[0];
    return this.ranges.length === 1 && r !== undefined && r[0] === MIN_PORT && r[1] === MAX_PORT;
  }

  has(port: number): boolean {
    let lo = 0;
    let hi = this.ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = this.ranges[mid]!;
      if (port < r[0]) hi = mid - 1;
      else if (port > r[1]) lo = mid + 1;
      else return true;
    }
    return false;
  }

  size(): number {
    let n = 0;
    for (const [a, b] of this.ranges) n += b - a + 1;
    return n;
  }

  union(o: PortSet): PortSet {
    if (o.isEmpty() || this.isAll()) return this;
    if (this.isEmpty() || o.isAll()) return o;
    return PortSet.of([...this.ranges, ...o.ranges]);
  }

  intersect(o: PortSet): PortSet {
    if (this.isEmpty() || o.isAll()) return this;
    if (o.isEmpty() || this.isAll()) return o;
    const out: [number, number][] = [];
    let i = 0;
    let j = 0;
    while (i < this.ranges.length && j < o.ranges.length) {
      const a = this.ranges[i]!;
      const b = o.ranges[j]!;
      const lo = Math.max(a[0], b[0]);
      const hi = Math.min(a[1], b[1]);
      if (lo <= hi) out.push([lo, hi]);
      if (a[1] < b[1]) i++;
      else j++;
    }
    return out.length === 0 ? PortSet.EMPTY : new PortSet(out);
  }

  complement(): PortSet {
    const out: [number, number][] = [];
    let next = MIN_PORT;
    for (const [a, b] of this.ranges) {
      if (a > next) out.push([next, a - 1]);
      next = b + 1;
    }
    if (next <= MAX_PORT) out.push([next, MAX_PORT]);
    return out.length === 0 ? PortSet.EMPTY : new PortSet(out);
  }

  subtract(o: PortSet): PortSet {
    if (o.isEmpty() || this.isEmpty()) return this;
    return this.intersect(o.complement());
  }

  equals(o: PortSet): boolean {
    if (this.ranges.length !== o.ranges.length) return false;
    return this.ranges.every((r, i) => r[0] === o.ranges[i]![0] && r[1] === o.ranges[i]![1]);
  }

  /** netpol-analyzer style: "80,8000-8080". */
  toString(): string {
    return this.ranges.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(',');
  }

  toJSON(): [number, number][] {
    return this.ranges.map(([a, b]) => [a, b]);
  }
}

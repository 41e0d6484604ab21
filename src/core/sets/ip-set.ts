// IPv4 and IPv6 address sets as inclusive bigint intervals, per family.
// The one place for IP-range algebra: ipBlock matching, external-block atoms, nft sets.
import ipaddr from 'ipaddr.js';

export type IpFamily = 4 | 6;
export type IpRange = readonly [bigint, bigint];

const MAX: Record<IpFamily, bigint> = { 4: (1n << 32n) - 1n, 6: (1n << 128n) - 1n };
const BITS: Record<IpFamily, number> = { 4: 32, 6: 128 };

export interface ParsedIp {
  readonly family: IpFamily;
  readonly value: bigint;
}

export interface ParsedCidr {
  readonly family: IpFamily;
  readonly prefix: number;
  readonly first: bigint;
  readonly last: bigint;
  /** True when the address had bits set beyond the prefix (accepted, then masked, as Go's ParseCIDR). */
  readonly hostBitsSet: boolean;
}

function bytesToBigint(bytes: number[]): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const DOTTED_QUAD = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);

/** Parses a plain IPv4 or IPv6 address (no zone, no brackets). Undefined when invalid. */
export function parseIp(text: string): ParsedIp | undefined {
  // ipaddr.js accepts legacy forms like "010.1" for IPv4; upstream (Go netip) only dotted quads.
  if (text.includes('%')) return undefined;
  // common case first (a canonical dotted quad; ipaddr.js is slow at 10k+ pods): same result as below
  const quad = DOTTED_QUAD.exec(text);
  if (quad) return { family: 4, value: BigInt((((+quad[1]! * 256 + +quad[2]!) * 256 + +quad[3]!) * 256) + +quad[4]!) };
  // An IPv6 text never reaches the IPv4 check: ipaddr.js validates by constructing and throwing (slow).
  if (!text.includes(':') && ipaddr.IPv4.isValidFourPartDecimal(text)) {
    if (text.split('.').some((p) => p.length > 1 && p.startsWith('0'))) return undefined;
    return { family: 4, value: bytesToBigint(ipaddr.IPv4.parse(text).toByteArray()) };
  }
  if (text.includes(':') && ipaddr.IPv6.isValid(text)) {
    return { family: 6, value: bytesToBigint(ipaddr.IPv6.parse(text).toByteArray()) };
  }
  return undefined;
}

/** Parses "addr/prefix" with Go ParseCIDR semantics (host bits masked). Undefined when invalid. */
export function parseCidr(text: string): ParsedCidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIp(text.slice(0, slash));
  const ptext = text.slice(slash + 1);
  if (!ip || !/^\d{1,3}$/.test(ptext)) return undefined;
  const prefix = Number(ptext);
  const bits = BITS[ip.family];
  if (prefix > bits) return undefined;
  const hostMask = (1n << BigInt(bits - prefix)) - 1n;
  const first = ip.value & ~hostMask & MAX[ip.family];
  return { family: ip.family, prefix, first, last: first | hostMask, hostBitsSet: first !== ip.value };
}

export function formatIp(family: IpFamily, value: bigint): string {
  if (family === 4) {
    return [24n, 16n, 8n, 0n].map((s) => ((value >> s) & 255n).toString()).join('.');
  }
  const parts: number[] = [];
  for (let s = 112n; s >= 0n; s -= 16n) parts.push(Number((value >> s) & 0xffffn));
  return ipaddr.fromByteArray(parts.flatMap((p) => [p >> 8, p & 255])).toString();
}

export function formatCidr(family: IpFamily, first: bigint, prefix: number): string {
  return `${formatIp(family, first)}/${prefix}`;
}

/** The minimal list of CIDRs that exactly cover [lo, hi]. */
export function rangeToCidrs(family: IpFamily, lo: bigint, hi: bigint): string[] {
  const out: string[] = [];
  const bits = BITS[family];
  let cur = lo;
  while (cur <= hi) {
    let size = 0;
    while (size < bits) {
      const block = 1n << BigInt(size + 1);
      if ((cur & (block - 1n)) !== 0n || cur + block - 1n > hi) break;
      size++;
    }
    out.push(formatCidr(family, cur, bits - size));
    cur += 1n << BigInt(size);
  }
  return out;
}

function normalize(ranges: IpRange[]): IpRange[] {
  const sorted = [...ranges].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: [bigint, bigint][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1n) {
      if (b > last[1]) last[1] = b;
    } else out.push([a, b]);
  }
  return out;
}

function intersectRanges(x: readonly IpRange[], y: readonly IpRange[]): IpRange[] {
  const out: IpRange[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const a = x[i]!;
    const b = y[j]!;
    const lo = a[0] > b[0] ? a[0] : b[0];
    const hi = a[1] < b[1] ? a[1] : b[1];
    if (lo <= hi) out.push([lo, hi]);
    if (a[1] < b[1]) i++;
    else j++;
  }
  return out;
}

function complementRanges(x: readonly IpRange[], max: bigint): IpRange[] {
  const out: IpRange[] = [];
  let next = 0n;
  for (const [a, b] of x) {
    if (a > next) out.push([next, a - 1n]);
    next = b + 1n;
  }
  if (next <= max) out.push([next, max]);
  return out;
}

export class IpSet {
  private constructor(
    readonly v4: readonly IpRange[],
    readonly v6: readonly IpRange[],
  ) {}

  static readonly EMPTY = new IpSet([], []);
  static readonly ALL = new IpSet([[0n, MAX[4]]], [[0n, MAX[6]]]);

  static of(family: IpFamily, ranges: IpRange[]): IpSet {
    return family === 4 ? new IpSet(normalize(ranges), []) : new IpSet([], normalize(ranges));
  }

  /** The addresses of a CIDR, or EMPTY when it does not parse. */
  static fromCidr(text: string): IpSet {
    const c = parseCidr(text);
    return c ? IpSet.of(c.family, [[c.first, c.last]]) : IpSet.EMPTY;
  }

  /** ipBlock semantics: cidr minus every except. */
  static fromIpBlock(cidr: string, except: readonly string[]): IpSet {
    let s = IpSet.fromCidr(cidr);
    for (const e of except) s = s.subtract(IpSet.fromCidr(e));
    return s;
  }

  static fromIp(text: string): IpSet {
    const ip = parseIp(text);
    return ip ? IpSet.of(ip.family, [[ip.value, ip.value]]) : IpSet.EMPTY;
  }

  ranges(family: IpFamily): readonly IpRange[] {
    return family === 4 ? this.v4 : this.v6;
  }

  isEmpty(): boolean {
    return this.v4.length === 0 && this.v6.length === 0;
  }

  has(ip: ParsedIp): boolean {
    const rs = this.ranges(ip.family);
    let lo = 0;
    let hi = rs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = rs[mid]!;
      if (ip.value < r[0]) hi = mid - 1;
      else if (ip.value > r[1]) lo = mid + 1;
      else return true;
    }
    return false;
  }

  hasText(ip: string): boolean {
    const p = parseIp(ip);
    return p !== undefined && this.has(p);
  }

  union(o: IpSet): IpSet {
    return new IpSet(normalize([...this.v4, ...o.v4]), normalize([...this.v6, ...o.v6]));
  }

  intersect(o: IpSet): IpSet {
    return new IpSet(intersectRanges(this.v4, o.v4), intersectRanges(this.v6, o.v6));
  }

  complement(): IpSet {
    return new IpSet(complementRanges(this.v4, MAX[4]), complementRanges(this.v6, MAX[6]));
  }

  subtract(o: IpSet): IpSet {
    return this.intersect(o.complement());
  }

  equals(o: IpSet): boolean {
    const eq = (x: readonly IpRange[], y: readonly IpRange[]) =>
      x.length === y.length && x.every((r, i) => r[0] === y[i]![0] && r[1] === y[i]![1]);
    return eq(this.v4, o.v4) && eq(this.v6, o.v6);
  }

  /** Minimal CIDR cover, v4 first. */
  toCidrs(): string[] {
    return [
      ...this.v4.flatMap(([a, b]) => rangeToCidrs(4, a, b)),
      ...this.v6.flatMap(([a, b]) => rangeToCidrs(6, a, b)),
    ];
  }

  /** "a-b" per range, v4 first (netpol-analyzer's external endpoint naming). */
  toRangeStrings(): string[] {
    return [
      ...this.v4.map(([a, b]) => `${formatIp(4, a)}-${formatIp(4, b)}`),
      ...this.v6.map(([a, b]) => `${formatIp(6, a)}-${formatIp(6, b)}`),
    ];
  }
}

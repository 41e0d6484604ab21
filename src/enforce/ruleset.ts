// The nftables ruleset as data: what the compiler produces and the nft text / JSON renderers read.
// Kept structural (not text) so both renderers agree and tests can inspect it.
import type { Protocol } from '../core/model/types.js';
import type { IpFamily, IpRange } from '../core/sets/ip-set.js';
import type { PortSet } from '../core/sets/port-set.js';

export const TABLE_FAMILY = 'inet';
export const TABLE_NAME = 'netpol';

/** An address set (type ipv4_addr / ipv6_addr, interval) or a concatenation addr . proto . port. */
export interface AddrSet {
  readonly kind: 'addr';
  readonly name: string;
  readonly family: IpFamily;
  readonly comment: string;
  /** Disjoint, sorted ranges. */
  readonly ranges: readonly IpRange[];
}

export interface ConcatElement {
  readonly range: IpRange;
  readonly protocol: Protocol;
  readonly ports: readonly [number, number];
}

export interface ConcatSet {
  readonly kind: 'concat';
  readonly name: string;
  readonly family: IpFamily;
  readonly comment: string;
  /** Disjoint elements (pipapo refuses overlapping intervals). */
  readonly elements: readonly ConcatElement[];
}

export type NftSet = AddrSet | ConcatSet;

export type Direction = 'saddr' | 'daddr';
export type Verdict = 'accept' | 'drop' | 'return';

/** One address -> `jump chain` map (dispatch by pod address). */
export interface VerdictMap {
  readonly name: string;
  readonly family: IpFamily;
  readonly comment: string;
  readonly entries: readonly { readonly addr: bigint; readonly chain: string }[];
}

export type Match =
  | { readonly kind: 'ct-state'; readonly states: readonly string[] }
  | { readonly kind: 'addr-set'; readonly dir: Direction; readonly family: IpFamily; readonly set: string }
  /** `meta l4proto P` plus `th dport {..}` unless every port. */
  | { readonly kind: 'proto-ports'; readonly protocol: Protocol; readonly ports: PortSet }
  /** `ip daddr . meta l4proto . th dport @set` */
  | { readonly kind: 'concat-set'; readonly dir: Direction; readonly family: IpFamily; readonly set: string }
  | { readonly kind: 'vmap'; readonly dir: Direction; readonly family: IpFamily; readonly map: string };

export interface NftRule {
  readonly matches: readonly Match[];
  readonly verdict?: Verdict;
  /** `jump CHAIN` (instead of a verdict). */
  readonly jump?: string;
  readonly comment?: string;
}

export interface BaseHook {
  readonly hook: 'forward' | 'input';
  /** Offset from the `filter` priority (0); base chains of one hook run in priority order. */
  readonly priority: number;
  readonly policy: 'accept';
}

export interface NftChain {
  readonly name: string;
  readonly base?: BaseHook;
  readonly rules: readonly NftRule[];
}

export interface Ruleset {
  readonly comment: string;
  readonly sets: readonly NftSet[];
  readonly maps: readonly VerdictMap[];
  readonly chains: readonly NftChain[];
}

/** nft comments are limited to 128 bytes. */
export function clip(comment: string): string {
  const c = comment.replace(/"/g, "'");
  return c.length <= 127 ? c : `${c.slice(0, 124)}...`;
}

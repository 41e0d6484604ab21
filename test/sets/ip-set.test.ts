import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IpSet, parseCidr, parseIp, rangeToCidrs, formatIp } from '../../src/core/sets/ip-set.js';

describe('parseIp / parseCidr', () => {
  it('accepts canonical IPv4 and IPv6 and rejects the rest', () => {
    expect(parseIp('10.0.1.1')).toEqual({ family: 4, value: 0x0a000101n });
    expect(parseIp('2001:db8::1')?.family).toBe(6);
    for (const bad of ['10.0.1', '010.0.0.1', '1.2.3.4.5', '256.1.1.1', 'fe80::1%eth0', 'x', '']) expect(parseIp(bad)).toBeUndefined();
  });

  it('masks host bits like Go ParseCIDR and flags them', () => {
    const c = parseCidr('10.0.1.1/4')!;
    expect(formatIp(4, c.first)).toBe('0.0.0.0');
    expect(formatIp(4, c.last)).toBe('15.255.255.255');
    expect(c.hostBitsSet).toBe(true);
    expect(parseCidr('10.0.0.0/8')!.hostBitsSet).toBe(false);
    for (const bad of ['10.0.0.0', '10.0.0.0/33', '::/129', '10.0.0.0/-1', '10.0.0.0/a']) expect(parseCidr(bad)).toBeUndefined();
  });
});

describe('IpSet', () => {
  it('ipBlock = cidr minus excepts, in both families', () => {
    const s = IpSet.fromIpBlock('172.17.0.0/16', ['172.17.1.0/24']);
    expect(s.hasText('172.17.0.9')).toBe(true);
    expect(s.hasText('172.17.1.9')).toBe(false);
    expect(s.hasText('172.18.0.1')).toBe(false);
    const v6 = IpSet.fromIpBlock('2001:db8::/32', ['2001:db8:1::/48']);
    expect(v6.hasText('2001:db8:2::1')).toBe(true);
    expect(v6.hasText('2001:db8:1::1')).toBe(false);
    expect(v6.hasText('10.0.0.1')).toBe(false);
  });

  it('CIDR cover is exact and minimal on random ranges', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 5000 }), (lo, n) => {
        const a = BigInt(lo);
        const b = a + BigInt(n) > 2n ** 32n - 1n ? 2n ** 32n - 1n : a + BigInt(n);
        const back = rangeToCidrs(4, a, b).map((c) => IpSet.fromCidr(c)).reduce((x, y) => x.union(y), IpSet.EMPTY);
        expect(back.equals(IpSet.of(4, [[a, b]]))).toBe(true);
      }),
    );
  });

  it('set algebra laws hold', () => {
    const cidr = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 8, max: 24 })).map(([x, y, p]) => IpSet.fromCidr(`10.${x}.${y}.0/${p}`));
    fc.assert(
      fc.property(cidr, cidr, cidr, (a, b, c) => {
        expect(a.union(b).intersect(c).equals(a.intersect(c).union(b.intersect(c)))).toBe(true);
        expect(a.subtract(b).intersect(b).isEmpty()).toBe(true);
        expect(a.complement().complement().equals(a)).toBe(true);
      }),
    );
  });

  it('names ranges the way netpol-analyzer prints external endpoints', () => {
    expect(IpSet.fromIpBlock('0.0.0.0/0', ['10.0.0.0/8']).toRangeStrings()).toEqual(['0.0.0.0-9.255.255.255', '11.0.0.0-255.255.255.255']);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PortSet } from '../../src/core/sets/port-set.js';
import { ConnectionSet } from '../../src/core/sets/connection-set.js';

// Reference model: a set of port numbers drawn from a small window, so brute force stays cheap.
const range = fc.tuple(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 12 })).map(([a, n]) => [a, a + n] as [number, number]);
const portSet = fc.array(range, { maxLength: 5 }).map((rs) => PortSet.of(rs));
const members = (s: PortSet) => new Set(Array.from({ length: 80 }, (_, i) => i + 1).filter((p) => s.has(p)));

describe('PortSet', () => {
  it('normalises overlapping and adjacent ranges', () => {
    expect(PortSet.of([[10, 20], [21, 30], [5, 12], [40, 40]]).toJSON()).toEqual([[5, 30], [40, 40]]);
    expect(PortSet.of([[10, 5]]).isEmpty()).toBe(true);
    expect(PortSet.range(0, 70000).isAll()).toBe(true);
  });

  it('union, intersect and subtract agree with brute force', () => {
    fc.assert(
      fc.property(portSet, portSet, (a, b) => {
        const A = members(a);
        const B = members(b);
        expect(members(a.union(b))).toEqual(new Set([...A, ...B]));
        expect(members(a.intersect(b))).toEqual(new Set([...A].filter((p) => B.has(p))));
        expect(members(a.subtract(b))).toEqual(new Set([...A].filter((p) => !B.has(p))));
        expect(a.union(b).equals(b.union(a))).toBe(true);
      }),
    );
  });

  it('complement twice is identity and covers 1..65535', () => {
    fc.assert(
      fc.property(portSet, (a) => {
        expect(a.complement().complement().equals(a)).toBe(true);
        expect(a.union(a.complement()).isAll()).toBe(true);
        expect(a.intersect(a.complement()).isEmpty()).toBe(true);
      }),
    );
  });

  it('prints netpol-analyzer style ranges', () => {
    expect(PortSet.of([[80, 80], [8000, 8080]]).toString()).toBe('80,8000-8080');
  });
});

describe('ConnectionSet', () => {
  it('prints protocols in contract order and analyzer order', () => {
    const c = ConnectionSet.of('UDP', PortSet.range(53)).union(ConnectionSet.of('TCP', PortSet.of([[80, 80], [443, 443]]))).union(ConnectionSet.of('SCTP', PortSet.range(9)));
    expect(c.toString()).toBe('TCP 80,443,UDP 53,SCTP 9');
    expect(c.toAnalyzerString()).toBe('SCTP 9,TCP 80,443,UDP 53');
    expect(c.toJSON()).toEqual([
      { protocol: 'TCP', ports: [[80, 80], [443, 443]] },
      { protocol: 'UDP', ports: [[53, 53]] },
      { protocol: 'SCTP', ports: [[9, 9]] },
    ]);
    expect(ConnectionSet.ALL.toString()).toBe('All Connections');
    expect(ConnectionSet.fromJSON(c.toJSON()).equals(c)).toBe(true);
  });

  it('is All Connections only when every protocol is fully open', () => {
    const almost = ConnectionSet.ALL.subtract(ConnectionSet.of('UDP', PortSet.range(5353)));
    expect(almost.isAll()).toBe(false);
    expect(almost.toAnalyzerString()).toBe('SCTP 1-65535,TCP 1-65535,UDP 1-5352,5354-65535');
  });
});

// Differential test against np-guard's netpol-analyzer, plus its output parser on the documented
// formats. The peer runs only where scripts/peers/install.sh could install it (see the install
// script: the module proxy reachable from CI refuses np-guard modules), and skips loudly otherwise.
import { describe, expect, it } from 'vitest';
import { compareCases, unclassified } from './compare.js';
import { generateCase } from './generator.js';
import { parseConn, parseConnlist, rangeHolds } from './peers/analyzer.js';
import { peerBinary } from './peers/paths.js';
import { caseSeed } from './prng.js';

const bin = peerBinary('netpolicy');
if (!bin.path) console.warn(`differential: SKIPPING netpol-analyzer comparison: ${bin.why}`);

describe('netpol-analyzer output parser', () => {
  it('reads conn strings as connection sets', () => {
    expect(parseConn('All Connections').isAll()).toBe(true);
    expect(parseConn('No Connections').isEmpty()).toBe(true);
    const c = parseConn('TCP 80,443,8000-8010,UDP 53');
    expect([c.has('TCP', 80), c.has('TCP', 443), c.has('TCP', 8005), c.has('TCP', 81), c.has('UDP', 53), c.has('UDP', 80)]).toEqual([true, true, true, false, true, false]);
    expect(parseConn('SCTP').has('SCTP', 9)).toBe(true);
    expect(() => parseConn('TCP eighty')).toThrow(/cannot read/);
  });

  it('reads the JSON list and matches addresses against range names', () => {
    const rows = parseConnlist('[{"src":"0.0.0.0-255.255.255.255","dst":"default/frontend[Deployment]","conn":"TCP 8080"}]');
    expect(rows[0]?.conn.has('TCP', 8080)).toBe(true);
    expect(rangeHolds('0.0.0.0-9.255.255.255', '8.8.8.8')).toBe(true);
    expect(rangeHolds('11.0.0.0-255.255.255.255', '8.8.8.8')).toBe(false);
    expect(rangeHolds('0.0.0.0-255.255.255.255', '2001:db8::5')).toBe(false);
  });
});

describe.skipIf(!bin.path)('differential: netpol vs netpol-analyzer', () => {
  it('agrees on 200 random cases up to classified differences', () => {
    const cases = Array.from({ length: 200 }, (_, i) => generateCase(caseSeed(20261128, i)));
    const results = compareCases('analyzer', cases);
    expect(results.flatMap((r) => r.failures.map((f) => `seed ${r.c.seed}: ${f}`))).toEqual([]);
    const bad = results.flatMap((r) => unclassified(r).slice(0, 3).map((d) => `seed ${r.c.seed}: ${d.key} netpol=${d.netpol} peer=${d.peer}`));
    expect(bad.slice(0, 20)).toEqual([]);
  }, 900_000);
});

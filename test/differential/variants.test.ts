// Differential test of the variants (IPv6 pods, host-bit CIDRs) against policy-assistant.
import { describe, expect, it } from 'vitest';
import { compareCases, unclassified } from './compare.js';
import { generateCase } from './generator.js';
import { peerBinary } from './peers/paths.js';
import { caseSeed } from './prng.js';
import { withV6AndHostBits } from './variants.js';

const bin = peerBinary('cyclonus-shim');
if (!bin.path) console.warn(`differential: SKIPPING policy-assistant variant tests: ${bin.why}`);

describe('differential variants', () => {
  it('rewrites what it says: IPv6 pods, host bits, an IPv6 rule', () => {
    const c = withV6AndHostBits(generateCase(caseSeed(77, 0)), true);
    expect(c.pods[0]?.ip).toBe('fd00::a');
    expect(JSON.stringify(c.policies)).toContain('fd00::/112');
  });

  it.skipIf(!bin.path)('agree with policy-assistant on 60 cases up to classified differences', () => {
    const cases = Array.from({ length: 60 }, (_, i) => withV6AndHostBits(generateCase(caseSeed(77, i)), i % 2 === 0));
    const results = compareCases('assistant', cases);
    expect(results.flatMap((r) => r.failures)).toEqual([]);
    expect(results.flatMap((r) => unclassified(r).slice(0, 3).map((d) => `seed ${r.c.seed}: ${d.key}`)).slice(0, 20)).toEqual([]);
    // The rewrite reached the compared cases (IPv6 pods are probed like any other).
    expect(results.some((r) => r.c.pods.some((p) => p.ip.includes(':')))).toBe(true);
  }, 600_000);
});

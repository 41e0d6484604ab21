// Differential test against policy-assistant (its published lineage, cyclonus): 200 seeded cases,
// every probe compared; CI fails on any disagreement that known-differences.ts does not classify.
import { describe, expect, it } from 'vitest';
import type { GenCase } from './case.js';
import { compareCases, unclassified } from './compare.js';
import { generateCase } from './generator.js';
import { runCyclonus } from './peers/cyclonus.js';
import { peerBinary } from './peers/paths.js';
import { probeKey, probesOf, runNetpol, type Probe } from './probe.js';
import { caseSeed } from './prng.js';
import { shrink } from './shrink.js';

const bin = peerBinary('cyclonus-shim');
if (!bin.path) console.warn(`differential: SKIPPING policy-assistant tests: ${bin.why}`);

const CASES = 200;
const SEED = 20261127;

describe.skipIf(!bin.path)('differential: netpol vs policy-assistant', () => {
  it('runs the peer for real: both tools give the hand-derived answers on a small case', () => {
    const c: GenCase = {
      seed: 0,
      namespaces: [{ name: 'a', labels: {} }],
      pods: [
        { namespace: 'a', name: 'x', labels: { app: 'x' }, ip: '10.0.0.1', ports: [] },
        { namespace: 'a', name: 'y', labels: { app: 'y' }, ip: '10.0.0.2', ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }] },
      ],
      policies: [
        { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'a' }, spec: { podSelector: { matchLabels: { app: 'y' } } } },
        {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: { name: 'named', namespace: 'a' },
          spec: { podSelector: { matchLabels: { app: 'x' } }, policyTypes: ['Egress'], egress: [{ ports: [{ port: 'http' }] }] },
        },
      ],
      externals: ['8.8.8.8'],
    };
    const [peer] = runCyclonus([c]);
    const netpol = runNetpol(c);
    expect(peer?.error).toBeUndefined();
    const probes = probesOf(c);
    const at = (src: string, dst: string, port: number): Probe => {
      const p = probes.find((q) => q.src.id === src && q.dst.id === dst && q.protocol === 'TCP' && q.port === port);
      if (!p) throw new Error(`no probe ${src} -> ${dst} ${port}`);
      return p;
    };
    // Expected by hand: y is ingress-isolated with no rules; x may open only its destination's "http" port.
    const expected: [Probe, boolean][] = [
      [at('a/x', 'a/y', 80), false],
      [at('a/y', 'a/x', 80), true],
      [at('a/x', '8.8.8.8', 80), false],
      [at('8.8.8.8', 'a/x', 80), true],
    ];
    for (const [p, want] of expected) {
      expect(peer?.allowed(p), `peer ${probeKey(p)}`).toBe(want);
      expect(netpol.allowed(p), `netpol ${probeKey(p)}`).toBe(want);
    }
  });

  it(`agrees on ${CASES} random cases up to classified differences`, () => {
    const cases = Array.from({ length: CASES }, (_, i) => generateCase(caseSeed(SEED, i)));
    const results = compareCases('assistant', cases);
    const failures = results.flatMap((r) => r.failures.map((f) => `seed ${r.c.seed}: ${f}`));
    expect(failures).toEqual([]);
    const bad = results.flatMap((r) => unclassified(r).slice(0, 3).map((d) => `seed ${r.c.seed}: ${d.key} netpol=${d.netpol} peer=${d.peer}`));
    // Replay one with: npm run differential -- --peer assistant --seed SEED (the shrunk case lands in test-artifacts/).
    expect(bad.slice(0, 20)).toEqual([]);
    const probes = results.reduce((n, r) => n + r.probes, 0);
    expect(probes).toBeGreaterThan(CASES * 100);
  }, 900_000);

  it('agrees without the peer\'s policy simplifier too (its other mode), on 50 cases', () => {
    const cases = Array.from({ length: 50 }, (_, i) => generateCase(caseSeed(SEED + 1, i)));
    const results = compareCases('assistant', cases, { simplify: false });
    expect(results.flatMap((r) => r.failures)).toEqual([]);
    expect(results.flatMap((r) => unclassified(r).slice(0, 3).map((d) => `seed ${r.c.seed}: ${d.key}`)).slice(0, 20)).toEqual([]);
  }, 600_000);

  it('shrinks a real disagreement to a minimal case that still shows it', () => {
    const hasNotInBug = (c: GenCase): boolean => {
      const [r] = compareCases('assistant', [c]);
      return r !== undefined && r.failures.length === 0 && r.disagreements.some((d) => d.classification?.id === 'notin-absent-key');
    };
    let i = 0;
    while (!hasNotInBug(generateCase(caseSeed(SEED, i)))) i++;
    const { c } = shrink(generateCase(caseSeed(SEED, i)), hasNotInBug, 600);
    expect(hasNotInBug(c)).toBe(true);
    expect(c.policies).toHaveLength(1);
    expect(c.pods.length).toBeLessThanOrEqual(2);
    expect(JSON.stringify(c.policies)).toContain('"NotIn"');
  }, 900_000);
});

// Randomized differential test: on hundreds of random clusters the compiled engine gives exactly the
// reference evaluator's answers — per pair, in bulk (class rows, summary counts) and after updates.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCompiledEngine, summarize, type CompiledEngine } from '../../src/core/engine/compiled/index.js';
import { PairAnalysis } from '../../src/core/engine/compiled/pairs.js';
import { createReferenceEngine } from '../../src/core/engine/reference.js';
import type { Endpoint, Engine, IpBlockScope } from '../../src/core/engine/types.js';
import type { Cluster } from '../../src/core/model/types.js';
import { ipEp, podEp } from '../engine/fixtures.js';
import { clusterArb, IPS, podArb, policyArb } from './arbitrary.js';

const RUNS = 300;
const scopeArb = fc.constantFrom<IpBlockScope>('all', 'external');

/** Every pod pair and pod/IP pair: the compiled allowed set equals the reference one. */
function samePairs(c: Cluster, fast: Engine, ref: Engine): void {
  const eps: Endpoint[] = [...c.pods.map(podEp), ...IPS.map(ipEp)];
  for (const s of eps) {
    for (const d of eps) {
      if (s.kind === 'ip' && d.kind === 'ip') continue;
      const want = ref.allowed(s, d);
      const got = fast.allowed(s, d);
      expect(got.toString(), `${JSON.stringify(s)} -> ${JSON.stringify(d)}`).toBe(want.toString());
    }
  }
  for (const p of c.pods) {
    expect(fast.isolation(p)).toEqual(ref.isolation(p));
    expect(fast.selectingPolicies(p).map((x) => `${x.namespace}/${x.name}`)).toEqual(ref.selectingPolicies(p).map((x) => `${x.namespace}/${x.name}`));
  }
}

/** Bulk forms: class rows expand to exactly the reference's non-empty pod pairs; counts agree. */
function sameBulk(c: Cluster, fast: CompiledEngine, ref: Engine): void {
  const want = new Map<string, string>();
  for (const s of c.pods) {
    for (const d of c.pods) {
      if (s === d) continue;
      const a = ref.allowed(podEp(s), podEp(d));
      if (!a.isEmpty()) want.set(`${s.namespace}/${s.name}>${d.namespace}/${d.name}`, a.toString());
    }
  }
  const got = new Map<string, string>();
  for (const p of fast.podConnectivity()) got.set(`${p.src.namespace}/${p.src.name}>${p.dst.namespace}/${p.dst.name}`, p.conns.toString());
  expect(got).toEqual(want);
  const sum = fast.summary();
  expect(sum.allowedPairs).toBe(want.size);
  expect(sum.endpoints).toBe(c.pods.length);
  expect(sum.isolatedIngress).toBe(c.pods.filter((p) => ref.isolation(p).ingress.length > 0).length);
  expect(sum.isolatedEgress).toBe(c.pods.filter((p) => ref.isolation(p).egress.length > 0).length);
  expect(summarize(ref)).toEqual(sum); // the fallback for engines without summary()
}

describe('compiled engine vs reference (random clusters)', () => {
  it(`agrees on every pair, isolation and selection (${RUNS} clusters)`, () => {
    fc.assert(
      fc.property(clusterArb, scopeArb, (c, scope) => {
        samePairs(c, createCompiledEngine(c, { ipBlockScope: scope }), createReferenceEngine(c, { ipBlockScope: scope }));
      }),
      { numRuns: RUNS },
    );
  });

  it(`bulk rows and summary counts equal the reference's pair by pair (${RUNS} clusters)`, () => {
    fc.assert(
      fc.property(clusterArb, scopeArb, (c, scope) => {
        sameBulk(c, createCompiledEngine(c, { ipBlockScope: scope }), createReferenceEngine(c, { ipBlockScope: scope }));
      }),
      { numRuns: RUNS },
    );
  });

  it(`counts the same with every rule's members as a bitset (${RUNS} clusters)`, () => {
    const before = PairAnalysis.bitsetMin;
    PairAnalysis.bitsetMin = 0;
    try {
      fc.assert(
        fc.property(clusterArb, scopeArb, (c, scope) => {
          sameBulk(c, createCompiledEngine(c, { ipBlockScope: scope }), createReferenceEngine(c, { ipBlockScope: scope }));
        }),
        { numRuns: RUNS },
      );
    } finally {
      PairAnalysis.bitsetMin = before;
    }
  });

  // Only changes that exist for this cluster (a filter that never passes would spin forever).
  const changeArb = (c: Cluster) => {
    const first = c.policies[0];
    const pod0 = c.pods[0]!;
    const arbs = [
      policyArb(first?.name ?? 'pol0').map((policy) => ({ kind: 'upsert-policy' as const, policy })),
      policyArb('fresh').map((policy) => ({ kind: 'upsert-policy' as const, policy })),
      podArb(1).map((pod) => ({ kind: 'upsert-pod' as const, pod })),
      podArb(20).map((pod) => ({ kind: 'upsert-pod' as const, pod })),
      fc.constant({ kind: 'remove-pod' as const, namespace: pod0.namespace, name: pod0.name }),
      fc.record({ name: fc.constantFrom('a', 'b', 'c', 'd'), labels: fc.dictionary(fc.constantFrom('app', 'tier', 'env'), fc.constantFrom('x', 'y', 'z'), { maxKeys: 2 }) })
        .map((x) => ({ kind: 'namespace-labels' as const, ...x })),
    ];
    const remove = first ? [fc.constant({ kind: 'remove-policy' as const, namespace: first.namespace, name: first.name })] : [];
    return fc.oneof(...arbs, ...remove);
  };

  it(`after a chain of updates it answers like a fresh reference on the new cluster (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(
        clusterArb.chain((c) => fc.tuple(fc.constant(c), fc.array(changeArb(c), { minLength: 1, maxLength: 3 }), scopeArb)),
        ([c, changes, scope]) => {
          const fast = createCompiledEngine(c, { ipBlockScope: scope });
          fast.summary(); // a warm count, so updates recount only their rows
          for (const ch of changes) fast.update(ch);
          const next = fast.cluster;
          const ref = createReferenceEngine(next, { ipBlockScope: scope });
          samePairs(next, fast, ref);
          sameBulk(next, fast, ref);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

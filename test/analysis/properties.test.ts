// Property tests on generated clusters: the stated invariants of the connectivity analysis.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { uniformAtoms } from '../../src/core/analysis/atoms.js';
import { analyzeConnectivity } from '../../src/core/analysis/connectivity.js';
import { createCompiledEngine } from '../../src/core/engine/compiled/index.js';
import { createReferenceEngine } from '../../src/core/engine/reference.js';
import { formatJson } from '../../src/core/report/json.js';
import type { Peer, PolicyPort } from '../../src/core/model/types.js';
import { formatIp, IpSet } from '../../src/core/sets/ip-set.js';
import { cluster, ipb, pod, podPeer, policy, rule } from './model.js';

// small address space so that blocks overlap and cut each other
const cidr = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 255 }), fc.constantFrom(8, 16, 20, 24, 30, 32)).map(
  ([a, b, p]) => `10.${a}.${b}.0/${p}`,
);
const peer: fc.Arbitrary<Peer> = fc.oneof(
  fc.tuple(cidr, fc.array(cidr, { maxLength: 2 })).map(([c, e]) => ipb(c, e)),
  fc.constantFrom('a', 'b', 'c').map((app) => podPeer({ app })),
);
const port: fc.Arbitrary<PolicyPort> = fc.record({ protocol: fc.constantFrom('TCP' as const, 'UDP' as const), port: fc.integer({ min: 1, max: 100 }) });
const rules = fc.array(fc.tuple(fc.array(peer, { maxLength: 3 }), fc.array(port, { maxLength: 2 })).map(([p, q]) => rule(p, q)), { maxLength: 2 });
const pol = fc.tuple(fc.constantFrom('a', 'b', 'c'), rules, rules, fc.boolean()).map(([app, ing, eg, both]) =>
  policy('x', `p${app}`, { app }, { ingress: ing, egress: eg, types: both ? ['Ingress', 'Egress'] : ['Ingress'] }),
);
const clusters = fc.array(pol, { maxLength: 4 }).map((ps) =>
  cluster(
    [pod('x', 'a', { app: 'a' }, { ips: ['10.0.0.1'] }), pod('x', 'b', { app: 'b' }, { ips: ['10.1.0.1'] }), pod('x', 'c', { app: 'c' })],
    ps.map((p, i) => ({ ...p, name: `${p.name}-${i}` })),
  ),
);

describe('connectivity properties', () => {
  it('external blocks partition the IP space, and every policy treats each block alike', () => {
    fc.assert(
      fc.property(clusters, fc.integer({ min: 0, max: 1000 }), (c, seed) => {
        const engine = createReferenceEngine(c);
        const result = analyzeConnectivity(engine, { level: 'pod', atoms: 'uniform' });
        const blocks = result.endpoints.filter((e) => e.type === 'external');
        let covered = IpSet.EMPTY;
        for (const b of blocks) {
          const s = IpSet.of(b.atom.family, [[b.atom.first, b.atom.last]]);
          expect(covered.intersect(s).isEmpty()).toBe(true);
          covered = covered.union(s);
          // a point inside the block answers as the block does
          const span = b.atom.last - b.atom.first;
          const points = [b.atom.last, b.atom.first + (span === 0n ? 0n : BigInt(seed) % span)].map((v) => formatIp(b.atom.family, v));
          for (const inside of points) for (const p of c.pods) {
            const pe = { kind: 'pod' as const, pod: p };
            const conn = (from: string, to: string) => result.connections.find((x) => x.from === from && x.to === to)?.allowed;
            const id = `${p.namespace}/${p.name}`;
            const toPod = engine.allowed({ kind: 'ip', ip: inside }, pe);
            const fromPod = engine.allowed(pe, { kind: 'ip', ip: inside });
            expect(conn(b.id, id)?.equals(toPod) ?? toPod.isEmpty()).toBe(true);
            expect(conn(id, b.id)?.equals(fromPod) ?? fromPod.isEmpty()).toBe(true);
          }
        }
        expect(covered.equals(IpSet.ALL)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('pod pairs are exactly the non-empty pairwise allowed sets, never a pod with itself', () => {
    fc.assert(
      fc.property(clusters, (c) => {
        const engine = createReferenceEngine(c);
        const result = analyzeConnectivity(engine, { level: 'pod' });
        for (const s of c.pods) {
          for (const d of c.pods) {
            const got = result.connections.find((x) => x.from === `x/${s.name}` && x.to === `x/${d.name}`);
            if (s === d) expect(got).toBeUndefined();
            else {
              const want = engine.allowed({ kind: 'pod', pod: s }, { kind: 'pod', pod: d });
              expect(got ? got.allowed.equals(want) : want.isEmpty()).toBe(true);
            }
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('uniform blocks are maximal (neighbours differ in some ipBlock) and uniform', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(cidr, fc.array(cidr, { maxLength: 2 })), { maxLength: 5 }), (blocks) => {
        const sets = blocks.map(([c, e]) => IpSet.fromIpBlock(c, e));
        const atoms = uniformAtoms(sets, [4]);
        for (let i = 1; i < atoms.length; i++) {
          const a = atoms[i - 1]!;
          const b = atoms[i]!;
          expect(a.last + 1n).toBe(b.first);
          expect(sets.some((s) => s.has({ family: 4, value: a.last }) !== s.has({ family: 4, value: b.first }))).toBe(true);
        }
        // and uniform: each ipBlock holds all of a block or none of it
        for (const a of atoms) {
          const block = IpSet.of(4, [[a.first, a.last]]);
          for (const s of sets) {
            const both = block.intersect(s);
            expect(both.isEmpty() || both.equals(block)).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('the class fast path and bulk calls of the compiled engine give what per-pair reference calls give', () => {
    const owned = fc.tuple(clusters, fc.array(fc.constantFrom(undefined, 'w1', 'w2'), { minLength: 3, maxLength: 3 }), fc.constantFrom('all' as const, 'external' as const));
    fc.assert(
      fc.property(owned, ([c, owners, scope]) => {
        const withOwners = { ...c, pods: c.pods.map((p, i) => (owners[i] ? { ...p, owner: { kind: 'ReplicaSet', name: owners[i]! } } : p)) };
        for (const level of ['pod', 'workload'] as const) {
          const want = formatJson(analyzeConnectivity(createReferenceEngine(withOwners, { ipBlockScope: scope }), { level }));
          expect(formatJson(analyzeConnectivity(createCompiledEngine(withOwners, { ipBlockScope: scope }), { level }))).toBe(want);
        }
      }),
      { numRuns: 60 },
    );
  });
});

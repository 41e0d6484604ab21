// The shared engine suite: every Engine implementation runs it with its own factory, e.g.
//   runEngineSuite('compiled', (c, o) => createCompiledEngine(c, o));
// It checks the table-driven cases (tests of each semantic rule) and cross-checks every
// pair/protocol/port of each case against the reference evaluator.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/core/model/types.js';
import { PROTOCOLS } from '../../src/core/model/types.js';
import type { Endpoint, Engine, EngineOptions, Verdict } from '../../src/core/engine/types.js';
import { createReferenceEngine } from '../../src/core/engine/reference.js';
import { formatRuleRef } from '../../src/core/engine/describe.js';
import { engineCases, type EngineCase } from './cases/index.js';
import { ep, ipEp, podEp } from './fixtures.js';
import { clusterArb, EXTERNAL_IPS, SAMPLE_PORTS } from './arbitraries.js';

export type EngineFactory = (cluster: Cluster, opts?: EngineOptions) => Engine;

/** Facts every verdict must satisfy, whatever the engine. */
export function checkVerdictShape(v: Verdict): void {
  expect(v.allowed).toBe(v.egress.allowed && v.ingress.allowed);
  expect(v.egress.direction).toBe('Egress');
  expect(v.ingress.direction).toBe('Ingress');
  for (const d of [v.egress, v.ingress]) {
    expect(d.reasons.length).toBeGreaterThan(0);
    if (!d.allowed) expect(d.allowedBy).toEqual([]);
    if (!d.isolated) expect(d.allowed).toBe(true);
    expect([...d.policies].sort()).toEqual(d.policies);
  }
}

/** Endpoints worth probing in a case: all pods plus every IP a probe names. */
function endpointsOf(c: EngineCase): Endpoint[] {
  const ips = new Set<string>();
  for (const p of c.probes) for (const x of [p.from, p.to]) if (!x.includes('/')) ips.add(x);
  return [...c.cluster.pods.map(podEp), ...[...ips].map(ipEp)];
}

/** Ports worth probing: every port a probe or policy names, plus neighbours of ranges. */
function portsOf(c: EngineCase): number[] {
  const ports = new Set<number>([1, 80, 65535]);
  for (const p of c.probes) ports.add(p.port);
  for (const pol of c.cluster.policies) {
    for (const r of [...pol.ingress, ...pol.egress]) {
      for (const pp of r.ports) {
        if (typeof pp.port === 'number') [pp.port - 1, pp.port, pp.endPort ?? pp.port, (pp.endPort ?? pp.port) + 1].forEach((n) => ports.add(n));
      }
    }
  }
  for (const pod of c.cluster.pods) for (const cp of pod.ports) ports.add(cp.containerPort);
  return [...ports].filter((n) => n >= 1 && n <= 65535);
}

export function runEngineSuite(name: string, factory: EngineFactory): void {
  // Cross-checks against the reference are only meaningful for another engine.
  const crossCheck = factory !== createReferenceEngine;
  describe(`engine suite: ${name}`, () => {
    for (const c of engineCases) {
      describe(`[${c.rule}] ${c.name}`, () => {
        const opts: EngineOptions = c.scope ? { ipBlockScope: c.scope } : {};
        const engine = factory(c.cluster, opts);

        it('reports its options', () => {
          expect(engine.options.ipBlockScope).toBe(c.scope ?? 'all');
        });

        c.probes.forEach((p) => {
          const proto = p.protocol ?? 'TCP';
          it(`${p.from} -> ${p.to} ${p.port}/${proto}: ${p.allowed ? 'allowed' : 'denied'}`, () => {
            const src = ep(c.cluster, p.from);
            const dst = ep(c.cluster, p.to);
            const v = engine.verdict({ src, dst, protocol: proto, port: p.port });
            checkVerdictShape(v);
            expect(v.allowed).toBe(p.allowed);
            expect(engine.allowed(src, dst).has(proto, p.port)).toBe(p.allowed);
            if (p.ingressBy) expect(v.ingress.allowedBy.map(formatRuleRef)).toEqual(p.ingressBy);
            if (p.egressBy) expect(v.egress.allowedBy.map(formatRuleRef)).toEqual(p.egressBy);
            if (p.reason) {
              const all = [...v.egress.reasons, ...v.ingress.reasons].join('\n');
              expect(all).toContain(p.reason);
            }
          });
        });

        if (crossCheck) it('agrees with the reference evaluator on every pair, protocol and port', () => {
          const ref = createReferenceEngine(c.cluster, opts);
          const eps = endpointsOf(c);
          const ports = portsOf(c);
          let checked = 0;
          for (const src of eps) {
            for (const dst of eps) {
              if (src.kind === 'ip' && dst.kind === 'ip') continue;
              expect(engine.allowed(src, dst).toJSON(), 'allowed()').toEqual(ref.allowed(src, dst).toJSON());
              for (const protocol of PROTOCOLS) {
                for (const port of ports) {
                  const got = engine.verdict({ src, dst, protocol, port });
                  const want = ref.verdict({ src, dst, protocol, port });
                  for (const d of ['egress', 'ingress'] as const) {
                    expect({ ...got[d], reasons: [] }).toEqual({ ...want[d], reasons: [] });
                  }
                  expect(got.allowed).toBe(want.allowed);
                  checked++;
                }
              }
            }
          }
          expect(checked).toBeGreaterThan(0);
        });

        if (crossCheck) it('isolation() and selectingPolicies() agree with the reference', () => {
          const ref = createReferenceEngine(c.cluster, opts);
          for (const pod of c.cluster.pods) {
            expect(engine.isolation(pod)).toEqual(ref.isolation(pod));
            expect(engine.selectingPolicies(pod).map((x) => `${x.namespace}/${x.name}`)).toEqual(
              ref.selectingPolicies(pod).map((x) => `${x.namespace}/${x.name}`),
            );
          }
        });
      });
    }

    if (crossCheck) it('agrees with the reference evaluator on random clusters (both ipBlock scopes)', () => {
      fc.assert(
        fc.property(clusterArb, fc.constantFrom<'all' | 'external'>('all', 'external'), (c, scope) => {
          const engine = factory(c, { ipBlockScope: scope });
          const ref = createReferenceEngine(c, { ipBlockScope: scope });
          const eps: Endpoint[] = [...c.pods.map(podEp), ...EXTERNAL_IPS.map(ipEp)];
          for (const pod of c.pods) expect(engine.isolation(pod)).toEqual(ref.isolation(pod));
          for (const src of eps) {
            for (const dst of eps) {
              if (src.kind === 'ip' && dst.kind === 'ip') continue;
              expect(engine.allowed(src, dst).toJSON()).toEqual(ref.allowed(src, dst).toJSON());
              for (const protocol of PROTOCOLS) {
                for (const port of SAMPLE_PORTS) {
                  const got = engine.verdict({ src, dst, protocol, port });
                  const want = ref.verdict({ src, dst, protocol, port });
                  expect(got.allowed).toBe(want.allowed);
                  expect({ ...got.ingress, reasons: [] }).toEqual({ ...want.ingress, reasons: [] });
                  expect({ ...got.egress, reasons: [] }).toEqual({ ...want.egress, reasons: [] });
                }
              }
            }
          }
        }),
        { numRuns: 25 },
      );
    });
  });
}

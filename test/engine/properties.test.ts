// Invariants of NetworkPolicy semantics on random small clusters (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROTOCOLS, type Cluster } from '../../src/core/model/types.js';
import { createEngine } from '../../src/core/engine/index.js';
import { createReferenceEngine } from '../../src/core/engine/reference.js';
import type { Endpoint, Engine, IpBlockScope } from '../../src/core/engine/types.js';
import { clusterArb, EXTERNAL_IPS, policyArb, SAMPLE_PORTS } from './arbitraries.js';
import { ipEp, podEp } from './fixtures.js';

const RUNS = { numRuns: 40 };
const scopeArb = fc.constantFrom<IpBlockScope>('all', 'external');
const endpoints = (c: Cluster): Endpoint[] => [...c.pods.map(podEp), ...EXTERNAL_IPS.map(ipEp)];

/** Every (src, dst, protocol, port) sample with at least one pod side. */
function* probes(c: Cluster) {
  for (const src of endpoints(c)) {
    for (const dst of endpoints(c)) {
      if (src.kind === 'ip' && dst.kind === 'ip') continue;
      for (const protocol of PROTOCOLS) for (const port of SAMPLE_PORTS) yield { src, dst, protocol, port };
    }
  }
}

/** A fingerprint of everything an engine decides (reasons excluded). */
function decisions(e: Engine): string[] {
  const out: string[] = [];
  for (const t of probes(e.cluster)) {
    const v = e.verdict(t);
    out.push(JSON.stringify([v.allowed, { ...v.egress, reasons: 0 }, { ...v.ingress, reasons: 0 }]));
  }
  for (const s of endpoints(e.cluster)) for (const d of endpoints(e.cluster)) out.push(e.allowed(s, d).toString());
  return out;
}

describe('engine properties', () => {
  it('reordering policies changes nothing', () => {
    fc.assert(
      fc.property(clusterArb, scopeArb, fc.func(fc.integer()), (c, scope, key) => {
        const shuffled = { ...c, policies: [...c.policies].sort((x, y) => key(x.name) - key(y.name)), pods: [...c.pods].reverse() };
        const ref = createReferenceEngine(c, { ipBlockScope: scope });
        const other = createReferenceEngine(shuffled, { ipBlockScope: scope });
        const a = decisions(ref);
        const b = decisions({ ...other, cluster: c }); // same probe order as `ref`
        expect(b).toEqual(a);
      }),
      RUNS,
    );
  });

  it('a pod no policy isolates for a direction allows everything in that direction', () => {
    fc.assert(
      fc.property(clusterArb, scopeArb, (c, scope) => {
        const e = createReferenceEngine(c, { ipBlockScope: scope });
        for (const t of probes(c)) {
          const v = e.verdict(t);
          if (t.dst.kind === 'pod' && e.isolation(t.dst.pod).ingress.length === 0) expect(v.ingress).toMatchObject({ allowed: true, isolated: false });
          if (t.src.kind === 'pod' && e.isolation(t.src.pod).egress.length === 0) expect(v.egress).toMatchObject({ allowed: true, isolated: false });
        }
      }),
      RUNS,
    );
  });

  it('adding a policy never removes a connection from a pod already isolated in that direction', () => {
    fc.assert(
      fc.property(clusterArb, policyArb('added'), scopeArb, (c, extra, scope) => {
        const before = createReferenceEngine(c, { ipBlockScope: scope });
        const after = createReferenceEngine({ ...c, policies: [...c.policies, extra] }, { ipBlockScope: scope });
        for (const t of probes(c)) {
          const b = before.verdict(t);
          const a = after.verdict(t);
          if (b.ingress.isolated && b.ingress.allowed) expect(a.ingress.allowed).toBe(true);
          if (b.egress.isolated && b.egress.allowed) expect(a.egress.allowed).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('verdict() and allowed() agree', () => {
    fc.assert(
      fc.property(clusterArb, scopeArb, (c, scope) => {
        const e = createReferenceEngine(c, { ipBlockScope: scope });
        for (const t of probes(c)) expect(e.allowed(t.src, t.dst).has(t.protocol, t.port)).toBe(e.verdict(t).allowed);
      }),
      RUNS,
    );
  });

  it('createEngine agrees with the reference evaluator', () => {
    fc.assert(
      fc.property(clusterArb, scopeArb, (c, scope) => {
        const ref = createReferenceEngine(c, { ipBlockScope: scope });
        const eng = createEngine(c, { ipBlockScope: scope });
        expect(decisions(eng)).toEqual(decisions(ref));
        for (const p of c.pods) expect(eng.isolation(p)).toEqual(ref.isolation(p));
      }),
      RUNS,
    );
  });

  it('the generator produces isolated pods, ipBlock matches and named-port matches (the properties are not vacuous)', () => {
    const seen = { isolated: 0, allowedIsolated: 0, ipBlockHit: 0, namedHit: 0 };
    fc.assert(
      fc.property(clusterArb, (c) => {
        const e = createReferenceEngine(c);
        for (const t of probes(c)) {
          const v = e.verdict(t);
          if (v.ingress.isolated) seen.isolated++;
          for (const r of [...v.ingress.allowedBy, ...v.egress.allowedBy]) {
            seen.allowedIsolated++;
            const pol = c.policies.find((p) => `${p.namespace}/${p.name}` === r.policy)!;
            const rule = (r.direction === 'Ingress' ? pol.ingress : pol.egress)[r.ruleIndex]!;
            if (r.peerIndex !== undefined && rule.peers[r.peerIndex]!.ipBlock) seen.ipBlockHit++;
            if (r.portIndex !== undefined && typeof rule.ports[r.portIndex]!.port === 'string') seen.namedHit++;
          }
        }
      }),
      { numRuns: 40, seed: 42 },
    );
    expect(seen.isolated).toBeGreaterThan(0);
    expect(seen.allowedIsolated).toBeGreaterThan(0);
    expect(seen.ipBlockHit).toBeGreaterThan(0);
    expect(seen.namedHit).toBeGreaterThan(0);
  });
});

describe('engine properties through the loader', () => {
  it('reordering policy files changes nothing', async () => {
    const { loadCluster } = await import('../../src/core/parse/index.js');
    const { policyYaml, sanitizePolicy, workloadYaml } = await import('./to-manifest.js');
    fc.assert(
      fc.property(clusterArb, fc.func(fc.integer()), (c, key) => {
        const policies = c.policies.map(sanitizePolicy);
        const files = policies.map((p) => ({ file: `${p.namespace}-${p.name}.yaml`, text: policyYaml(p) }));
        const base = { file: 'cluster.yaml', text: workloadYaml(c) };
        const one = loadCluster([base, ...files]);
        const two = loadCluster([...[...files].sort((x, y) => key(x.file) - key(y.file)), base]);
        expect(one.problems.filter((p) => p.severity === 'error')).toEqual([]);
        expect(one.cluster.policies).toHaveLength(policies.length);
        const a = createReferenceEngine(one.cluster);
        const b = createReferenceEngine(two.cluster);
        expect(decisions({ ...b, cluster: one.cluster })).toEqual(decisions(a));
      }),
      { numRuns: 25 },
    );
  });
});

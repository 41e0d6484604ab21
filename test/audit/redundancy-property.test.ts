// Property: whatever NP601/NP602 report can be removed together without changing any connection
// (judged per direction over every pod and external block, by the engine), on generated clusters.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/core/engine/index.js';
import { runAudit } from '../../src/core/analysis/audit/index.js';
import { directionOnly, universe } from '../../src/core/analysis/audit/universe.js';
import type { Cluster, PolicyType } from '../../src/core/model/types.js';
import { clusterArb } from '../engine/arbitraries.js';

function removeReported(cluster: Cluster, findings: ReturnType<typeof runAudit>['findings']): Cluster {
  const key = (ns: string, name: string) => `NetworkPolicy ${ns}/${name}`;
  const policies = cluster.policies.flatMap((p) => {
    const mine = findings.filter((f) => f.resource === key(p.namespace, p.name));
    if (mine.some((f) => f.ruleId === 'NP602' && f.path === '')) return [];
    let types = p.policyTypes;
    for (const f of mine.filter((x) => x.ruleId === 'NP602' && x.path === 'spec.policyTypes')) {
      types = types.filter((t) => !f.message.includes(`The ${t}`) && !f.message.includes(`and ${t} part`));
    }
    const drop = (dir: 'ingress' | 'egress') => new Set(mine.filter((f) => f.ruleId === 'NP601' && f.path.startsWith(`spec.${dir}[`)).map((f) => Number(/\[(\d+)\]/.exec(f.path)![1])));
    const di = drop('ingress');
    const de = drop('egress');
    if (types.length === 0) return [];
    return [{ ...p, policyTypes: types, ingress: p.ingress.filter((_, i) => !di.has(i)), egress: p.egress.filter((_, i) => !de.has(i)) }];
  });
  return { ...cluster, policies };
}

function sameConnectivity(a: Cluster, b: Cluster, dir: PolicyType): boolean {
  const ea = createEngine(directionOnly(a, dir));
  const eb = createEngine(directionOnly(b, dir));
  const u = universe(a);
  const all = [...u.pods, ...u.external];
  for (const x of u.pods) for (const y of all) {
    const [s, d] = dir === 'Ingress' ? [y, x] : [x, y];
    if (!ea.allowed(s, d).equals(eb.allowed(s, d))) return false;
  }
  return true;
}

describe('redundancy (property)', () => {
  it('removing every reported rule and policy together changes no connection', () => {
    let reported = 0;
    fc.assert(
      fc.property(clusterArb, (cluster) => {
        const r = runAudit({ cluster, engineFactory: (c) => createEngine(c), config: { disable: ['NP201', 'NP401', 'NP402'] } });
        const red = r.findings.filter((f) => f.ruleId === 'NP601' || f.ruleId === 'NP602');
        reported += red.length;
        const after = removeReported(cluster, red);
        expect(sameConnectivity(cluster, after, 'Ingress')).toBe(true);
        expect(sameConnectivity(cluster, after, 'Egress')).toBe(true);
      }),
      { numRuns: 150, seed: 4242 },
    );
    // The property must not hold vacuously.
    expect(reported).toBeGreaterThan(10);
  });
});

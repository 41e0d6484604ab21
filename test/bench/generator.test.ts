// Smoke test of the benchmark's generator and harness: determinism, the policy mix, valid input for
// loadCluster, and a measured result with every field. Never asserts a timing.
import { describe, expect, it } from 'vitest';
import { generate } from '../../bench/generate.js';
import { measure } from '../../bench/measure.js';
import { scenarios } from '../../bench/scenarios.js';
import { createCompiledEngine, summarize } from '../../src/core/engine/compiled/index.js';
import { createReferenceEngine } from '../../src/core/engine/reference.js';
import { loadCluster } from '../../src/core/parse/index.js';

const small = { pods: 300, namespaces: 6, policies: 60, seed: 7 };

describe('bench generator', () => {
  it('is deterministic by seed', () => {
    const a = generate(small);
    expect(generate(small).files).toEqual(a.files);
    expect(generate({ ...small, seed: 8 }).files).not.toEqual(a.files);
  });

  it('writes valid Kubernetes YAML with the requested sizes and the whole policy mix', () => {
    const g = generate(small);
    const { cluster, problems } = loadCluster(g.files);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(cluster.pods.length).toBe(small.pods + 2); // + two kube-dns pods
    expect(cluster.policies.length).toBe(small.policies);
    expect(cluster.namespaces.length).toBe(small.namespaces + 1); // + kube-system
    const peers = cluster.policies.flatMap((p) => [...p.ingress, ...p.egress]).flatMap((r) => r.peers);
    const ports = cluster.policies.flatMap((p) => [...p.ingress, ...p.egress]).flatMap((r) => r.ports);
    expect(cluster.policies.some((p) => p.ingress.length === 0 && p.egress.length === 0 && p.policyTypes.length === 2)).toBe(true); // default deny
    expect(peers.some((p) => (p.ipBlock?.except.length ?? 0) > 0)).toBe(true);
    expect(peers.some((p) => p.namespaceSelector && p.podSelector && p.podSelector.matchExpressions.length > 0)).toBe(true);
    expect(ports.some((p) => p.endPort !== undefined)).toBe(true);
    expect(ports.some((p) => typeof p.port === 'string')).toBe(true);
    expect(ports.some((p) => p.protocol === 'UDP' && p.port === 53)).toBe(true); // DNS egress
    expect(cluster.pods.some((p) => p.ips.length === 2)).toBe(true); // dual-stack
    expect(cluster.pods.every((p) => p.ips.length > 0)).toBe(true);
    // replicas share labels: fewer classes than pods
    expect(createCompiledEngine(cluster).state.classes.length).toBeLessThan(cluster.pods.length / 2);
  });
});

describe('compiled engine on a generated cluster', () => {
  it('counts exactly the pairs the reference evaluator allows (realistic policy mix)', () => {
    const { cluster } = loadCluster(generate({ pods: 150, namespaces: 4, policies: 40, seed: 3 }).files);
    const fast = createCompiledEngine(cluster);
    const sum = fast.summary();
    expect(summarize(createReferenceEngine(cluster))).toEqual(sum);
    expect(sum.allowedPairs).toBeGreaterThan(0);
    expect(sum.allowedPairs).toBeLessThan(cluster.pods.length * (cluster.pods.length - 1)); // policies deny some
    expect(sum.isolatedEgress).toBeGreaterThan(0);
  }, 120_000);
});

describe('bench harness', () => {
  it('registers the issue scenarios', () => {
    expect([...scenarios.keys()]).toEqual(expect.arrayContaining(['1k', '10k', '100k']));
    expect(scenarios.get('10k')).toMatchObject({ pods: 10_000, policies: 1_000 });
  });

  it('measures a scenario into one object with every field', async () => {
    const r = await measure({ name: 'tiny', ...small, default: false }, [], { peer: false });
    expect(r).toMatchObject({ scenario: 'tiny', pods: small.pods + 2, policies: small.policies, peerRatio: null });
    for (const k of ['parseMs', 'buildMs', 'analyzeMs', 'peakRssMB', 'incrementalMs', 'queryP50Us', 'queryP99Us', 'referenceRatio'] as const) {
      expect(typeof r[k], k).toBe('number');
    }
    expect(r.referenceMethod).toMatch(/^sampled \d+ pairs/);
    // the count is the compiled engine's, which the differential test ties to the reference
    expect(r.allowedPairs).toBe(createCompiledEngine(loadCluster(generate(small).files).cluster).summary().allowedPairs);
  }, 120_000);
});

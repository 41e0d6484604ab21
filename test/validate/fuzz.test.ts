// Property: whatever the input, loading and validating never throws, and every problem is well formed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadCluster } from '../../src/core/parse/index.js';

const SEED_POLICY = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'np', namespace: 'ns', labels: { a: 'b' } },
  spec: {
    podSelector: { matchLabels: { role: 'db' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['x'] }] },
    policyTypes: ['Ingress', 'Egress'],
    ingress: [{ from: [{ ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] } }, { podSelector: {} }], ports: [{ protocol: 'TCP', port: 6379 }] }],
    egress: [{ to: [{ namespaceSelector: {}, podSelector: { matchLabels: { x: 'y' } } }], ports: [{ port: 'dns', protocol: 'UDP' }, { port: 1, endPort: 9 }] }],
  },
};
const SEED_POD = {
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'ns', labels: { app: 'a' }, ownerReferences: [{ kind: 'ReplicaSet', name: 'rs', controller: true }] },
  spec: { nodeName: 'n', hostNetwork: false, containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 80 }] }] },
  status: { phase: 'Running', podIP: '10.0.0.1', podIPs: [{ ip: '10.0.0.1' }, { ip: 'fd00::1' }] },
};
const SEED_DEPLOY = {
  kind: 'CronJob',
  metadata: { name: 'cj' },
  spec: { jobTemplate: { spec: { template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ ports: [{ containerPort: 1 }] }] } } } } },
};
const SEEDS = [SEED_POLICY, SEED_POD, SEED_DEPLOY, { kind: 'List', items: [SEED_POD, { metadata: { name: 'x' } }] }];

/** Replaces the value at a random path of `v` with `replacement`. */
function mutate(v: unknown, path: number[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [number, ...number[]];
  if (Array.isArray(v) && v.length > 0) {
    const i = head % v.length;
    return v.map((x, j) => (j === i ? mutate(x, rest, replacement) : x));
  }
  if (v && typeof v === 'object') {
    const keys = Object.keys(v);
    if (keys.length === 0) return v;
    const k = keys[head % keys.length]!;
    return { ...(v as Record<string, unknown>), [k]: mutate((v as Record<string, unknown>)[k], rest, replacement) };
  }
  return replacement;
}

function assertSound(files: { file: string; text: string }[]): void {
  const r = loadCluster(files);
  for (const p of r.problems) {
    expect(typeof p.message).toBe('string');
    expect(['error', 'warning']).toContain(p.severity);
    expect(typeof p.path).toBe('string');
    if (p.source) expect(p.source.line).toBeGreaterThanOrEqual(1);
  }
  for (const pod of r.cluster.pods) expect(Array.isArray(pod.ips)).toBe(true);
}

const scalars = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 2 }));

// Generous timeouts: CI runs these next to the whole suite on two cores; the runs are what matter.
describe('fuzz: loader and validator never throw', { timeout: 180_000 }, () => {
  it('mutated manifests (any field replaced by any value)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SEEDS), fc.array(fc.nat(), { maxLength: 8 }), scalars, fc.boolean(), (seed, path, repl, json) => {
        const v = mutate(seed, path, repl);
        const text = json ? JSON.stringify(v) : stringify(v);
        assertSound([{ file: json ? 'f.json' : 'f.yaml', text }]);
      }),
      { numRuns: 400 },
    );
  });

  it('random JSON values as documents', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 4 }), (docs) => {
        assertSound([{ file: 'f.yaml', text: docs.map((d) => stringify(d)).join('---\n') }]);
      }),
      { numRuns: 200 },
    );
  });

  it('text-level damage: characters inserted, deleted or replaced', () => {
    const base = SEEDS.map((s) => stringify(s)).join('---\n');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(base.length), fc.nat(3), fc.string({ maxLength: 4 })), { maxLength: 6 }), (edits) => {
        let text = base;
        for (const [at, del, ins] of edits) text = text.slice(0, at) + ins + text.slice(at + del);
        assertSound([{ file: 'f.yaml', text }]);
      }),
      { numRuns: 150 },
    );
  });

  it('arbitrary strings, including YAML punctuation, anchors and tags', () => {
    const alphabet = fc.constantFrom('a', ':', ' ', '\n', '-', '[', ']', '{', '}', '&a', '*a', '!!str', '"', "'", '#', '|', '>', '\t', '0', 'kind: Pod', '---');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }), (parts) => assertSound([{ file: 'f.yaml', text: parts.join('') }])),
      { numRuns: 400 },
    );
  });
});

// Upstream truth tables (../shared/conformance/k8s-e2e, read in place): every step and probe of the
// 48 e2e cases, all off-diagonal cells (upstream ignores loopback), through the same loader users
// use (loadCluster on YAML texts) and both the reference evaluator and createEngine.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadCluster } from '../../src/core/parse/index.js';
import { createEngine } from '../../src/core/engine/index.js';
import { createReferenceEngine } from '../../src/core/engine/reference.js';
import type { Engine } from '../../src/core/engine/types.js';
import type { Cluster, Protocol } from '../../src/core/model/types.js';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '../../../shared/conformance/k8s-e2e');

interface ModelPod {
  id: string; namespace: string; name: string; labels: Record<string, string>; ip: string; hostNetwork: boolean;
  containers: { name: string; ports: { name: string; containerPort: number; protocol: Protocol }[] }[];
}
interface Model { podOrder: string[]; namespaces: { name: string; labels: Record<string, string> }[]; pods: ModelPod[] }
interface Probe { protocol: Protocol; port: number; expected: boolean[][]; allowedOffDiagonal: number }
interface Step {
  step: number;
  namespaceLabels: Record<string, Record<string, string>>;
  podLabels: Record<string, Record<string, string>>;
  policies: unknown[];
  probes: Probe[];
}
interface Case { id: string; slug: string; pods: string[]; steps: Step[] }

const read = (rel: string): unknown => parse(readFileSync(join(ROOT, rel), 'utf8'));
const model = read('model.yaml') as Model;
const index = read('index.yaml') as { counts: { cases: number; steps: number; probes: number }; cases: { id: string; file: string }[] };
const cases = index.cases.map((c) => read(c.file) as Case);

/** Manifests of one step: the model's namespaces and pods with the step's labels, plus its policies. */
function stepManifests(step: Step): { file: string; text: string }[] {
  const namespaces = model.namespaces.map((n) => ({
    apiVersion: 'v1', kind: 'Namespace',
    metadata: { name: n.name, labels: step.namespaceLabels[n.name] ?? n.labels },
  }));
  const pods = model.pods.map((p) => ({
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: p.name, namespace: p.namespace, labels: step.podLabels[p.id] ?? p.labels },
    spec: { hostNetwork: p.hostNetwork, containers: p.containers.map((c) => ({ name: c.name, image: 'agnhost', ports: c.ports })) },
    status: { phase: 'Running', podIP: p.ip, podIPs: [{ ip: p.ip }] },
  }));
  return [
    { file: 'model.yaml', text: [...namespaces, ...pods].map((o) => stringify(o)).join('---\n') },
    { file: 'policies.yaml', text: step.policies.map((o) => stringify(o)).join('---\n') || '# none\n' },
  ];
}

function loadStep(step: Step): Cluster {
  const { cluster, problems } = loadCluster(stepManifests(step));
  expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  expect(cluster.pods).toHaveLength(9);
  expect(cluster.policies).toHaveLength(step.policies.length);
  return cluster;
}

/** Off-diagonal cells where the engine differs from upstream, as "from -> to". */
function mismatches(engine: Engine, pods: string[], probe: Probe): string[] {
  const byId = new Map(engine.cluster.pods.map((p) => [`${p.namespace}/${p.name}`, p]));
  const out: string[] = [];
  pods.forEach((from, i) => {
    pods.forEach((to, j) => {
      if (i === j) return; // upstream: ignoreLoopback
      const src = byId.get(from)!;
      const dst = byId.get(to)!;
      const v = engine.verdict({ src: { kind: 'pod', pod: src }, dst: { kind: 'pod', pod: dst }, protocol: probe.protocol, port: probe.port });
      const set = engine.allowed({ kind: 'pod', pod: src }, { kind: 'pod', pod: dst }).has(probe.protocol, probe.port);
      const want = probe.expected[i]![j]!;
      if (v.allowed !== want || set !== want) out.push(`${from} -> ${to}: want ${want}, verdict ${v.allowed}, allowed() ${set}`);
    });
  });
  return out;
}

describe('k8s e2e conformance corpus', () => {
  it('has the documented size', () => {
    expect(cases).toHaveLength(48);
    expect(index.counts).toEqual({ cases: 48, steps: 58, probes: 65 });
    expect(cases.flatMap((c) => c.steps)).toHaveLength(58);
    expect(cases.flatMap((c) => c.steps.flatMap((s) => s.probes))).toHaveLength(65);
    expect(model.podOrder).toHaveLength(9);
  });
});

for (const [engineName, make] of [['reference', createReferenceEngine], ['createEngine', createEngine]] as const) {
  describe(`k8s e2e truth tables: ${engineName}`, () => {
    let cells = 0;
    for (const c of cases) {
      for (const step of c.steps) {
        step.probes.forEach((probe, k) => {
          it(`${c.id} ${c.slug} step ${step.step} probe ${k + 1} (${probe.protocol}/${probe.port})`, () => {
            const engine = make(loadStep(step));
            expect(mismatches(engine, c.pods, probe)).toEqual([]);
            const allowed = c.pods.flatMap((_, i) => c.pods.filter((__, j) => i !== j && probe.expected[i]![j]!)).length;
            expect(allowed).toBe(probe.allowedOffDiagonal);
            cells += 72;
          });
        });
      }
    }
    it('checked every off-diagonal cell of the 65 matrices', () => {
      expect(cells).toBe(65 * 72);
    });
  });
}

describe('k8s e2e truth tables with --ipblock-scope external (netpol-analyzer / Cilium emulation)', () => {
  it('differs from upstream exactly in the probes whose policies use ipBlock (034-036)', () => {
    const differing: string[] = [];
    const withIpBlock: string[] = [];
    for (const c of cases) {
      for (const step of c.steps) {
        step.probes.forEach((probe, k) => {
          const id = `${c.id}/${step.step}/${k + 1}`;
          if (JSON.stringify(step.policies).includes('ipBlock')) withIpBlock.push(id);
          const engine = createReferenceEngine(loadStep(step), { ipBlockScope: 'external' });
          if (mismatches(engine, c.pods, probe).length > 0) differing.push(id);
        });
      }
    }
    expect(withIpBlock).toEqual(['034/1/1', '035/1/1', '036/1/1', '036/2/1']);
    expect(differing).toEqual(withIpBlock);
  });
});

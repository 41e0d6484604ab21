// Reads ../shared/conformance/k8s-e2e in place (never copies it) and turns one case step into
// Kubernetes manifests, loaded through the real parser. Pods are spread over lab nodes.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadCluster } from '../../src/core/parse/index.js';
import type { Cluster } from '../../src/core/model/types.js';

export const CORPUS = join(import.meta.dirname, '../../../shared/conformance/k8s-e2e');

interface ModelPod {
  id: string;
  namespace: string;
  name: string;
  labels: Record<string, string>;
  ip: string;
  containers: { name: string; ports: { name: string; containerPort: number; protocol: string }[] }[];
}
interface Model {
  podOrder: string[];
  namespaces: { name: string; labels: Record<string, string> }[];
  pods: ModelPod[];
}
export interface Probe {
  protocol: 'TCP' | 'UDP' | 'SCTP';
  port: number;
  expected: boolean[][];
}
export interface Step {
  step: number;
  description: string;
  namespaceLabels: Record<string, Record<string, string>>;
  podLabels: Record<string, Record<string, string>>;
  policies: unknown[];
  probes: Probe[];
}
export interface Case {
  id: string;
  slug: string;
  pods: string[];
  steps: Step[];
}

export const model = (): Model => parse(readFileSync(join(CORPUS, 'model.yaml'), 'utf8')) as Model;

export function cases(): Case[] {
  const dir = join(CORPUS, 'cases');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => parse(readFileSync(join(dir, f), 'utf8')) as Case);
}

/** Node of each pod: a->node-1, b->node-2, c->node-1 ... so every case spans two nodes. */
export const nodeOf = (podIndex: number, nodes = 2): string => `node-${(podIndex % nodes) + 1}`;

/** Manifests (YAML text) for a step: namespaces, pods with IPs/ports/nodeName, the step's policies. */
export function stepManifests(m: Model, step: Step | undefined, nodes = 2): string {
  const docs: unknown[] = [];
  for (const ns of m.namespaces) {
    docs.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns.name, labels: step?.namespaceLabels[ns.name] ?? ns.labels } });
  }
  m.pods.forEach((p, i) => {
    docs.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { namespace: p.namespace, name: p.name, labels: step?.podLabels[p.id] ?? p.labels },
      spec: {
        nodeName: nodeOf(i, nodes),
        containers: p.containers.map((c) => ({ name: c.name, image: 'agnhost', ports: c.ports })),
      },
      status: { phase: 'Running', podIP: p.ip, podIPs: [{ ip: p.ip }] },
    });
  });
  docs.push(...(step?.policies ?? []));
  // JSON documents: YAML 1.1 readers (kubectl, our parser) would take a bare `y` as a boolean.
  return docs.map((d) => JSON.stringify(d)).join('\n---\n');
}

export function stepCluster(m: Model, step: Step | undefined, nodes = 2): Cluster {
  const res = loadCluster([{ file: 'k8s-e2e.yaml', text: stepManifests(m, step, nodes) }]);
  const errors = res.problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new Error(errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return res.cluster;
}

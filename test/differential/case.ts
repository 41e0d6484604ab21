// A generated differential case: plain Kubernetes objects (what is written to YAML) plus the
// external addresses to probe. Shrinking edits these objects; every runner reads them.
import { stringify } from 'yaml';

export type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
export type Obj = { [k: string]: Json };

export interface GenNamespace {
  readonly name: string;
  readonly labels: Record<string, string>;
}

export interface GenPort {
  readonly name?: string;
  readonly containerPort: number;
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
}

export interface GenPod {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly ip: string;
  readonly ports: readonly GenPort[];
}

export interface GenCase {
  readonly seed: number;
  readonly namespaces: readonly GenNamespace[];
  readonly pods: readonly GenPod[];
  /** networking.k8s.io/v1 NetworkPolicy objects, exactly as written (no defaulting applied). */
  readonly policies: readonly Obj[];
  /** Addresses outside every pod, probed as external endpoints. */
  readonly externals: readonly string[];
}

/** The label the API server puts on every namespace (upstream: NamespaceDefaultLabelName). */
export const NS_NAME_LABEL = 'kubernetes.io/metadata.name';

export function namespaceLabels(c: GenCase, ns: string): Record<string, string> {
  const n = c.namespaces.find((x) => x.name === ns);
  return { ...(n?.labels ?? {}), [NS_NAME_LABEL]: ns };
}

export function namespaceObject(n: GenNamespace): Obj {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: n.name, labels: { ...n.labels } } };
}

export function podObject(p: GenPod): Obj {
  const ports: Obj[] = p.ports.map((q) => ({ ...(q.name ? { name: q.name } : {}), containerPort: q.containerPort, protocol: q.protocol }));
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: p.name, namespace: p.namespace, labels: { ...p.labels } },
    spec: { containers: [{ name: 'main', image: 'registry.example/app:1', ports }] },
    status: { phase: 'Running', podIP: p.ip, podIPs: [{ ip: p.ip }] },
  };
}

/** The case as manifest files: one per kind, so a reader can open them side by side. */
export function caseFiles(c: GenCase): { file: string; text: string }[] {
  // YAML 1.1 output: quotes y/n/yes/on..., which Kubernetes' YAML 1.1 reader would take as booleans.
  const docs = (objs: Obj[]): string => objs.map((o) => stringify(o, { version: '1.1' })).join('---\n');
  return [
    { file: 'namespaces.yaml', text: docs(c.namespaces.map(namespaceObject)) },
    { file: 'pods.yaml', text: docs(c.pods.map(podObject)) },
    { file: 'policies.yaml', text: docs([...c.policies]) },
  ].filter((f) => f.text.trim() !== '');
}

/** Deep copy, so shrinking never aliases the original. */
export const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

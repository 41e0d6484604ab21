// loadCluster: manifest texts → the defaulted Cluster model plus problems (never throws on input).
import {
  WORKLOAD_KINDS,
  type Cluster,
  type Namespace,
  type NetworkPolicy,
  type Pod,
  type Problem,
  type Service,
  type Workload,
  type WorkloadKind,
} from '../model/types.js';
import { validateObject } from '../validate/index.js';
import { ownerLabelGaps } from '../validate/owner-labels.js';
import { metaLabels, metaName, namespaceOf, NS_NAME_LABEL, podOf, policyOf, serviceOf, workloadOf } from './convert.js';
import { collectObjects, fieldProblem, type RawObject } from './manifests.js';
import { parseDocs } from './yaml-docs.js';

export { formatPath, parseDocs, MAX_ALIAS_COUNT, type PathSeg, type SourceDoc } from './yaml-docs.js';
export { collectObjects, type RawObject } from './manifests.js';
export { NS_NAME_LABEL } from './convert.js';

export interface InputFile {
  readonly file: string;
  readonly text: string;
}

export interface LoadOptions {
  /** Namespace for objects without metadata.namespace (kubectl's --namespace); default `default`. */
  readonly namespace?: string;
}

export interface LoadResult {
  readonly cluster: Cluster;
  /** Errors and warnings, in input order. Objects with errors are left out of the cluster. */
  readonly problems: Problem[];
  /** Kinds that netpol does not model, with how many objects of each were skipped. */
  readonly skipped: Record<string, number>;
}

const MODELED = new Set<string>(['Namespace', 'Pod', 'Service', 'NetworkPolicy', ...WORKLOAD_KINDS]);

/** API groups of the modelled kinds ('' is the core group, apiVersion `v1`); legacy groups included. */
const GROUPS: Record<string, readonly string[]> = {
  Namespace: [''], Pod: [''], Service: [''], ReplicationController: [''],
  NetworkPolicy: ['networking.k8s.io', 'extensions'],
  Deployment: ['apps', 'extensions'], ReplicaSet: ['apps', 'extensions'], DaemonSet: ['apps', 'extensions'],
  StatefulSet: ['apps'], Job: ['batch'], CronJob: ['batch'],
};

/**
 * Same kind name, other API group (Calico's projectcalico.org NetworkPolicy, for instance): not ours.
 * A missing apiVersion is taken as the Kubernetes one (List items often lack it).
 */
function foreignKind(o: RawObject): string | undefined {
  const v = o.value.apiVersion;
  if (typeof v !== 'string' || v === '') return undefined;
  const group = v.includes('/') ? v.slice(0, v.lastIndexOf('/')) : '';
  return GROUPS[o.kind]?.includes(group) === false ? `${o.kind} (${v})` : undefined;
}

export function loadCluster(files: readonly InputFile[], opts: LoadOptions = {}): LoadResult {
  const fallbackNs = opts.namespace && opts.namespace !== '' ? opts.namespace : 'default';
  const problems: Problem[] = [];
  const skipped: Record<string, number> = {};
  const objects: RawObject[] = [];
  for (const f of files) objects.push(...collectObjects(parseDocs(f.file, f.text, problems), problems));

  const declared = new Map<string, Namespace>();
  const pods: Pod[] = [];
  const workloads: Workload[] = [];
  const services: Service[] = [];
  const policies: NetworkPolicy[] = [];
  const seen = new Map<string, RawObject>();

  for (const o of objects) {
    const foreign = foreignKind(o);
    if (!MODELED.has(o.kind) || foreign) {
      const k = foreign ?? o.kind;
      skipped[k] = (skipped[k] ?? 0) + 1;
      continue;
    }
    const found = validateObject(o);
    problems.push(...found);
    if (found.some((p) => p.severity === 'error')) continue;
    const ns = o.kind === 'Namespace' ? '' : namespaceOf(o, fallbackNs);
    const name = metaName(o);
    const id = `${o.kind}/${ns}/${name}`;
    const first = seen.get(id);
    if (first) {
      const where = `${first.source.file}:${first.source.line}`;
      problems.push(
        fieldProblem(o, ['metadata', 'name'], 'duplicate-name', 'warning',
          `Duplicate value: "${name}": ${o.kind} ${ns ? `${ns}/` : ''}${name} is already defined at ${where}; this one is ignored`),
      );
      continue;
    }
    seen.set(id, o);
    if (o.kind === 'Namespace') {
      // The API server always sets kubernetes.io/metadata.name (NamespaceDefaultLabelName).
      declared.set(name, { name, labels: { ...metaLabels(o), [NS_NAME_LABEL]: name }, implicit: false, source: o.source });
    } else if (o.kind === 'Pod') pods.push(podOf(o, ns));
    else if (o.kind === 'Service') services.push(serviceOf(o, ns));
    else if (o.kind === 'NetworkPolicy') policies.push(policyOf(o, ns));
    else {
      const { workload, pod } = workloadOf(o, o.kind as WorkloadKind, ns);
      workloads.push(workload);
      pods.push(pod);
    }
  }

  // A namespace that is referenced but never declared exists with only its name label.
  const namespaces: Namespace[] = [...declared.values()];
  const refs = [...pods, ...workloads, ...services, ...policies].map((x) => x.namespace);
  for (const ns of refs) {
    if (declared.has(ns)) continue;
    const implicit: Namespace = { name: ns, labels: { [NS_NAME_LABEL]: ns }, implicit: true };
    declared.set(ns, implicit);
    namespaces.push(implicit);
  }
  problems.push(...ownerLabelGaps(pods, policies));
  return { cluster: { namespaces, pods, workloads, services, policies }, problems: inReadingOrder(problems, files), skipped };
}

/** Problems by file (in input order), line and column; stable, so one field's problems keep their order. */
function inReadingOrder(problems: Problem[], files: readonly InputFile[]): Problem[] {
  const rank = new Map(files.map((f, i) => [f.file, i]));
  const key = (p: Problem): [number, number, number] =>
    p.source ? [rank.get(p.source.file) ?? files.length, p.source.line, p.source.column] : [files.length + 1, 0, 0];
  return problems
    .map((p, i) => ({ p, i, k: key(p) }))
    .sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.k[2] - b.k[2] || a.i - b.i)
    .map((x) => x.p);
}

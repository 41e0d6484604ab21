// Documents → Kubernetes objects: unwraps List kinds, infers item kinds, records positions.
import type { Problem, SourceRef } from '../model/types.js';
import { formatPath, type PathSeg, type SourceDoc } from './yaml-docs.js';

/** One Kubernetes object as written, with a resolver for field positions. */
export interface RawObject {
  readonly kind: string;
  readonly value: Record<string, unknown>;
  readonly source: SourceRef;
  /** Path of the object inside its document ([] or ['items', i]); for messages about list items. */
  readonly base: readonly PathSeg[];
  readonly doc: SourceDoc;
}

/** `PodList` → `Pod`; `List` has no implied item kind. */
const LIST_ITEM_KIND: Record<string, string | undefined> = {
  List: undefined,
  PodList: 'Pod',
  NamespaceList: 'Namespace',
  NetworkPolicyList: 'NetworkPolicy',
  ServiceList: 'Service',
  DeploymentList: 'Deployment',
  ReplicaSetList: 'ReplicaSet',
  StatefulSetList: 'StatefulSet',
  DaemonSetList: 'DaemonSet',
  ReplicationControllerList: 'ReplicationController',
  JobList: 'Job',
  CronJobList: 'CronJob',
};

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function locate(obj: RawObject, path: readonly PathSeg[], key = false): SourceRef {
  return obj.doc.locate([...obj.base, ...path], key);
}

/** Problem about a field of an object; the position is that of the field. */
export function fieldProblem(
  obj: RawObject,
  path: readonly PathSeg[],
  code: string,
  severity: Problem['severity'],
  message: string,
  key = false,
): Problem {
  const p: Problem = { code, severity, message, path: formatPath(path), source: locate(obj, path, key) };
  const id = objectId(obj);
  return id ? { ...p, object: id } : p;
}

/** "Kind ns/name" or "Kind name" for messages. */
export function objectId(obj: RawObject): string | undefined {
  const md = obj.value.metadata;
  if (!isRecord(md) || typeof md.name !== 'string') return undefined;
  return typeof md.namespace === 'string' ? `${obj.kind} ${md.namespace}/${md.name}` : `${obj.kind} ${md.name}`;
}

/** Splits documents into objects. Lists are unwrapped (recursively: a List may hold Lists). */
export function collectObjects(docs: readonly SourceDoc[], problems: Problem[]): RawObject[] {
  const out: RawObject[] = [];
  const visit = (doc: SourceDoc, value: unknown, base: PathSeg[], inferred: string | undefined): void => {
    if (!isRecord(value)) {
      // JSON/YAML that is not an object (a bare list or scalar) is not a manifest
      problems.push({
        code: 'not-an-object',
        severity: 'error',
        message: `Invalid value: expected a Kubernetes object (a mapping with apiVersion and kind), got ${typeName(value)}`,
        path: formatPath(base),
        source: doc.locate(base),
      });
      return;
    }
    const kind = typeof value.kind === 'string' && value.kind !== '' ? value.kind : inferred;
    const source = doc.locate(base);
    if (kind === undefined) {
      problems.push({
        code: 'missing-kind',
        severity: 'error',
        message: 'Required value: kind must be set',
        path: formatPath([...base, 'kind']),
        source,
      });
      return;
    }
    if (kind in LIST_ITEM_KIND || (kind.endsWith('List') && Array.isArray(value.items))) {
      const items = value.items;
      if (items === undefined || items === null) return;
      if (!Array.isArray(items)) {
        problems.push({
          code: 'invalid-type',
          severity: 'error',
          message: `Invalid type: expected array, got ${typeName(items)}`,
          path: formatPath([...base, 'items']),
          source: doc.locate([...base, 'items']),
        });
        return;
      }
      const itemKind = LIST_ITEM_KIND[kind] ?? (kind.endsWith('List') && kind !== 'List' ? kind.slice(0, -4) : undefined);
      items.forEach((item, i) => visit(doc, item, [...base, 'items', i], itemKind));
      return;
    }
    out.push({ kind, value, source, base, doc });
  };
  for (const doc of docs) visit(doc, doc.value, [], undefined);
  return out;
}

export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

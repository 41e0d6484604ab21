// Lists the modelled kinds from a live cluster and turns them into the loader's input texts, so
// validation and defaulting are exactly those of manifests (docs/live-cluster.md).
import type { KubeConfig } from '@kubernetes/client-node';
import type { Problem } from '../core/model/types.js';
import type { InputFile } from '../core/parse/index.js';
import { ApiError, getJson, serverOf } from './kubeconfig.js';
import { NAMESPACES, PODS, READ_RESOURCES, WORKLOADS, listPath, type Resource } from './resources.js';

export type ApiObject = Record<string, unknown> & { metadata?: Record<string, unknown> };

export interface ResourceList {
  readonly resource: Resource;
  readonly items: ApiObject[];
  readonly resourceVersion: string;
}

export interface FetchResult {
  readonly lists: ResourceList[];
  readonly problems: Problem[];
}

const PAGE = 500;

/** Cluster-level problems carry no position: `cluster: <what>` reads better than a fake line. */
const problem = (_file: string, severity: Problem['severity'], code: string, message: string): Problem => ({
  code,
  severity,
  message: `cluster: ${message}`,
  path: '',
});

/** Drops what kubectl hides by default and what no rule reads; stamps the kind (list items lack it). */
export function normalize(res: Resource, item: ApiObject): ApiObject {
  const meta = { ...(item.metadata ?? {}) };
  delete meta.managedFields;
  return { apiVersion: res.apiVersion, kind: res.kind, ...item, metadata: meta };
}

/** One list, all pages (limit/continue). */
export async function listAll(kc: KubeConfig, res: Resource, namespace?: string): Promise<ResourceList> {
  const items: ApiObject[] = [];
  let cont: string | undefined;
  let resourceVersion = '';
  do {
    const q = new URLSearchParams({ limit: String(PAGE) });
    if (cont) q.set('continue', cont);
    const body = (await getJson(kc, `${listPath(res, namespace)}?${q}`)) as { items?: unknown; metadata?: { continue?: string; resourceVersion?: string } };
    if (!Array.isArray(body.items)) throw new ApiError(`${listPath(res, namespace)}: not a list`);
    for (const it of body.items) if (it && typeof it === 'object') items.push(normalize(res, it as ApiObject));
    cont = body.metadata?.continue || undefined;
    resourceVersion = body.metadata?.resourceVersion ?? resourceVersion;
  } while (cont);
  return { resource: res, items, resourceVersion };
}

/** A workload run by another workload (ReplicaSet of a Deployment, Job of a CronJob): its owner stands for it. */
function ownedWorkload(item: ApiObject): boolean {
  const refs = item.metadata?.ownerReferences;
  return Array.isArray(refs) && refs.some((r) => (r as { controller?: unknown }).controller === true && WORKLOADS.some((w) => w.kind === (r as { kind?: unknown }).kind));
}

/**
 * Lists namespaces, pods, workloads, services and policies (all namespaces, or one).
 * A kind the server does not serve (404) is a warning; any other failure is an error.
 */
export async function fetchCluster(kc: KubeConfig, opts: { namespace?: string } = {}): Promise<FetchResult> {
  const problems: Problem[] = [];
  // one request first: an unreachable server is one error, not one per kind
  try {
    await getJson(kc, `${listPath(PODS, opts.namespace)}?limit=1`);
  } catch (e) {
    if (!(e instanceof ApiError) || e.status === undefined) {
      return { lists: [], problems: [problem('cluster:', 'error', 'cluster-unreachable', `cannot reach the API server ${serverOf(kc)}: ${(e as Error).message}`)] };
    }
  }
  const lists = await Promise.all(
    READ_RESOURCES.map(async (res): Promise<ResourceList | undefined> => {
      try {
        if (res === NAMESPACES && opts.namespace !== undefined) {
          // one namespace: its labels still matter to namespaceSelectors
          const one = (await getJson(kc, `/api/v1/namespaces/${encodeURIComponent(opts.namespace)}`)) as ApiObject;
          return { resource: res, items: [normalize(res, one)], resourceVersion: '' };
        }
        const l = await listAll(kc, res, opts.namespace);
        return WORKLOADS.includes(res) ? { ...l, items: l.items.filter((i) => !ownedWorkload(i)) } : l;
      } catch (e) {
        const status = e instanceof ApiError ? e.status : undefined;
        const sev = status === 404 || (status === 403 && res === NAMESPACES) ? 'warning' : 'error';
        problems.push(problem(`cluster:${res.plural}`, sev, 'cluster-list-failed', `cannot list ${res.plural}: ${(e as Error).message}`));
        return undefined;
      }
    }),
  );
  return { lists: lists.filter((l): l is ResourceList => l !== undefined), problems };
}

/** The pseudo-file an object's problems point at: `cluster:pods/ns/name`. */
export function pseudoFile(res: Resource, item: ApiObject): string {
  const ns = item.metadata?.namespace;
  const name = String(item.metadata?.name ?? '?');
  return `cluster:${res.plural}/${res.namespaced && typeof ns === 'string' ? `${ns}/` : ''}${name}`;
}

/** One JSON text per object (indented, so a problem's line points at the field). */
export function toInputFiles(lists: readonly ResourceList[]): InputFile[] {
  return lists.flatMap((l) => l.items.map((item) => ({ file: pseudoFile(l.resource, item), text: JSON.stringify(item, null, 2) })));
}

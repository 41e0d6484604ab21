// The API resources netpol reads from a live cluster: what `loadCluster` models (src/core/parse).
export interface Resource {
  /** Plural resource name, as in the REST path. */
  readonly plural: string;
  readonly kind: string;
  /** apiVersion of the items (list items carry no kind/apiVersion on the wire; kubectl adds them). */
  readonly apiVersion: string;
  readonly namespaced: boolean;
}

const r = (plural: string, kind: string, apiVersion: string, namespaced = true): Resource => ({ plural, kind, apiVersion, namespaced });

export const NAMESPACES = r('namespaces', 'Namespace', 'v1', false);
export const PODS = r('pods', 'Pod', 'v1');
export const SERVICES = r('services', 'Service', 'v1');
export const NETWORK_POLICIES = r('networkpolicies', 'NetworkPolicy', 'networking.k8s.io/v1');

/** Workload kinds: the loader turns each into one template pod. */
export const WORKLOADS: readonly Resource[] = [
  r('deployments', 'Deployment', 'apps/v1'),
  r('statefulsets', 'StatefulSet', 'apps/v1'),
  r('daemonsets', 'DaemonSet', 'apps/v1'),
  r('replicasets', 'ReplicaSet', 'apps/v1'),
  r('jobs', 'Job', 'batch/v1'),
  r('cronjobs', 'CronJob', 'batch/v1'),
  r('replicationcontrollers', 'ReplicationController', 'v1'),
];

/** Everything a read command needs, in a stable order (namespaces first). */
export const READ_RESOURCES: readonly Resource[] = [NAMESPACES, PODS, ...WORKLOADS, SERVICES, NETWORK_POLICIES];

/** What the agent watches: enforcement needs pods, namespace labels and policies only. */
export const AGENT_RESOURCES: readonly Resource[] = [NAMESPACES, PODS, NETWORK_POLICIES];

/** REST path of a list (or watch) in all namespaces, or one namespace when given. */
export function listPath(res: Resource, namespace?: string): string {
  const base = res.apiVersion.includes('/') ? `/apis/${res.apiVersion}` : `/api/${res.apiVersion}`;
  if (!res.namespaced) return `${base}/${res.plural}`;
  return namespace !== undefined ? `${base}/namespaces/${encodeURIComponent(namespace)}/${res.plural}` : `${base}/${res.plural}`;
}

// netpol-analyzer's `{ingress-controller}`: traffic that enters through an OpenShift Route or a
// Kubernetes Ingress. A fake, unlabelled pod in namespace `ingress-controller-ns` stands for the
// controller; its line to a workload is the exposed target ports ∩ what the policies allow from it.
import type { RawObject } from '../parse/index.js';
import type { Cluster, Pod, Protocol, Service } from '../model/types.js';
import { ConnectionSet } from '../sets/connection-set.js';
import { PortSet } from '../sets/port-set.js';
import type { Endpoint, Engine } from '../engine/types.js';
import type { ClusterEndpoint, Connection } from './types.js';

export const INGRESS_CONTROLLER_ID = '{ingress-controller}';
export const INGRESS_CONTROLLER_NS = 'ingress-controller-ns';
const POD_NAME = 'ingress-controller';

/** One Route or Ingress backend: a Service and, optionally, which of its ports. */
export interface Exposure {
  readonly kind: 'Route' | 'Ingress';
  readonly namespace: string;
  readonly name: string;
  readonly service: string;
  /** Route: spec.port.targetPort; Ingress: backend.service.port (number or name). */
  readonly port?: number | string;
}

const rec = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const portOf = (v: unknown): number | string | undefined => (typeof v === 'number' ? v : str(v));

/** The Service backends of Route (route.openshift.io) and Ingress (networking.k8s.io) objects. */
export function exposuresOf(objects: readonly RawObject[], defaultNamespace = 'default'): Exposure[] {
  const out: Exposure[] = [];
  for (const o of objects) {
    if (o.kind !== 'Route' && o.kind !== 'Ingress') continue;
    const meta = rec(o.value.metadata) ?? {};
    const namespace = str(meta.namespace) ?? defaultNamespace;
    const name = str(meta.name) ?? '';
    const spec = rec(o.value.spec) ?? {};
    const add = (service: string | undefined, port: number | string | undefined) => {
      if (service) out.push({ kind: o.kind as Exposure['kind'], namespace, name, service, ...(port !== undefined ? { port } : {}) });
    };
    if (o.kind === 'Route') {
      const port = portOf(rec(spec.port)?.targetPort);
      for (const to of [rec(spec.to), ...arr(spec.alternateBackends).map(rec)]) {
        if (to && (to.kind === undefined || to.kind === 'Service')) add(str(to.name), port);
      }
      continue;
    }
    const backend = (b: unknown) => {
      const svc = rec(rec(b)?.service);
      const p = rec(svc?.port);
      add(str(svc?.name), p ? (portOf(p.number) ?? portOf(p.name)) : undefined);
    };
    backend(spec.defaultBackend);
    for (const r of arr(spec.rules)) for (const p of arr(rec(rec(r)?.http)?.paths)) backend(rec(p)?.backend);
  }
  return out;
}

/** The cluster plus the controller's namespace and pod, for the engine that answers for it. */
export function withIngressController(cluster: Cluster): Cluster {
  const pod: Pod = { namespace: INGRESS_CONTROLLER_NS, name: POD_NAME, labels: {}, ips: [], ports: [], hostNetwork: false, fromTemplate: false };
  const hasNs = cluster.namespaces.some((n) => n.name === INGRESS_CONTROLLER_NS);
  return {
    ...cluster,
    namespaces: hasNs ? cluster.namespaces : [...cluster.namespaces, { name: INGRESS_CONTROLLER_NS, labels: { 'kubernetes.io/metadata.name': INGRESS_CONTROLLER_NS }, implicit: true }],
    pods: [...cluster.pods, pod],
  };
}

export const isIngressControllerPod = (p: Pod): boolean => p.namespace === INGRESS_CONTROLLER_NS && p.name === POD_NAME;

const selects = (svc: Service, pod: Pod): boolean =>
  pod.namespace === svc.namespace && Object.keys(svc.selector).length > 0 && Object.entries(svc.selector).every(([k, v]) => pod.labels[k] === v);

/** What the exposure opens on one pod: the service ports it names, as target ports of that pod. */
function exposedPorts(e: Exposure, svc: Service, pod: Pod): ConnectionSet {
  let out = ConnectionSet.NONE;
  for (const sp of svc.ports) {
    const target = sp.targetPort ?? sp.port;
    // Route targetPort names the service port by name or target; Ingress by name or port number
    const named = e.port === undefined || e.port === sp.name || e.port === target || (e.kind === 'Ingress' && e.port === sp.port);
    if (!named) continue;
    const num = typeof target === 'number' ? target : pod.ports.find((c) => c.name === target && c.protocol === sp.protocol)?.containerPort;
    if (num !== undefined) out = out.union(ConnectionSet.of(sp.protocol as Protocol, PortSet.range(num)));
  }
  return out;
}

/**
 * The controller endpoint and its connections, given an engine over withIngressController(cluster);
 * `owner` maps `ns/pod` to the id of the endpoint holding the pod.
 */
export function ingressControllerConnections(
  engine: Engine,
  exposures: readonly Exposure[],
  owner: ReadonlyMap<string, string>,
): { endpoint: ClusterEndpoint; connections: Connection[] } | undefined {
  const fake = engine.cluster.pods.find(isIngressControllerPod);
  if (!fake || exposures.length === 0) return undefined;
  const src: Endpoint = { kind: 'pod', pod: fake };
  const sets = new Map<string, ConnectionSet>();
  for (const e of exposures) {
    const svc = engine.cluster.services.find((s) => s.namespace === e.namespace && s.name === e.service);
    if (!svc) continue;
    for (const pod of engine.cluster.pods) {
      const to = owner.get(`${pod.namespace}/${pod.name}`);
      if (to === undefined || !selects(svc, pod)) continue;
      const open = exposedPorts(e, svc, pod);
      if (open.isEmpty()) continue;
      const allowed = engine.allowed(src, { kind: 'pod', pod }).intersect(open);
      sets.set(to, (sets.get(to) ?? ConnectionSet.NONE).union(allowed));
    }
  }
  const endpoint: ClusterEndpoint = { type: 'cluster', id: INGRESS_CONTROLLER_ID, kind: 'IngressController', namespace: INGRESS_CONTROLLER_NS, name: POD_NAME, ips: [], pods: [fake] };
  const connections = [...sets].filter(([, s]) => !s.isEmpty()).map(([to, allowed]) => ({ from: INGRESS_CONTROLLER_ID, to, allowed }));
  return { endpoint, connections };
}

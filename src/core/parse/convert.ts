// Raw objects → the defaulted model, applying the API server's defaults (SetDefaults_*).
// Conversion is defensive: wrong types are reported by validation, here they just fall back.
import type {
  ContainerPort,
  IpBlock,
  LabelSelector,
  LabelSelectorRequirement,
  Labels,
  NetworkPolicy,
  OwnerRef,
  Peer,
  PolicyPort,
  PolicyType,
  Protocol,
  Rule,
  SelectorOperator,
  Service,
  ServicePort,
  Workload,
  WorkloadKind,
  Pod,
} from '../model/types.js';
import { PROTOCOLS } from '../model/types.js';
import { formatIp, parseIp } from '../sets/ip-set.js';
import { isValidPortName, isValidPortNum } from '../validate/names.js';
import { isRecord, locate, type RawObject } from './manifests.js';
import type { PathSeg } from './yaml-docs.js';

export const NS_NAME_LABEL = 'kubernetes.io/metadata.name';

const rec = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);

/** Label maps: non-string values are validation errors; here they are stringified. */
export function labelsOf(v: unknown): Labels {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(rec(v))) {
    if (val === null || val === undefined) continue;
    out[k] = typeof val === 'string' ? val : String(val);
  }
  return out;
}

export function selectorOf(v: unknown): LabelSelector {
  const s = rec(v);
  const exprs: LabelSelectorRequirement[] = [];
  for (const e of arr(s.matchExpressions)) {
    const r = rec(e);
    exprs.push({
      key: str(r.key) ?? '',
      operator: (str(r.operator) ?? 'In') as SelectorOperator,
      values: arr(r.values).map((x) => (typeof x === 'string' ? x : String(x))),
    });
  }
  return { matchLabels: labelsOf(s.matchLabels), matchExpressions: exprs };
}

/** Protocol defaults to TCP (SetDefaults_NetworkPolicyPort, SetDefaults_ContainerPort). */
const protocolOf = (v: unknown): Protocol => (str(v) ?? 'TCP') as Protocol;

export const metaName = (o: RawObject): string => str(rec(o.value.metadata).name) ?? '';
export const metaLabels = (o: RawObject): Labels => labelsOf(rec(o.value.metadata).labels);

/** metadata.namespace, else `--namespace`, else `default`. */
export function namespaceOf(o: RawObject, fallback: string): string {
  const ns = str(rec(o.value.metadata).namespace);
  return ns !== undefined && ns !== '' ? ns : fallback;
}

function containerPorts(podSpec: Record<string, unknown>): ContainerPort[] {
  const out: ContainerPort[] = [];
  for (const c of arr(podSpec.containers)) {
    for (const p of arr(rec(c).ports)) {
      const r = rec(p);
      const port = int(r.containerPort);
      const name = str(r.name);
      // entries that validation warned about are left out (see validatePodSpec)
      if (port === undefined || isValidPortNum(port).length > 0) continue;
      if (r.protocol !== undefined && r.protocol !== null && !PROTOCOLS.includes(r.protocol as Protocol)) continue;
      if (name && isValidPortName(name).length > 0) continue;
      out.push(name ? { name, containerPort: port, protocol: protocolOf(r.protocol) } : { containerPort: port, protocol: protocolOf(r.protocol) });
    }
  }
  return out;
}

/** status.podIPs (or status.podIP), canonicalised; unparsable addresses are dropped. */
function podIps(status: Record<string, unknown>): string[] {
  const texts: string[] = [];
  for (const e of arr(status.podIPs)) {
    const ip = str(rec(e).ip);
    if (ip) texts.push(ip);
  }
  const single = str(status.podIP);
  if (single && !texts.includes(single)) texts.unshift(single);
  const out: string[] = [];
  for (const t of texts) {
    const p = parseIp(t);
    if (!p) continue;
    const c = formatIp(p.family, p.value);
    if (!out.includes(c)) out.push(c);
  }
  return out;
}

/** The controlling owner (controller: true), else the first owner. A kind-less owner counts as a Pod. */
function ownerOf(meta: Record<string, unknown>): OwnerRef | undefined {
  const refs = arr(meta.ownerReferences).map(rec);
  const ref = refs.find((r) => r.controller === true) ?? refs[0];
  const name = ref && str(ref.name);
  if (!ref || !name) return undefined;
  return { kind: str(ref.kind) || 'Pod', name };
}

export function podOf(o: RawObject, ns: string): Pod {
  const meta = rec(o.value.metadata);
  const spec = rec(o.value.spec);
  const status = rec(o.value.status);
  const owner = ownerOf(meta);
  const phase = str(status.phase);
  const nodeName = str(spec.nodeName);
  return {
    namespace: ns,
    name: metaName(o),
    labels: labelsOf(meta.labels),
    ips: podIps(status),
    ports: containerPorts(spec),
    hostNetwork: spec.hostNetwork === true,
    ...(phase ? { phase } : {}),
    ...(nodeName ? { nodeName } : {}),
    ...(owner ? { owner } : {}),
    fromTemplate: false,
    source: o.source,
  };
}

/** The pod template path of a workload kind (CronJob nests it under jobTemplate). */
export function templatePath(kind: WorkloadKind): PathSeg[] {
  return kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec', 'template'] : ['spec', 'template'];
}

function at(v: unknown, path: readonly PathSeg[]): unknown {
  let cur = v;
  for (const seg of path) cur = isRecord(cur) ? cur[seg as string] : Array.isArray(cur) ? cur[seg as number] : undefined;
  return cur;
}

/** A workload and the one pod its template describes (name = workload name). */
export function workloadOf(o: RawObject, kind: WorkloadKind, ns: string): { workload: Workload; pod: Pod } {
  const tpath = templatePath(kind);
  const template = rec(at(o.value, tpath));
  const tmeta = rec(template.metadata);
  const tspec = rec(template.spec);
  const labels = labelsOf(tmeta.labels);
  const ports = containerPorts(tspec);
  const name = metaName(o);
  const replicas = int(rec(o.value.spec).replicas);
  const nodeName = str(tspec.nodeName);
  const workload: Workload = {
    kind,
    namespace: ns,
    name,
    labels,
    ports,
    ...(replicas !== undefined ? { replicas } : {}),
    source: o.source,
  };
  const pod: Pod = {
    namespace: ns,
    name,
    labels,
    ips: [],
    ports,
    hostNetwork: tspec.hostNetwork === true,
    ...(nodeName ? { nodeName } : {}),
    owner: { kind, name },
    fromTemplate: true,
    source: locate(o, tpath),
  };
  return { workload, pod };
}

export function serviceOf(o: RawObject, ns: string): Service {
  const spec = rec(o.value.spec);
  const ports: ServicePort[] = arr(spec.ports).map((p) => {
    const r = rec(p);
    const name = str(r.name);
    const target = r.targetPort;
    return {
      ...(name ? { name } : {}),
      port: int(r.port) ?? 0,
      ...(typeof target === 'number' || typeof target === 'string' ? { targetPort: target } : {}),
      protocol: protocolOf(r.protocol),
    };
  });
  const ips = arr(spec.clusterIPs).map(str).filter((s): s is string => !!s);
  const one = str(spec.clusterIP);
  if (one && !ips.includes(one)) ips.unshift(one);
  return {
    namespace: ns,
    name: metaName(o),
    selector: labelsOf(spec.selector),
    ports,
    clusterIPs: ips.filter((ip) => ip !== 'None' && ip !== ''),
    source: o.source,
  };
}

function peerOf(v: unknown): Peer {
  const r = rec(v);
  const peer: { podSelector?: LabelSelector; namespaceSelector?: LabelSelector; ipBlock?: IpBlock } = {};
  if (isRecord(r.podSelector)) peer.podSelector = selectorOf(r.podSelector);
  if (isRecord(r.namespaceSelector)) peer.namespaceSelector = selectorOf(r.namespaceSelector);
  if (isRecord(r.ipBlock)) {
    const b = r.ipBlock;
    peer.ipBlock = { cidr: str(b.cidr) ?? '', except: arr(b.except).map((e) => str(e) ?? '') };
  }
  return peer;
}

function policyPortOf(v: unknown): PolicyPort {
  const r = rec(v);
  const port = typeof r.port === 'number' || typeof r.port === 'string' ? r.port : undefined;
  const endPort = int(r.endPort);
  return {
    protocol: protocolOf(r.protocol),
    ...(port !== undefined ? { port } : {}),
    ...(endPort !== undefined ? { endPort } : {}),
  };
}

function rulesOf(o: RawObject, dir: 'ingress' | 'egress'): Rule[] {
  const peerKey = dir === 'ingress' ? 'from' : 'to';
  return arr(rec(o.value.spec)[dir]).map((r, i) => ({
    peers: arr(rec(r)[peerKey]).map(peerOf),
    ports: arr(rec(r).ports).map(policyPortOf),
    source: locate(o, ['spec', dir, i]),
  }));
}

export function policyOf(o: RawObject, ns: string): NetworkPolicy {
  const spec = rec(o.value.spec);
  const ingress = rulesOf(o, 'ingress');
  const egress = rulesOf(o, 'egress');
  const given = arr(spec.policyTypes).filter((t): t is PolicyType => t === 'Ingress' || t === 'Egress');
  // SetDefaults_NetworkPolicySpec: no policyTypes → Ingress, plus Egress when egress rules exist.
  const policyTypes: PolicyType[] =
    arr(spec.policyTypes).length > 0 ? [...new Set(given)] : egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
  return {
    namespace: ns,
    name: metaName(o),
    podSelector: selectorOf(spec.podSelector),
    policyTypes,
    ingress,
    egress,
    source: o.source,
  };
}

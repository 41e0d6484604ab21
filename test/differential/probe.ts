// The probe set of a case and netpol's answers on it. A probe is one (source, destination,
// protocol, port); endpoints are pods (by "ns/name") and external addresses (by IP).
import { loadCluster } from '../../src/core/parse/index.js';
import { createEngine } from '../../src/core/engine/index.js';
import type { Endpoint, IpBlockScope } from '../../src/core/engine/types.js';
import type { Pod, Protocol } from '../../src/core/model/types.js';
import { PROTOCOLS } from '../../src/core/model/types.js';
import type { ConnectionSet } from '../../src/core/sets/connection-set.js';
import { caseFiles, type GenCase, type Json } from './case.js';

export interface ProbeEndpoint {
  /** "ns/name" for a pod, the address for an external endpoint. */
  readonly id: string;
  readonly pod?: { namespace: string; name: string };
  readonly ip: string;
}

export interface Probe {
  readonly src: ProbeEndpoint;
  readonly dst: ProbeEndpoint;
  readonly protocol: Protocol;
  readonly port: number;
}

export const probeKey = (p: Probe): string => `${p.src.id} -> ${p.dst.id} ${p.protocol}/${p.port}`;

export function endpointsOf(c: GenCase): ProbeEndpoint[] {
  return [
    ...c.pods.map((p) => ({ id: `${p.namespace}/${p.name}`, pod: { namespace: p.namespace, name: p.name }, ip: p.ip })),
    ...c.externals.map((ip) => ({ id: ip, ip })),
  ];
}

/** Each port a policy or a pod mentions, its neighbours across range edges, and two that none does. */
export function probePorts(c: GenCase): number[] {
  const ports = new Set<number>([1, 6000]);
  const walk = (x: Json): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x !== null && typeof x === 'object') {
      for (const [k, v] of Object.entries(x)) {
        if ((k === 'port' || k === 'endPort') && typeof v === 'number') for (const q of [v - 1, v, v + 1]) ports.add(q);
        else walk(v);
      }
    }
  };
  c.policies.forEach(walk);
  for (const p of c.pods) for (const q of p.ports) ports.add(q.containerPort);
  return [...ports].filter((p) => p >= 1 && p <= 65535).sort((a, b) => a - b);
}

/** Pairs with at least one pod side: nothing decides traffic between two external addresses. */
export function probesOf(c: GenCase): Probe[] {
  const eps = endpointsOf(c);
  const ports = probePorts(c);
  const out: Probe[] = [];
  for (const src of eps)
    for (const dst of eps) {
      if (!src.pod && !dst.pod) continue;
      for (const protocol of PROTOCOLS) for (const port of ports) out.push({ src, dst, protocol, port });
    }
  return out;
}

export interface NetpolRun {
  readonly allowed: (p: Probe) => boolean;
  /** Problems that loadCluster reported as errors (the generator must write only valid input). */
  readonly errors: string[];
}

/** netpol in-process: the generated YAML through loadCluster, then createEngine. */
export function runNetpol(c: GenCase, scope: IpBlockScope = 'all'): NetpolRun {
  const { cluster, problems } = loadCluster(caseFiles(c));
  const errors = problems.filter((p) => p.severity === 'error').map((p) => `${p.source?.file ?? ''}:${p.source?.line ?? ''} ${p.path}: ${p.message}`);
  const engine = createEngine(cluster, { ipBlockScope: scope });
  const pods = new Map<string, Pod>(cluster.pods.map((p) => [`${p.namespace}/${p.name}`, p]));
  const ep = (e: ProbeEndpoint): Endpoint => {
    const pod = e.pod ? pods.get(e.id) : undefined;
    if (e.pod && !pod) throw new Error(`netpol lost pod ${e.id}`);
    return pod ? { kind: 'pod', pod } : { kind: 'ip', ip: e.ip };
  };
  const memo = new Map<string, ConnectionSet>();
  const allowed = (p: Probe): boolean => {
    const k = `${p.src.id}|${p.dst.id}`;
    let set = memo.get(k);
    if (!set) memo.set(k, (set = engine.allowed(ep(p.src), ep(p.dst))));
    return set.has(p.protocol, p.port);
  };
  return { allowed, errors };
}

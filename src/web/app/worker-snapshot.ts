// Turns the core's results (Cluster, Engine, Connectivity, Verdict) into the plain data the UI
// renders. Runs in the worker; makes no policy decisions of its own (the engine decides).
import type { Endpoint, Engine, RuleRef } from '../../core/engine/types.js';
import { formatRuleRef } from '../../core/engine/describe.js';
import type { Cluster, NetworkPolicy, Pod, Problem, Protocol } from '../../core/model/types.js';
import { policyId } from '../../core/model/types.js';
import { formatIp } from '../../core/sets/ip-set.js';
import type { AnalysisEndpoint, Connectivity } from '../../core/analysis/types.js';
import type { ConnectivityDiff } from '../../core/analysis/diff.js';
import type {
  Diff,
  DiffEntry,
  EndpointDetails,
  ExplainRule,
  ExplainSide,
  Explanation,
  Snapshot,
  ViewEndpoint,
  ViewFinding,
  ViewPolicy,
} from './protocol.js';

export function viewPolicy(p: NetworkPolicy): ViewPolicy {
  return {
    id: policyId(p),
    namespace: p.namespace,
    name: p.name,
    policyTypes: p.policyTypes,
    ...(p.source ? { file: p.source.file, line: p.source.line } : {}),
  };
}

function viewEndpoint(engine: Engine, e: AnalysisEndpoint): ViewEndpoint {
  if (e.type === 'external') {
    return {
      id: e.id,
      type: 'external',
      kind: 'External',
      namespace: '',
      name: e.cidrs.join(', '),
      ips: [],
      labels: {},
      pods: [],
      cidrs: e.cidrs,
      ingressPolicies: [],
      egressPolicies: [],
    };
  }
  const ingress = new Set<string>();
  const egress = new Set<string>();
  for (const pod of e.pods) {
    const iso = engine.isolation(pod);
    iso.ingress.forEach((x) => ingress.add(x));
    iso.egress.forEach((x) => egress.add(x));
  }
  return {
    id: e.id,
    type: 'cluster',
    kind: e.kind,
    namespace: e.namespace,
    name: e.name,
    ips: e.ips,
    labels: e.pods[0]?.labels ?? {},
    pods: e.pods.map((p) => `${p.namespace}/${p.name}`),
    cidrs: [],
    ingressPolicies: [...ingress].sort(),
    egressPolicies: [...egress].sort(),
  };
}

export function buildSnapshot(
  engine: Engine,
  conn: Connectivity,
  problems: readonly Problem[],
  files: readonly string[],
  findings: readonly ViewFinding[] | undefined,
  large: boolean,
  allowedPairs: number,
  ms: number,
): Snapshot {
  const cluster = engine.cluster;
  return {
    level: conn.level,
    large,
    allowedPairs,
    namespaces: cluster.namespaces.map((n) => ({ name: n.name, labels: n.labels })),
    endpoints: conn.endpoints.map((e) => viewEndpoint(engine, e)),
    connections: conn.connections.map((c) => ({
      from: c.from,
      to: c.to,
      allowed: c.allowed.toJSON(),
      all: c.allowed.isAll(),
      label: c.allowed.toString(),
    })),
    policies: cluster.policies.map(viewPolicy),
    problems,
    files,
    ...(findings ? { findings } : {}),
    ms,
  };
}

/** Added = pairs (or ports) allowed only after the edit; removed = only before. */
export function toDiff(d: ConnectivityDiff): Diff {
  const added: DiffEntry[] = d.added.map((c) => ({ from: c.from, to: c.to, label: c.allowed.toString() }));
  const removed: DiffEntry[] = d.removed.map((c) => ({ from: c.from, to: c.to, label: c.allowed.toString() }));
  for (const c of d.changed) {
    const gained = c.after.subtract(c.before);
    const lost = c.before.subtract(c.after);
    if (!gained.isEmpty()) added.push({ from: c.from, to: c.to, label: gained.toString() });
    if (!lost.isEmpty()) removed.push({ from: c.from, to: c.to, label: lost.toString() });
  }
  return { added, removed };
}

/** The concrete engine endpoint of an analysis endpoint: its first pod, or a block's first address. */
export function concreteEndpoint(e: AnalysisEndpoint): Endpoint | undefined {
  if (e.type === 'external') return { kind: 'ip', ip: formatIp(e.atom.family, e.atom.first) };
  const pod: Pod | undefined = e.pods[0];
  return pod ? { kind: 'pod', pod } : undefined;
}

const concreteText = (e: Endpoint): string => (e.kind === 'ip' ? e.ip : `${e.pod.namespace}/${e.pod.name}`);

function ruleOf(cluster: Cluster, r: RuleRef): ExplainRule {
  const pol = cluster.policies.find((p) => policyId(p) === r.policy);
  const rule = pol ? (r.direction === 'Ingress' ? pol.ingress : pol.egress)[r.ruleIndex] : undefined;
  const src = rule?.source ?? pol?.source;
  return {
    text: formatRuleRef(r),
    policy: r.policy,
    direction: r.direction,
    ...(src ? { file: src.file, line: src.line } : {}),
  };
}

export function explain(
  engine: Engine,
  src: AnalysisEndpoint,
  dst: AnalysisEndpoint,
  protocol: Protocol,
  port: number,
): Explanation {
  const s = concreteEndpoint(src);
  const d = concreteEndpoint(dst);
  if (!s || !d) throw new Error('endpoint has no pods');
  const v = engine.verdict({ src: s, dst: d, protocol, port });
  const side = (x: typeof v.egress): ExplainSide => ({
    direction: x.direction,
    allowed: x.allowed,
    isolated: x.isolated,
    policies: x.policies,
    allowedBy: x.allowedBy.map((r) => ruleOf(engine.cluster, r)),
    reasons: x.reasons,
  });
  return {
    src: src.id,
    dst: dst.id,
    srcConcrete: concreteText(s),
    dstConcrete: concreteText(d),
    protocol,
    port,
    allowed: v.allowed,
    egress: side(v.egress),
    ingress: side(v.ingress),
  };
}

export function details(engine: Engine, e: AnalysisEndpoint, view: ViewEndpoint): EndpointDetails {
  if (e.type === 'external') return { endpoint: view, selecting: [] };
  const seen = new Map<string, ViewPolicy>();
  for (const pod of e.pods) for (const p of engine.selectingPolicies(pod)) seen.set(policyId(p), viewPolicy(p));
  return { endpoint: view, selecting: [...seen.values()].sort((a, b) => (a.id < b.id ? -1 : 1)) };
}

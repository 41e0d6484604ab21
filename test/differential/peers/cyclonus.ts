// Runner for policy-assistant (published as github.com/mattfenwick/cyclonus): its matcher, the
// code behind `analyze --mode query-traffic`, through scripts/peers/cyclonus-shim (JSON in/out).
// Semantics it fixes: pods are matched by namespace + labels, ipBlocks by IP (pod IPs too).
import { spawnSync } from 'node:child_process';
import { namespaceLabels, type GenCase } from '../case.js';
import { PROTOCOLS } from '../../../src/core/model/types.js';
import { endpointsOf, probeKey, probePorts, probesOf, type Probe, type ProbeEndpoint } from '../probe.js';
import { peerBinary } from './paths.js';

interface ShimEndpoint {
  internal: boolean;
  ip: string;
  namespace?: string;
  namespaceLabels?: Record<string, string>;
  podLabels?: Record<string, string>;
  /** "PROTOCOL/port" → container port name: upstream resolves named ports at the destination pod. */
  portNames?: Record<string, string>;
}

export interface PeerRun {
  readonly allowed: (p: Probe) => boolean;
  /** The peer failed on this case (e.g. a panic); no probe answers. */
  readonly error?: string;
}

function shimEndpoint(c: GenCase, e: ProbeEndpoint): ShimEndpoint {
  if (!e.pod) return { internal: false, ip: e.ip };
  const { namespace, name } = e.pod;
  const pod = c.pods.find((p) => p.namespace === namespace && p.name === name);
  const portNames: Record<string, string> = {};
  for (const q of pod?.ports ?? []) if (q.name) portNames[`${q.protocol}/${q.containerPort}`] = q.name;
  return { internal: true, ip: e.ip, namespace, namespaceLabels: namespaceLabels(c, namespace), podLabels: { ...(pod?.labels ?? {}) }, portNames };
}

/**
 * Runs many cases in one shim process (one JSON document per case, one line back per case).
 * The shim answers the full cross product in probesOf's order, so answers are indexed by position.
 */
export function runCyclonus(cases: readonly GenCase[], simplify = true, probesOfCase: (c: GenCase) => readonly Probe[] = probesOf): PeerRun[] {
  const bin = peerBinary('cyclonus-shim');
  if (!bin.path) throw new Error(bin.why);
  const input = cases
    .map((c) =>
      JSON.stringify({ simplify, policies: c.policies, endpoints: endpointsOf(c).map((e) => shimEndpoint(c, e)), protocols: PROTOCOLS, ports: probePorts(c) }),
    )
    .join('\n');
  const r = spawnSync(bin.path, [], { input, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`cyclonus-shim exited ${r.status}: ${r.stderr || r.stdout.slice(0, 500)}`);
  const lines = r.stdout.trim().split('\n');
  if (lines.length !== cases.length) throw new Error(`cyclonus-shim answered ${lines.length} cases of ${cases.length}`);
  return lines.map((line, i) => {
    const out = JSON.parse(line) as { allowed?: string; error?: string };
    const c = cases[i] as GenCase;
    const probes = probesOfCase(c);
    if (out.error !== undefined || out.allowed === undefined) return { allowed: () => false, error: out.error ?? 'no answer' };
    if (out.allowed.length !== probes.length) return { allowed: () => false, error: `answered ${out.allowed.length} probes of ${probes.length}` };
    const bits = out.allowed;
    // By identity when the caller passes its own probe objects, else by key.
    const byRef = new Map<Probe, number>(probes.map((p, j) => [p, j]));
    let byKey: Map<string, number> | undefined;
    const at = (p: Probe): number => byRef.get(p) ?? (byKey ??= new Map(probes.map((q, j) => [probeKey(q), j]))).get(probeKey(p)) ?? -1;
    return { allowed: (p: Probe) => bits[at(p)] === '1' };
  });
}

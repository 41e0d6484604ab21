// Probing the lab with real packets: every pod to every other pod on each (protocol, port), all in
// parallel with short timeouts, next to the engine's prediction. "Reached" = the destination
// answered (connected, or refused by a closed port: the packet got through); a drop is a timeout.
import type { Cluster, Pod, Protocol } from '../../core/model/types.js';
import { podId } from '../../core/model/types.js';
import { createEngine } from '../../core/engine/index.js';
import type { IpBlockScope } from '../../core/engine/types.js';
import { run } from '../exec.js';
import { agentRequest } from './agent-client.js';
import { agentSocket, pool, type LabState } from './lab.js';
import { SCTP_SENDER_SOURCE } from './agent-source.js';
import { nftLoad } from '../exec.js';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface ProbeTarget {
  readonly protocol: Protocol;
  readonly port: number;
}

export interface ProbeMatrix {
  readonly target: ProbeTarget;
  /** "socket" (real connections) or "crafted" (raw SCTP INIT counted by nft at the destination). */
  readonly method: 'socket' | 'crafted';
  /** [src][dst]; null on the diagonal (loopback is not probed, as upstream). */
  readonly observed: (boolean | null)[][];
  readonly predicted: (boolean | null)[][];
}

export interface ProbeResult {
  readonly pods: readonly string[];
  readonly matrices: readonly ProbeMatrix[];
  readonly mismatches: readonly string[];
  readonly notes: readonly string[];
}

/** Every (protocol, port) of the cluster's container ports, sorted. */
export function defaultTargets(cluster: Cluster): ProbeTarget[] {
  const seen = new Map<string, ProbeTarget>();
  for (const p of cluster.pods) for (const c of p.ports) seen.set(`${c.protocol}/${c.containerPort}`, { protocol: c.protocol, port: c.containerPort });
  return [...seen.values()].sort((a, b) => (a.protocol === b.protocol ? a.port - b.port : a.protocol < b.protocol ? -1 : 1));
}

export function parseTargets(text: string): ProbeTarget[] {
  return text.split(',').map((t) => {
    const m = /^(tcp|udp|sctp)\/(\d{1,5})$/i.exec(t.trim());
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535) throw new Error(`bad probe target "${t}": want PROTO/PORT, e.g. tcp/80`);
    return { protocol: m[1]!.toUpperCase() as Protocol, port: Number(m[2]) };
  });
}

export async function probeLab(
  state: LabState,
  cluster: Cluster,
  targets: readonly ProbeTarget[],
  opts: { timeoutMs?: number; ipBlockScope?: IpBlockScope } = {},
): Promise<ProbeResult> {
  const timeoutMs = opts.timeoutMs ?? 1000;
  const podsById = new Map(cluster.pods.map((p) => [podId(p), p]));
  const labPods = state.pods.filter((p) => podsById.has(p.id));
  const ids = labPods.map((p) => p.id);
  const notes: string[] = [];
  // The engine sees the pods with their lab addresses.
  const ipOf = new Map(labPods.map((p) => [p.id, p.ip]));
  const engCluster: Cluster = {
    ...cluster,
    pods: cluster.pods.map((p) => {
      const ip = ipOf.get(podId(p));
      return ip && !p.ips.includes(ip) ? { ...p, ips: [ip, ...p.ips] } : p;
    }),
  };
  const engine = createEngine(engCluster, opts.ipBlockScope ? { ipBlockScope: opts.ipBlockScope } : {});
  const engPods = new Map(engCluster.pods.map((p) => [podId(p), p]));
  const n = ids.length;
  const grid = () => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? null : false)) as (boolean | null)[]);

  const sockTargets = targets.filter((t) => t.protocol !== 'SCTP');
  const sctpTargets = targets.filter((t) => t.protocol === 'SCTP');
  const observed = new Map<string, (boolean | null)[][]>(targets.map((t) => [`${t.protocol}/${t.port}`, grid()]));

  await pool(labPods, 32, async (src) => {
    const i = ids.indexOf(src.id);
    const reqs = labPods.flatMap((dst, j) =>
      j === i ? [] : sockTargets.map((t) => ({ op: 'probe' as const, ip: dst.ip, port: t.port, protocol: t.protocol as 'TCP' | 'UDP', timeoutMs, j, t })),
    );
    if (reqs.length === 0) return;
    const res = await agentRequest(agentSocket(state.dir, src), reqs.map(({ j: _j, t: _t, ...r }) => r), timeoutMs + 10_000);
    reqs.forEach((r, k) => {
      observed.get(`${r.t.protocol}/${r.t.port}`)![i]![r.j] = res[k] === 'connected' || res[k] === 'refused';
    });
  });
  if (sctpTargets.length > 0) {
    notes.push('SCTP: this kernel has no SCTP sockets; SCTP is probed with crafted INIT packets counted by nft at the destination.');
    await probeSctp(state, labPods, sctpTargets, observed);
  }

  const matrices: ProbeMatrix[] = [];
  const mismatches: string[] = [];
  for (const t of targets) {
    const key = `${t.protocol}/${t.port}`;
    const obs = observed.get(key)!;
    const pred = grid();
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i === j) continue;
        const src = engPods.get(ids[i]!) as Pod;
        const dst = engPods.get(ids[j]!) as Pod;
        pred[i]![j] = engine.verdict({ src: { kind: 'pod', pod: src }, dst: { kind: 'pod', pod: dst }, protocol: t.protocol, port: t.port }).allowed;
        if (pred[i]![j] !== obs[i]![j]) {
          mismatches.push(`${key} ${ids[i]} -> ${ids[j]}: observed ${obs[i]![j] ? 'reached' : 'blocked'}, engine says ${pred[i]![j] ? 'allowed' : 'denied'}`);
        }
      }
    }
    matrices.push({ target: t, method: t.protocol === 'SCTP' ? 'crafted' : 'socket', observed: obs, predicted: pred });
  }
  return { pods: ids, matrices, mismatches, notes };
}

const SCTP_TABLE = 'netpol-lab-sctp';

let python: Promise<string> | undefined;
/** The real python3 binary (a pyenv shim costs a shell start per call). */
export function pythonPath(): Promise<string> {
  python ??= run('python3', ['-c', 'import sys; print(sys.executable)']).then((r) => {
    if (r.code !== 0) throw new Error('python3 is needed to craft SCTP packets (the kernel has no SCTP sockets)');
    return r.stdout.trim();
  });
  return python;
}

/** Raw SCTP INITs from every pod to every other; arrivals recorded per (source, port) in a dynamic set. */
async function probeSctp(state: LabState, pods: LabState['pods'], targets: readonly ProbeTarget[], observed: Map<string, (boolean | null)[][]>): Promise<void> {
  const counter = [
    `table inet ${SCTP_TABLE}`,
    `delete table inet ${SCTP_TABLE}`,
    `table inet ${SCTP_TABLE} {`,
    '\tset seen { type ipv4_addr . inet_service; flags dynamic; }',
    '\tchain input { type filter hook input priority filter; policy accept;',
    '\t\tmeta l4proto sctp add @seen { ip saddr . th dport } counter',
    '\t}',
    '}',
    '',
  ].join('\n');
  await pool(pods, 6, async (p) => {
    const r = await nftLoad(counter, { netns: p.netns });
    if (r.code !== 0) throw new Error(`SCTP counter in ${p.netns}: ${r.stderr}`);
  });
  const script = join(state.dir, 'sctp-send.py');
  const python = await pythonPath();
  await writeFile(script, SCTP_SENDER_SOURCE);
  await pool(pods, 6, async (src) => {
    const list = pods.filter((d) => d !== src).flatMap((d) => targets.map((t) => [d.ip, t.port]));
    const r = await run('ip', ['netns', 'exec', src.netns, python, script, JSON.stringify(list)]);
    if (r.code !== 0) throw new Error(`SCTP sender in ${src.netns}: ${r.stderr}`);
  });
  await new Promise((r) => setTimeout(r, 200));
  const ids = pods.map((p) => p.id);
  const byIp = new Map(pods.map((p) => [p.ip, p.id]));
  await pool(pods, 6, async (dst) => {
    const r = await run('ip', ['netns', 'exec', dst.netns, 'nft', 'list', 'set', 'inet', SCTP_TABLE, 'seen']);
    const j = ids.indexOf(dst.id);
    for (const m of r.stdout.matchAll(/(\d+\.\d+\.\d+\.\d+) \. (\d+)/g)) {
      const i = ids.indexOf(byIp.get(m[1]!) ?? '');
      const grid = observed.get(`SCTP/${m[2]}`);
      if (i >= 0 && i !== j && grid) grid[i]![j] = true;
    }
  });
}

/** Side-by-side truth tables: observed | engine; `.` reached/allowed, `X` blocked/denied, `!` marks a difference. */
export function formatProbe(res: ProbeResult): string {
  const w = Math.max(...res.pods.map((p) => p.length), 4);
  const lines: string[] = [...res.notes];
  const cell = (v: boolean | null) => (v === null ? '-' : v ? '.' : 'X');
  for (const m of res.matrices) {
    const bad = m.observed.flatMap((row, i) => row.filter((v, j) => v !== m.predicted[i]![j])).length;
    lines.push(`${m.target.protocol}/${m.target.port}${m.method === 'crafted' ? ' (crafted SCTP INIT, nft-counted)' : ''}: ${bad === 0 ? 'observed = engine' : `${bad} difference(s)`}`);
    const head = res.pods.map((_, j) => String(j).padStart(2)).join(' ');
    lines.push(`${''.padEnd(w + 4)}observed${' '.repeat(Math.max(1, head.length - 7))} | engine`);
    lines.push(`${''.padEnd(w + 4)}${head} | ${head}`);
    res.pods.forEach((p, i) => {
      const o = m.observed[i]!.map((v, j) => (v !== m.predicted[i]![j] ? ' !' : cell(v).padStart(2))).join(' ');
      const e = m.predicted[i]!.map((v) => cell(v).padStart(2)).join(' ');
      lines.push(`${String(i).padStart(2)} ${p.padEnd(w)} ${o} | ${e}`);
    });
  }
  if (res.mismatches.length) lines.push('Differences:', ...res.mismatches.map((m) => `  ${m}`));
  return `${lines.join('\n')}\n`;
}

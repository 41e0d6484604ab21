// Runner for np-guard's netpol-analyzer CLI (`netpolicy list --dirpath DIR -o json`), the engine
// under `roxctl netpol`. Semantic switches: its ipBlocks match only addresses outside the cluster
// (compare with netpol's --ipblock-scope external), and it names pods `ns/name[Pod]`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Protocol } from '../../../src/core/model/types.js';
import { parseIp } from '../../../src/core/sets/ip-set.js';
import { PortSet } from '../../../src/core/sets/port-set.js';
import { ConnectionSet } from '../../../src/core/sets/connection-set.js';
import { caseFiles, type GenCase } from '../case.js';
import type { Probe, ProbeEndpoint } from '../probe.js';
import type { PeerRun } from './cyclonus.js';
import { peerBinary } from './paths.js';

/** Parses a conn string: "All Connections", "No Connections", "TCP 80,443,UDP 53-60", "SCTP". */
export function parseConn(text: string): ConnectionSet {
  const t = text.trim();
  if (t === 'All Connections') return ConnectionSet.ALL;
  if (t === 'No Connections' || t === '') return ConnectionSet.NONE;
  let out = ConnectionSet.NONE;
  let proto: Protocol | undefined;
  for (const raw of t.split(/[,;]/)) {
    const tok = raw.trim();
    const m = /^(TCP|UDP|SCTP)(?:\s+(.*))?$/i.exec(tok);
    let ports = tok;
    if (m) {
      proto = (m[1] as string).toUpperCase() as Protocol;
      ports = m[2] ?? '';
      if (ports === '') {
        out = out.union(ConnectionSet.of(proto, PortSet.ALL));
        continue;
      }
    }
    const r = /^(\d+)(?:-(\d+))?$/.exec(ports);
    if (!proto || !r) throw new Error(`netpol-analyzer conn: cannot read "${tok}" in "${text}"`);
    const lo = Number(r[1]);
    out = out.union(ConnectionSet.of(proto, PortSet.of([[lo, Number(r[2] ?? lo)]])));
  }
  return out;
}

/** True when an analyzer peer name ("a.b.c.d-e.f.g.h" or a CIDR-free address) holds the IP. */
export function rangeHolds(name: string, ip: string): boolean {
  const m = /^([0-9a-f.:]+)-([0-9a-f.:]+)$/i.exec(name);
  const x = parseIp(ip);
  const lo = m ? parseIp(m[1] as string) : parseIp(name);
  const hi = m ? parseIp(m[2] as string) : lo;
  if (!x || !lo || !hi || x.family !== lo.family) return false;
  return lo.value <= x.value && x.value <= hi.value;
}

export function parseConnlist(json: string): { src: string; dst: string; conn: ConnectionSet }[] {
  const rows = JSON.parse(json) as { src: string; dst: string; conn: string }[];
  return rows.map((r) => ({ src: r.src, dst: r.dst, conn: parseConn(r.conn) }));
}

export function runAnalyzer(c: GenCase): PeerRun {
  const bin = peerBinary('netpolicy');
  if (!bin.path) throw new Error(bin.why);
  const dir = mkdtempSync(join(tmpdir(), 'netpol-analyzer-'));
  try {
    for (const f of caseFiles(c)) writeFileSync(join(dir, f.file), f.text);
    const r = spawnSync(bin.path, ['list', '--dirpath', dir, '-o', 'json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.status !== 0) return { allowed: () => false, error: `netpolicy exited ${r.status}: ${r.stderr.slice(0, 500)}` };
    const rows = parseConnlist(r.stdout);
    const name = (e: ProbeEndpoint): ((n: string) => boolean) => (e.pod ? (n) => n === `${e.id}[Pod]` : (n) => rangeHolds(n, e.ip));
    return {
      allowed: (p: Probe) => {
        const s = name(p.src);
        const d = name(p.dst);
        return rows.some((row) => s(row.src) && d(row.dst) && row.conn.has(p.protocol, p.port));
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

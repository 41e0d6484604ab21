// Spot checks: netpol's CLI (`analyze --format json`, `can-reach`) gives the same answers as the
// in-process engine the differential campaign compares against the peers.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IpSet } from '../../src/core/sets/ip-set.js';
import { ConnectionSet, type ProtocolPorts } from '../../src/core/sets/connection-set.js';
import { caseFiles, type GenCase } from './case.js';
import { generateCase } from './generator.js';
import { caseSeed, Rng } from './prng.js';
import { probeKey, probesOf, runNetpol, type Probe } from './probe.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function writeCase(c: GenCase): string {
  const dir = mkdtempSync(join(tmpdir(), 'netpol-diff-'));
  dirs.push(dir);
  for (const f of caseFiles(c)) writeFileSync(join(dir, f.file), f.text);
  return dir;
}

const cli = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'netpol-cli.ts'), ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

interface AnalyzeJson {
  endpoints: { id: string; kind: string; cidrs?: string[] }[];
  connections: { from: string; to: string; allowed: ProtocolPorts[] }[];
}

describe('differential: netpol CLI agrees with the in-process engine', () => {
  const cases = [0, 1, 2].map((i) => generateCase(caseSeed(99, i)));

  it.each(cases.map((c, i) => [i, c] as const))('analyze --format json, case %i: every probe', (_i, c) => {
    const r = cli(['analyze', writeCase(c), '--format', 'json', '--level', 'pod', '--external-atoms', 'uniform']);
    // Warnings (e.g. rules ignored by policyTypes) are expected; errors are not.
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as AnalyzeJson;
    const conns = new Map(j.connections.map((x) => [`${x.from}|${x.to}`, ConnectionSet.fromJSON(x.allowed)]));
    const externals = j.endpoints.filter((e) => e.kind === 'External').map((e) => ({ id: e.id, set: (e.cidrs ?? []).map((x) => IpSet.fromCidr(x)) }));
    const idOf = (p: Probe['src']): string => {
      if (p.pod) return p.id;
      const hit = externals.find((e) => e.set.some((s) => s.hasText(p.ip)));
      if (!hit) throw new Error(`no external endpoint holds ${p.ip}`);
      return hit.id;
    };
    const np = runNetpol(c);
    const wrong = probesOf(c)
      .filter((p) => p.src.id !== p.dst.id)
      .filter((p) => (conns.get(`${idOf(p.src)}|${idOf(p.dst)}`)?.has(p.protocol, p.port) ?? false) !== np.allowed(p))
      .map(probeKey);
    expect(wrong).toEqual([]);
  });

  it('can-reach exits 0 exactly when the engine allows', () => {
    const rng = new Rng(5);
    const c = cases[0] as GenCase;
    const dir = writeCase(c);
    const np = runNetpol(c);
    const probes = probesOf(c);
    for (let i = 0; i < 4; i++) {
      const p = rng.pick(probes);
      const r = cli(['can-reach', dir, '--from', p.src.id, '--to', p.dst.id, '--protocol', p.protocol, '--port', String(p.port)]);
      expect(r.status, `${probeKey(p)}: ${r.stderr}`).toBe(np.allowed(p) ? 0 : 1);
    }
  }, 300_000);
});

// netpol audit / pivot through the real CLI entry point (in process).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const MINI = fileURLToPath(new URL('./fixtures/mini.yaml', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'netpol-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = runCli;

const file = (name: string, text: string): string => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

beforeEach(() => { process.env.NO_COLOR = '1'; });
afterEach(() => { delete process.env.NO_COLOR; });

describe('netpol audit', () => {
  it('text report on stdout, exit 0 without --fail-on', async () => {
    const r = await run('audit', MINI, '--config', file('empty.yaml', ''));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('NP201 peer-matches-nothing');
    expect(r.stdout).toMatch(/findings: 0 high, \d+ medium, \d+ low\./);
    expect(r.stderr).toBe('');
  });
  it('--fail-on: exit 1 at or above, 0 below', async () => {
    expect((await run('audit', MINI, '--fail-on', 'medium')).code).toBe(1);
    expect((await run('audit', MINI, '--fail-on', 'high')).code).toBe(0);
  });
  it('--fail-on rejects an unknown level with exit 2', async () => {
    expect((await run('audit', MINI, '--fail-on', 'critical')).code).toBe(2);
  });
  it('json and sarif are parseable', async () => {
    const j = JSON.parse((await run('audit', MINI, '-f', 'json')).stdout) as { findings: { ruleId: string; file: string }[] };
    expect(j.findings.some((f) => f.ruleId === 'NP201' && f.file === MINI)).toBe(true);
    const s = JSON.parse((await run('audit', MINI, '-f', 'sarif')).stdout) as { version: string };
    expect(s.version).toBe('2.1.0');
  });
  it('.netpol.yaml disables rules, changes severities and sets failOn', async () => {
    const cfg = file('cfg.yaml', 'audit:\n  disable: [NP101, namespace-no-default-deny-egress]\n  severity: {peer-matches-nothing: high}\n  failOn: high\n');
    const r = await run('audit', MINI, '--config', cfg, '-f', 'json');
    const j = JSON.parse(r.stdout) as { findings: { ruleId: string; severity: string }[] };
    expect(j.findings.filter((f) => f.ruleId === 'NP101' || f.ruleId === 'NP102')).toEqual([]);
    expect(j.findings.find((f) => f.ruleId === 'NP201')!.severity).toBe('high');
    expect(r.code).toBe(1);
  });
  it('a bad config or a missing --config file is exit 2 with a message', async () => {
    const r = await run('audit', MINI, '--config', file('bad.yaml', 'audit:\n  disable: [NP999]\n  colour: red\n'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown rule "NP999"');
    expect(r.stderr).toContain('unknown field "colour"');
    expect((await run('audit', MINI, '--config', path.join(dir, 'missing.yaml'))).code).toBe(2);
  });
  it('the default config is .netpol.yaml in the current directory', async () => {
    const sub = path.join(dir, 'cwd');
    rmSync(sub, { recursive: true, force: true });
    (await import('node:fs')).mkdirSync(sub);
    writeFileSync(path.join(sub, '.netpol.yaml'), 'audit:\n  disable: [NP201]\n');
    const cwd = process.cwd();
    try {
      process.chdir(sub);
      expect((await run('audit', MINI)).stdout).not.toContain('NP201');
    } finally {
      process.chdir(cwd);
    }
  });
  it('bad input is exit 2, nothing on stdout', async () => {
    const bad = file('bad-input.yaml', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: x}\nspec:\n  podSelector: {}\n  ingress:\n  - ports: [{port: 99999}]\n');
    const r = await run('audit', bad);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/bad-input\.yaml:\d+/);
  });
});

describe('netpol pivot', () => {
  it('paths from a workload to the database', async () => {
    const r = await run('pivot', MINI, '--from', 'shop/web[Deployment]', '--to-label', 'app=postgres');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('shop/web[Deployment] --(TCP 5432)--> data/postgres[StatefulSet]');
  });
  it('--rank lists every workload, json parses', async () => {
    const r = await run('pivot', MINI, '--rank', '--hops', '2', '-f', 'json');
    const j = JSON.parse(r.stdout) as { rank: { id: string }[] };
    expect(j.rank.map((x) => x.id).sort()).toEqual(['data/postgres[StatefulSet]', 'shop/api[Deployment]', 'shop/web[Deployment]']);
  });
  it('--rank as text and dot', async () => {
    const t = await run('pivot', MINI, '--rank');
    expect(t.stdout).toMatch(/^ +1 +shop\/(api|web)\[Deployment\]/m);
    expect((await run('pivot', MINI, '--rank', '-f', 'dot')).stdout.startsWith('digraph blast_radius {')).toBe(true);
  });
  it('dot output', async () => {
    const r = await run('pivot', MINI, '--from', 'shop/web[Deployment]', '-f', 'dot');
    expect(r.stdout.startsWith('digraph pivot {')).toBe(true);
  });
  it('usage errors are exit 2', async () => {
    expect((await run('pivot', MINI)).code).toBe(2);
    expect((await run('pivot', MINI, '--from', 'shop/nope')).code).toBe(2);
    expect((await run('pivot', MINI, '--from', 'shop/web[Deployment]', '--hops', '0')).code).toBe(2);
    expect((await run('pivot', MINI, '--from', 'shop/web[Deployment]', '--to-label', 'app=nope')).code).toBe(2);
  });
});

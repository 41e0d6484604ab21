// `netpol validate` end to end, in process (and once through a real process, for stdin).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadFromPaths } from '../../src/cli/load.js';
import { runCli } from '../helpers/run-cli.js';
import { MAX_FILE_BYTES } from '../../src/cli/read-inputs.js';
import { CliExit } from '../../src/cli/errors.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DEMO = path.join(ROOT, 'examples/demo');
let tmp = '';

const run = runCli;

const write = (name: string, text: string | Uint8Array): string => {
  const p = path.join(tmp, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  return p;
};

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-validate-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('netpol validate', () => {
  it('the demo is valid and summarised', async () => {
    const r = await run('validate', DEMO);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('valid: 6 file(s): 3 namespaces, 6 pods, 3 workloads, 2 services, 4 policies; 0 error(s), 0 warning(s)\n');
  });

  it('--format json gives problems and counts', async () => {
    const bad = write('json/np.yaml', 'kind: NetworkPolicy\nmetadata: {name: a}\nspec:\n  podSelector: {}\n  ingress: [{from: [{}]}]\n');
    const r = await run('validate', '--format', 'json', bad);
    expect(r.code).toBe(2);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ valid: false, errors: 1, warnings: 0, summary: { files: 1, policies: 0, namespaces: 0 } });
    expect(j.problems[0]).toMatchObject({
      code: 'required-value',
      severity: 'error',
      path: 'spec.ingress[0].from[0]',
      message: 'Required value: must specify a peer',
      source: { file: bad, line: 5, column: 21 },
    });
  });

  it('errors: one line per problem with file:line:col, exit 2, no stack trace', async () => {
    const bad = write('bad/db.yaml', 'kind: NetworkPolicy\nmetadata: {name: db}\nspec:\n  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock: {cidr: 10.0.0.0/16, except: [10.1.0.0/8]}\n');
    const r = await run('validate', bad);
    expect(r.code).toBe(2);
    expect(r.stdout.split('\n')).toContain(`${bad}:7:45: spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: "10.1.0.0/8": must be a strict subset of \`cidr\``);
    expect(r.stdout).toContain('invalid: 1 file(s)');
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
  });

  it('warnings alone pass; --strict makes them fatal', async () => {
    const w = write('warn/np.yaml', 'kind: NetworkPolicy\nmetadata: {name: a}\nspec: {podSelector: {}}\npolicyTypes: [Egress]\n');
    const ok = await run('validate', w);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`${w}:4:1: warning: policyTypes: unknown field "policyTypes"; did you mean spec.policyTypes?`);
    expect((await run('validate', '--strict', w)).code).toBe(2);
  });

  it('unreadable paths, binary and oversized files: clear message, exit 2', async () => {
    const missing = path.join(tmp, 'nope.yaml');
    const r1 = await run('validate', missing);
    expect(r1.code).toBe(2);
    expect(r1.stdout).toContain(`${missing}:1:1: cannot read: no such file or directory`);
    const bin = write('bin/x.yaml', new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]));
    expect((await run('validate', bin)).stdout).toContain('file looks binary');
    const latin1 = write('bin/y.yaml', new Uint8Array([0x6b, 0x3a, 0x20, 0xe9, 0xff]));
    expect((await run('validate', latin1)).stdout).toContain('not UTF-8 text');
    const utf16 = write('bin/utf16.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('kind: Pod\nmetadata: {name: w}\n', 'utf16le')]));
    expect((await run('validate', utf16)).stdout).toContain('valid: 1 file(s): 1 namespace (1 implicit), 1 pod,');
    const big = path.join(tmp, 'big/huge.yaml');
    fs.mkdirSync(path.dirname(big), { recursive: true });
    fs.writeFileSync(big, '');
    fs.truncateSync(big, MAX_FILE_BYTES + 1); // sparse: no 64 MiB written
    const r2 = await run('validate', big);
    expect(r2.code).toBe(2);
    expect(r2.stdout).toContain(`the limit is ${MAX_FILE_BYTES} (64 MiB)`);
  });

  it('directories are read recursively (.yaml, .yml, .json only); --namespace fills missing namespaces', async () => {
    write('tree/a/pod.yml', 'kind: Pod\nmetadata: {name: a}\n');
    write('tree/b/c/pods.json', JSON.stringify({ kind: 'PodList', items: [{ metadata: { name: 'b', namespace: 'other' } }] }));
    write('tree/notes.txt', 'not: [yaml');
    write('tree/route.yaml', 'kind: Route\nmetadata: {name: r}\n');
    const r = await run('validate', '--namespace', 'team', '-v', path.join(tmp, 'tree'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('valid: 3 file(s): 2 namespaces (2 implicit), 2 pods');
    expect(r.stderr).toContain('skipped 1 Route object(s)');
    const loaded = await loadFromPaths([path.join(tmp, 'tree')], { namespace: 'team' });
    expect(loaded.cluster.pods.map((p) => `${p.namespace}/${p.name}`)).toEqual(['team/a', 'other/b']);
  });

  it('a directory without manifests is a warning, not an error', async () => {
    fs.mkdirSync(path.join(tmp, 'nothing/deeper'), { recursive: true });
    write('nothing/readme.md', '# no manifests');
    const r = await run('validate', path.join(tmp, 'nothing'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('warning: no .yaml, .yml or .json file in this directory');
  });

  it('colour only when asked for by the terminal, and never with NO_COLOR', async () => {
    const env = { NO_COLOR: process.env.NO_COLOR, FORCE_COLOR: process.env.FORCE_COLOR };
    try {
      delete process.env.NO_COLOR;
      process.env.FORCE_COLOR = '1';
      expect((await run('validate', DEMO)).stdout).toContain('\x1b[32mvalid\x1b[0m');
      process.env.NO_COLOR = '1';
      expect((await run('validate', DEMO)).stdout).not.toContain('\x1b[');
      delete process.env.FORCE_COLOR;
      delete process.env.NO_COLOR;
      expect((await run('validate', DEMO)).stdout).not.toContain('\x1b['); // not a TTY under test
    } finally {
      for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    }
  });

  it('empty files are fine', async () => {
    expect((await run('validate', write('empty/e.yaml', ''))).code).toBe(0);
  });

  it('loadFromPaths throws CliExit(2) on errors, after printing them to stderr', async () => {
    const bad = write('lf/x.yaml', 'kind: Pod\nmetadata: {name: a}\n  bad: indent\n');
    const e = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await expect(loadFromPaths([bad])).rejects.toMatchObject({ code: 2 });
      await expect(loadFromPaths([bad])).rejects.toBeInstanceOf(CliExit);
      expect(e.mock.calls.map((c) => String(c[0])).join('')).toContain(`${bad}:`);
    } finally {
      e.mockRestore();
    }
  });

  it('usage errors exit 2; --help exits 0', async () => {
    expect((await run('validate')).code).toBe(2);
    expect((await run('validate', '--format', 'xml', DEMO)).code).toBe(2);
    const h = await run('validate', '--help');
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('--namespace');
  });

  it('reads stdin for "-" (a real process)', () => {
    const code = "import('./src/cli/main.ts').then(async (m) => { process.exitCode = await m.main(); })";
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', code, 'netpol', 'validate', '-'], {
      cwd: ROOT,
      input: 'kind: Pod\nmetadata: {name: from-stdin, labels: {"a b": c}}\n',
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^<stdin>:2:\d+: metadata\.labels: Invalid value: "a b": name part must consist/);
  });
});

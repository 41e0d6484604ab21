// `netpol analyze` and `netpol diff` end to end: exit codes, filters, stdout/stderr discipline.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../conformance/np-guard-run.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-analyze-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
};

const PODS = `
apiVersion: v1
kind: Pod
metadata: {name: a, namespace: x, labels: {app: a}}
status: {podIP: 10.0.1.1}
---
apiVersion: v1
kind: Pod
metadata: {name: b, namespace: x, labels: {app: b}}
status: {podIP: 10.0.1.2}
---
apiVersion: v1
kind: Pod
metadata: {name: c, namespace: w, labels: {app: c}}
`;
const POLICY = (ports: string) => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: b-in, namespace: x}
spec:
  podSelector: {matchLabels: {app: b}}
  ingress:
  - from: [{podSelector: {matchLabels: {app: a}}}]
    ports: [${ports}]
`;
const pods = write('pods.yaml', PODS);
const v1 = write('v1.yaml', POLICY('{port: 80}'));
const v2 = write('v2.yaml', POLICY('{port: 80}, {port: 443}'));

describe('netpol analyze', () => {
  it('prints connections on stdout only, exit 0; level defaults to pod without workloads', async () => {
    const r = await runCli(['analyze', pods, v1]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('x/a => x/b : TCP 80\n');
    expect(r.stdout).not.toContain('w/c => x/b');
    expect(r.stdout).not.toContain('from \\ to'); // no matrix when stdout is not a terminal
    expect(r.stderr).toBe('');
  });

  it('--matrix adds the matrix; --level workload names [Pod]', async () => {
    const r = await runCli(['analyze', pods, v1, '--matrix', '--level', 'workload']);
    expect(r.stdout).toContain('x/a[Pod] => x/b[Pod] : TCP 80');
    expect(r.stdout).toContain('from \\ to');
  });

  it('filters: --focus, --namespace, --protocol, --port', async () => {
    const focus = await runCli(['analyze', pods, v1, '--focus', 'w/c']);
    expect(focus.stdout.trim().split('\n').every((l) => l.includes('w/c'))).toBe(true);
    const ns = await runCli(['analyze', pods, v1, '--namespace', 'w']);
    expect(ns.stdout.trim().split('\n').every((l) => l.includes('w/c'))).toBe(true);
    const port = await runCli(['analyze', pods, v1, '--port', '80', '--protocol', 'tcp', '--focus', 'x/b']);
    expect(port.stdout).toContain('x/a => x/b : TCP 80');
    const udp = await runCli(['analyze', pods, v1, '--port', '80', '--protocol', 'UDP', '--focus', 'x/b']);
    expect(udp.stdout).not.toContain('x/a => x/b');
  });

  it('summary: counts without a listing; with --focus also the listed connections', async () => {
    const plain = await runCli(['analyze', pods, v1, '--format', 'summary']);
    expect(plain.stdout).toContain('pods: 3 (isolated: 1 for ingress, 0 for egress)');
    expect(plain.stdout).toContain('allowed pod pairs: 5 of 6');
    expect(plain.stdout).not.toContain('connections listed');
    const focus = await runCli(['analyze', pods, v1, '--format', 'summary', '--focus', 'x/b']);
    expect(focus.stdout).toMatch(/connections listed: \d+ \(/);
    expect((await runCli(['analyze', pods, v1, '--format', 'summary', '--focus', 'x/none'])).code).toBe(2);
  });

  it('usage errors exit 2 with a message and no output', async () => {
    for (const args of [['--port', '0'], ['--port', 'http'], ['--protocol', 'ICMP'], ['--focus', 'nope/nothing'], ['--format', 'xml'], ['--level', 'node']]) {
      const r = await runCli(['analyze', pods, v1, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).not.toBe('');
    }
  });

  it('bad input exits 2 with file:line on stderr', async () => {
    const bad = write('bad.yaml', POLICY('{port: 80, endPort: 10}'));
    const r = await runCli(['analyze', pods, bad]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('bad.yaml:');
    expect((await runCli(['analyze', path.join(dir, 'missing.yaml')])).code).toBe(2);
  });
});

describe('netpol diff', () => {
  it('shows changes; --exit-code gives 1 when something changed, 0 otherwise', async () => {
    const r = await runCli(['diff', `${pods},${v1}`, `${pods},${v2}`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('~ x/a => x/b : TCP 80 -> TCP 80,443');
    expect((await runCli(['diff', `${pods},${v1}`, `${pods},${v2}`, '--exit-code'])).code).toBe(1);
    const same = await runCli(['diff', `${pods},${v1}`, `${pods},${v1}`, '--exit-code']);
    expect(same.code).toBe(0);
    expect(same.stdout).toBe('no differences\n');
  });

  it('json format and bad input', async () => {
    const r = await runCli(['diff', `${pods},${v1}`, `${pods},${v2}`, '--format', 'json']);
    const j = JSON.parse(r.stdout);
    expect(j.connections.changed).toEqual([
      { from: 'x/a', to: 'x/b', before: [{ protocol: 'TCP', ports: [[80, 80]] }], after: [{ protocol: 'TCP', ports: [[80, 80], [443, 443]] }] },
    ]);
    expect((await runCli(['diff', pods, path.join(dir, 'missing.yaml')])).code).toBe(2);
  });
});

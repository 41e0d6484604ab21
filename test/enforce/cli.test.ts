// netpol compile / enforce / lab through the real CLI entry point (in process). The root parts run
// in namespaces this file creates (unique names) and removes by exact name.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { forgetApplied, loadedTable } from '../../src/enforce/apply.js';
import { run as exec } from '../../src/enforce/exec.js';
import { labCapability, uniquePrefix } from './lab-helpers.js';

const cap = await labCapability();
if (!cap.ok) console.warn(`[netpol] SKIPPING root CLI tests of enforce/lab: ${cap.why} (CI runs them as root)`);
const DEMO = path.join(import.meta.dirname, '../../examples/demo');
const dir = mkdtempSync(path.join(tmpdir(), 'netpol-enforce-'));
const netns = uniquePrefix('c');
let netnsMade = false;
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (netnsMade) await exec('ip', ['netns', 'del', netns]);
  await forgetApplied(netns);
});

const run = runCli;
const file = (name: string, text: string): string => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};
beforeEach(() => {
  process.env.NO_COLOR = '1';
});
afterEach(() => {
  delete process.env.NO_COLOR;
});

const PODS = `
apiVersion: v1
kind: Pod
metadata: {name: a, namespace: x, labels: {app: a}}
spec: {nodeName: n1, containers: [{name: c, ports: [{containerPort: 80, name: http}]}]}
status: {podIP: 10.7.0.1}
---
apiVersion: v1
kind: Pod
metadata: {name: b, namespace: x, labels: {app: b}}
spec: {nodeName: n2, containers: [{name: c, ports: [{containerPort: 80, name: http}, {containerPort: 53, protocol: UDP}]}]}
status: {podIP: 10.7.0.2}
`;
const policy = (from: string) => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: to-b, namespace: x}
spec:
  podSelector: {matchLabels: {app: b}}
  ingress: [{from: [{podSelector: {matchLabels: {app: ${from}}}}], ports: [{port: http}]}]
`;

describe('netpol compile', () => {
  it('prints the ruleset for a node; JSON is a libnftables document', async () => {
    const f = file('a.yaml', PODS + '---' + policy('a'));
    const r = await run('compile', f, '--node', 'n2');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('10.7.0.2 : jump ingress/x/to-b');
    // Named port: resolved on the destination pod, through a daddr . proto . port set.
    expect(r.stdout).toContain('ip saddr @peers/ingress/x/to-b/0.v4 ip daddr . meta l4proto . th dport @named/ingress/x/to-b/0.v4 accept comment "x/to-b spec.ingress[0] named ports"');
    expect(r.stdout).toMatch(/set named\/ingress\/x\/to-b\/0\.v4 \{[^}]*10\.7\.0\.2 \. tcp \. 80/);
    const j = await run('compile', f, '--pods', 'x/b', '--format', 'json');
    expect(j.code).toBe(0);
    const doc = JSON.parse(j.stdout) as { nftables: Record<string, unknown>[] };
    expect(doc.nftables[1]).toEqual({ add: { table: { family: 'inet', name: 'netpol' } } });
    expect(doc.nftables[2]).toEqual({ delete: { table: { family: 'inet', name: 'netpol' } } });
  });
  it('usage and input errors exit 2 with a message, no stack', async () => {
    const f = file('b.yaml', PODS);
    expect((await run('compile', f)).stderr).toMatch(/exactly one of --node NODE or --pods/);
    expect((await run('compile', f, '--pods', 'x/zzz')).code).toBe(2);
    const bad = await run('compile', file('bad.yaml', 'kind: NetworkPolicy\napiVersion: networking.k8s.io/v1\nmetadata: {name: p}\nspec: {podSelector: {}, ingress: [{ports: [{port: 0}]}]}\n'), '--node', 'n1');
    expect(bad.code).toBe(2);
    expect(bad.stderr).not.toMatch(/at .*\.ts:\d+/);
    const warn = await run('compile', f, '--node', 'nope');
    expect(warn.code).toBe(0);
    expect(warn.stderr).toMatch(/no pod has spec.nodeName "nope" \(nodes in the input: n1, n2\)/);
  });
  it('compiles the demo', async () => {
    const r = await run('compile', DEMO, '--node', 'node-2');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('chain policy/backend/test-network-policy/ingress {');
  });
});

describe.skipIf(!cap.ok)('netpol enforce (in a scratch network namespace)', () => {
  it('applies, shows no change on --dry-run, re-applies on --watch, keeps the last good on bad input', async () => {
    await exec('ip', ['netns', 'add', netns]);
    netnsMade = true;
    const f = file('w.yaml', PODS + '---' + policy('a'));
    expect((await run('enforce', f, '--node', 'n2', '--netns', 'no-such-netns-' + netns)).code).toBe(2);
    const r = await run('enforce', f, '--node', 'n2', '--netns', netns);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('1 pod(s) enforced');
    expect(await loadedTable(netns)).toContain('10.7.0.1');
    const d = await run('enforce', f, '--node', 'n2', '--netns', netns, '--dry-run');
    expect(d.stdout).toContain('no change');
    writeFileSync(f, PODS + '---' + policy('b'));
    const d2 = await run('enforce', f, '--node', 'n2', '--netns', netns, '--dry-run');
    expect(d2.stdout).toMatch(/-     10\.7\.0\.1\n\+     10\.7\.0\.2/);
    expect(await loadedTable(netns)).toContain('10.7.0.1'); // dry run changed nothing

    const watching = run('enforce', f, '--node', 'n2', '--netns', netns, '--watch');
    const until = async (pred: (t: string) => boolean) => {
      for (let i = 0; i < 200; i++) {
        if (pred((await loadedTable(netns)) ?? '')) return true;
        await new Promise((res) => setTimeout(res, 100));
      }
      return false;
    };
    const stopWith = async (what: string) => {
      process.emit('SIGINT');
      const w = await watching;
      return `${what}; table:\n${await loadedTable(netns)}\nstderr:\n${w.stderr}`;
    };
    if (!(await until((t) => t.includes('10.7.0.2') && !t.includes('10.7.0.1')))) throw new Error(await stopWith('initial --watch apply not seen'));
    writeFileSync(f, PODS + '---' + policy('a'));
    if (!(await until((t) => t.includes('10.7.0.1')))) throw new Error(await stopWith('re-apply after edit not seen'));
    writeFileSync(f, PODS + '---\nkind: NetworkPolicy\napiVersion: networking.k8s.io/v1\nmetadata: {name: p, namespace: x}\nspec: {podSelector: {}, ingress: [{ports: [{port: 0}]}]}\n');
    await new Promise((res) => setTimeout(res, 3000));
    expect(await loadedTable(netns)).toContain('10.7.0.1');
    process.emit('SIGINT');
    const w = await watching;
    expect(w.code).toBe(0);
    expect(w.stderr).toContain('keeping the last good ruleset');
  }, 60_000);
});

describe.skipIf(!cap.ok)('netpol lab up / probe / down', () => {
  it('builds, probes (observed = engine, policy changed between probes), and removes everything', async () => {
    const name = uniquePrefix('l');
    const f = file('lab.yaml', PODS + '---' + policy('a'));
    try {
      const up = await run('lab', 'up', f, '--name', name);
      expect(up.code, up.stderr).toBe(0);
      expect(up.stdout).toContain(`lab ${name} is up: 2 nodes, 2 pods`);
      const p = await run('lab', 'probe', f, '--name', name, '--ports', 'tcp/80,udp/53', '--timeout', '2000');
      expect(p.code, p.stdout + p.stderr).toBe(0);
      expect(p.stdout).toContain('TCP/80: observed = engine');
      expect(p.stdout).toMatch(/0 x\/a +- +\. \| +- +\./);
      writeFileSync(f, PODS + '---' + policy('b'));
      const p2 = await run('lab', 'probe', f, '--name', name, '--ports', 'tcp/80', '--timeout', '2000');
      expect(p2.code).toBe(0);
      expect(p2.stdout).toMatch(/0 x\/a +- +X \| +- +X/);
      expect((await run('lab', 'probe', f, '--name', name, '--ports', 'icmp/1')).code).toBe(2);
    } finally {
      const down = await run('lab', 'down', '--name', name);
      expect(down.stdout).toContain('removed 5 network namespace(s)');
    }
    const left = await exec('ip', ['netns', 'list']);
    expect(left.stdout).not.toContain(name);
  }, 120_000);
});

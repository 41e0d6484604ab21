// The agent against a FAKE API server (test/cluster/fake-apiserver.ts): list, watch, react to
// events, keep the last good ruleset on failures, serve /healthz and /metrics. --dry-run only: no nft.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, metricsText } from '../../src/cluster/agent.js';
import { loadCluster } from '../../src/core/parse/index.js';
import { loadKubeConfig } from '../../src/cluster/kubeconfig.js';
import { serveMetrics, parseListen } from '../../src/cluster/metrics.js';
import { FakeApiServer } from './fake-apiserver.js';
import { objects, pod, policy } from './fixture.js';

async function until(what: string, ok: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const strip = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(strip) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'source').map(([k, x]) => [k, strip(x)])) : v;
const sorted = <T extends { namespace?: string; name: string }>(xs: readonly T[]) => [...xs].sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`));

const metric = (text: string, name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe('netpol agent (fake API server, dry run)', () => {
  const api = new FakeApiServer(objects);
  let dir = '';
  let kubeconfig = '';
  beforeAll(async () => {
    await api.start();
    dir = mkdtempSync(join(tmpdir(), 'netpol-agent-'));
    kubeconfig = api.writeKubeconfig(dir);
  });
  afterAll(async () => {
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies on start, re-applies on a watch event, keeps the last good ruleset when apply fails', async () => {
    const applied: string[] = [];
    let fail = false;
    const agent = new Agent(loadKubeConfig({ kubeconfig }), {
      node: 'node-a',
      intervalMs: 30,
      backoffMs: 50,
      retryMs: 50,
      apply: async (t) => {
        if (fail) throw new Error('nft said no');
        applied.push(t);
      },
    });
    const server = await serveMetrics(agent, '127.0.0.1', 0);
    const port = (server.address() as { port: number }).port;
    try {
      agent.start();
      await until('first apply', () => applied.length === 1 && agent.healthy());
      expect(applied[0]).toContain('shop/db-ingress');
      expect(applied[0]).not.toContain('shop/web-only');
      expect(agent.stats).toMatchObject({ pods: 3, policies: 2, enforcedPods: 2, applies: 1 });
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);

      api.apply(policy('shop', 'web-only', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'ops' } } }] }] }));
      await until('second apply', () => applied.length === 2);
      expect(applied[1]).toContain('shop/web-only');
      const m = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metric(m, 'netpol_agent_applies_total')).toBe(2);
      expect(metric(m, 'netpol_agent_policies')).toBe(3);
      expect(metric(m, 'netpol_agent_watch_events_total')).toBe(1);
      expect(m).toContain('# TYPE netpol_agent_apply_failures_total counter');

      // a pod on another node that no peer selects changes nothing here: no new apply
      const before = agent.stats.reconciles;
      api.apply(pod('shop', 'cache-1', { app: 'cache' }, '10.0.3.8', 'node-b', 6379));
      await until('reconcile', () => agent.stats.reconciles > before);
      expect(applied).toHaveLength(2);

      fail = true;
      api.delete('NetworkPolicy', 'shop', 'web-only');
      await until('failed apply', () => agent.stats.failures === 1);
      expect(agent.lastApplied).toBe(applied[1]);
      await until('a retry without any new event', () => agent.stats.failures === 2);
      fail = false;
      await until('the retry succeeds', () => applied.length === 3);
      expect(applied[2]).not.toContain('shop/web-only');

      // the server drops every watch: the agent re-lists and catches up
      api.closeWatches();
      api.apply(pod('shop', 'web-2', { app: 'web' }, '10.0.1.9', 'node-a'));
      await until('apply after re-list', () => applied.length === 4);
      expect(applied[3]).toContain('10.0.1.9');

      // a finished pod's IP is a new pod's now: only the running one counts
      const done = pod('shop', 'job-1', { app: 'web' }, '10.0.1.20', 'node-a');
      api.apply({ ...done, status: { ...done.status, phase: 'Succeeded' } });
      api.apply(pod('shop', 'other-1', { app: 'other' }, '10.0.1.20', 'node-a'));
      await until('apply with the reused IP', () => applied.length === 5);
      expect(applied[4]).toMatch(/10\.0\.1\.20 : jump ingress\/shop\/default-deny[,\s}]/);
      expect(agent.model().pods.some((p) => p.name === 'job-1')).toBe(false);
      api.delete('Pod', 'shop', 'job-1');
      api.delete('Pod', 'shop', 'other-1');
      await until('apply without them', () => applied.length === 6);

      // the model kept event by event equals loading everything the server holds now
      const kinds = new Set(['Namespace', 'Pod', 'NetworkPolicy']);
      const now = loadCluster(api.all().filter((o) => kinds.has(String(o.kind))).map((o, i) => ({ file: `o${i}.json`, text: JSON.stringify(o) }))).cluster;
      const model = agent.model();
      for (const k of ['namespaces', 'pods', 'policies'] as const) {
        expect(strip(sorted(model[k] as { name: string }[]))).toEqual(strip(sorted(now[k] as { name: string }[])));
      }
      expect(model.pods.map((p) => p.name).sort()).toEqual(['cache-1', 'db-1', 'prom-1', 'web-1', 'web-2']);
    } finally {
      await agent.stop();
      server.close();
    }
    expect(metricsText(agent)).toContain('netpol_agent_healthy 0');
  });

  it('accepts loopback listen addresses only', () => {
    expect(parseListen('127.0.0.1:9090')).toEqual({ host: '127.0.0.1', port: 9090 });
    expect(parseListen('[::1]:80')).toEqual({ host: '::1', port: 80 });
    expect(parseListen('0.0.0.0:9090')).toBeUndefined();
    expect(parseListen('127.0.0.1:99999')).toBeUndefined();
  });

  it('netpol agent --dry-run prints a ruleset per change and serves metrics', async () => {
    const port = await freePort();
    const entry = fileURLToPath(new URL('./cli-entry.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', entry, 'agent', '--node', 'node-a', '--dry-run', '--interval', '0.05', '--metrics', `127.0.0.1:${port}`, '--kubeconfig', kubeconfig], {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    try {
      await until('first ruleset', () => (stdout.match(/^# ruleset for node node-a/gm) ?? []).length >= 1, 30_000);
      api.apply(policy('mon', 'prom-ingress', { podSelector: {}, ingress: [{ ports: [{ port: 9090 }] }] }));
      api.apply(policy('shop', 'web-ingress', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{}] }));
      await until('ruleset with the new policy', () => stdout.includes('shop/web-ingress'), 30_000);
      const m = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metric(m, 'netpol_agent_applies_total')).toBeGreaterThanOrEqual(2);
      expect(metric(m, 'netpol_agent_apply_failures_total')).toBe(0);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stderr).toContain('netpol agent: stopped; the loaded ruleset stays');
  }, 60_000);
});

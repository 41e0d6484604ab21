// --cluster, the cluster: pseudo-path and `netpol snapshot` against a FAKE API server
// (test/cluster/fake-apiserver.ts): the official client, a generated kubeconfig, 127.0.0.1 only.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeApiServer } from './fake-apiserver.js';
import { stringify } from 'yaml';
import { objects, ownedReplicaSet, policy } from './fixture.js';
import { runCli } from './run-cli.js';

describe('live input in the CLI (fake API server)', () => {
  const api = new FakeApiServer([...objects, ownedReplicaSet]);
  let dir = '';
  let kc = '';
  beforeAll(async () => {
    await api.start();
    dir = mkdtempSync(join(tmpdir(), 'netpol-cluster-cli-'));
    kc = api.writeKubeconfig(dir);
  });
  afterAll(async () => {
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('analyze --cluster prints what analyze prints on the snapshot', async () => {
    const snap = join(dir, 'snap');
    const s = await runCli('snapshot', '--kubeconfig', kc, '--out', snap);
    expect(s.code).toBe(0);
    expect(readdirSync(snap).sort()).toEqual(['deployments.yaml', 'namespaces.yaml', 'networkpolicies.yaml', 'pods.yaml', 'services.yaml']);
    expect(readFileSync(join(snap, 'pods.yaml'), 'utf8')).not.toContain('managedFields');
    for (const format of ['text', 'json']) {
      const live = await runCli('analyze', '--cluster', '--kubeconfig', kc, '--format', format, '--no-progress');
      const offline = await runCli('analyze', snap, '--format', format, '--no-progress');
      expect(live.code).toBe(0);
      expect(live.stdout).toBe(offline.stdout);
      expect(live.stdout).toContain('shop/db-1');
    }
  });

  it('snapshot - writes one YAML stream that loads back to the same answer', async () => {
    const s = await runCli('snapshot', '--kubeconfig', kc, '--cluster-namespace', 'shop', '--out', '-');
    expect(s.code).toBe(0);
    expect(s.stdout).toContain('kind: NetworkPolicy');
    expect(s.stdout).not.toContain('prom-1');
  });

  it('can-reach, validate and audit read the cluster', async () => {
    const deny = await runCli('can-reach', '--cluster', '--kubeconfig', kc, '--from', 'mon/prom-1', '--to', 'shop/db-1', '--port', '5432');
    expect(deny.code).toBe(1);
    expect(deny.stdout).toMatch(/^DENIED mon\/prom-1 -> shop\/db-1/);
    const allow = await runCli('can-reach', '--cluster', '--kubeconfig', kc, '--from', 'shop/web-1', '--to', 'shop/db-1', '--port', '5432');
    expect(allow.code).toBe(0);
    const v = await runCli('validate', '--cluster', '--kubeconfig', kc);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^valid: /m);
    const a = await runCli('audit', '--cluster', '--kubeconfig', kc, '--format', 'json');
    expect([0, 1]).toContain(a.code);
    expect(() => JSON.parse(a.stdout)).not.toThrow();
  });

  it('takes cluster: as a PATH, beside files', async () => {
    const r = await runCli('can-reach', 'cluster:', '--kubeconfig', kc, '--from', 'shop/web-1', '--to', 'shop/db-1', '--port', '5432');
    expect(r.code).toBe(0);
  });

  it('diff cluster: against its own snapshot finds no differences; a planned policy shows', async () => {
    const snap = join(dir, 'snap-diff');
    expect((await runCli('snapshot', '--kubeconfig', kc, '--out', snap)).code).toBe(0);
    const saved = process.env.KUBECONFIG;
    process.env.KUBECONFIG = kc; // diff has no --kubeconfig: the client's default rules apply
    try {
      const same = await runCli('diff', 'cluster:', snap, '--exit-code');
      expect(same.stdout.trim()).toBe('no differences');
      expect(same.code).toBe(0);
      writeFileSync(join(dir, 'allow-prom.yaml'), stringify(policy('shop', 'db-from-mon', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'ops' } } }] }] })));
      const changed = await runCli('diff', 'cluster:', `${snap},${join(dir, 'allow-prom.yaml')}`, '--exit-code');
      expect(changed.code).toBe(1);
      expect(changed.stdout).toMatch(/^\+ mon\/prom-1\[Pod\] => shop\/db-1\[Pod\] : All Connections$/m);
    } finally {
      if (saved === undefined) delete process.env.KUBECONFIG;
      else process.env.KUBECONFIG = saved;
    }
  });

  it('a forbidden list is an error: exit 2 and snapshot writes nothing', async () => {
    api.forbidden.add('services');
    try {
      const out = join(dir, 'snap-forbidden');
      const s = await runCli('snapshot', '--kubeconfig', kc, '--out', out);
      expect(s.code).toBe(2);
      expect(s.stderr).toContain('cluster: cannot list services: GET /api/v1/services?limit=500: HTTP 403: services is forbidden');
      expect(s.stderr).toContain('nothing was written');
      expect(() => readdirSync(out)).toThrow();
      const a = await runCli('analyze', '--cluster', '--kubeconfig', kc);
      expect(a.code).toBe(2);
      expect(a.stdout).toBe('');
    } finally {
      api.forbidden.delete('services');
    }
  });

  it('exits 2 with one clear line when the cluster cannot be read', async () => {
    const r = await runCli('analyze', '--cluster', '--kubeconfig', kc, '--context', 'missing');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('context "missing" is not in the kubeconfig');
    expect(r.stdout).toBe('');
    const none = await runCli('analyze');
    expect(none.code).toBe(2);
  });
});

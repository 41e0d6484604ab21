// Live input through the official client against a FAKE API server (test/cluster/fake-apiserver.ts).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { fetchCluster, toInputFiles } from '../../src/cluster/fetch.js';
import { loadKubeConfig } from '../../src/cluster/kubeconfig.js';
import { loadCluster } from '../../src/core/parse/index.js';
import { FakeApiServer } from './fake-apiserver.js';
import { objects, ownedReplicaSet } from './fixture.js';

const inPod = existsSync('/var/run/secrets/kubernetes.io/serviceaccount/token');
if (inPod) console.warn('[netpol] SKIPPING the no-kubeconfig test: this machine has a service account token (runs in a pod)');

/** The model without source positions (they differ by design: pseudo-files vs a YAML file). */
const strip = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(strip) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'source').map(([k, x]) => [k, strip(x)])) : v;

const byId = <T extends { namespace?: string; name: string }>(xs: readonly T[]) => [...xs].sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`));

describe('fetchCluster (fake API server)', () => {
  const api = new FakeApiServer([...objects, ownedReplicaSet]);
  let dir = '';
  let kubeconfig = '';
  beforeAll(async () => {
    await api.start();
    dir = mkdtempSync(join(tmpdir(), 'netpol-cluster-'));
    kubeconfig = api.writeKubeconfig(dir);
  });
  afterAll(async () => {
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds the same model as loading the objects from YAML', async () => {
    const got = await fetchCluster(loadKubeConfig({ kubeconfig }));
    expect(got.problems).toEqual([]);
    const live = loadCluster(toInputFiles(got.lists));
    const file = loadCluster([{ file: 'snap.yaml', text: objects.map((o) => stringify(o)).join('---\n') }]);
    expect(live.problems.map((p) => p.message)).toEqual(file.problems.map((p) => p.message));
    for (const k of ['namespaces', 'pods', 'workloads', 'services', 'policies'] as const) {
      expect(strip(byId(live.cluster[k] as { name: string }[]))).toEqual(strip(byId(file.cluster[k] as { name: string }[])));
    }
    expect(live.cluster.pods.map((p) => p.name).sort()).toEqual(['api', 'db-1', 'prom-1', 'web-1']);
    expect(live.cluster.policies).toHaveLength(2);
    // positions point at the pseudo-file of the object
    expect(live.cluster.policies.map((p) => p.source?.file).sort()).toEqual(['cluster:networkpolicies/shop/db-ingress', 'cluster:networkpolicies/shop/default-deny']);
  });

  it('sends the kubeconfig token and reads every page', async () => {
    const kc = loadKubeConfig({ kubeconfig });
    const { listAll } = await import('../../src/cluster/fetch.js');
    const { PODS } = await import('../../src/cluster/resources.js');
    const before = api.requests.length;
    const l = await listAll(kc, PODS);
    expect(l.items).toHaveLength(3);
    expect(l.items.every((i) => i.kind === 'Pod' && i.apiVersion === 'v1' && !('managedFields' in (i.metadata ?? {})))).toBe(true);
    expect(api.requests.slice(before).every((r) => r.startsWith('/api/v1/pods?limit='))).toBe(true);
  });

  it('reads one namespace only when asked', async () => {
    const got = await fetchCluster(loadKubeConfig({ kubeconfig }), { namespace: 'mon' });
    const live = loadCluster(toInputFiles(got.lists));
    expect(live.cluster.pods.map((p) => p.name)).toEqual(['prom-1']);
    expect(live.cluster.namespaces.find((n) => n.name === 'mon')?.labels.team).toBe('ops');
  });

  it.skipIf(inPod)('says what is missing when there is no kubeconfig at all', () => {
    const saved = { HOME: process.env.HOME, KUBECONFIG: process.env.KUBECONFIG };
    process.env.HOME = dir; // a fresh directory: no .kube/config
    delete process.env.KUBECONFIG;
    try {
      expect(() => loadKubeConfig()).toThrow(/none found: give --kubeconfig FILE, set KUBECONFIG/);
    } finally {
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    }
  });

  it('reports an unknown context and an unreachable server as errors', async () => {
    expect(() => loadKubeConfig({ kubeconfig, context: 'nope' })).toThrow(/context "nope"/);
    const kc = loadKubeConfig({ kubeconfig });
    kc.clusters[0] = { ...kc.clusters[0]!, server: 'http://127.0.0.1:1' };
    const got = await fetchCluster(kc);
    expect(got.lists).toEqual([]);
    expect(got.problems).toHaveLength(1);
    expect(got.problems[0]).toMatchObject({ severity: 'error', code: 'cluster-unreachable' });
    expect(got.problems[0]!.message).toMatch(/cannot reach the API server http:\/\/127.0.0.1:1: .*ECONNREFUSED/);
  });
});

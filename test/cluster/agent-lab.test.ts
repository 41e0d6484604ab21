// The agent on real packets: a lab (network namespaces, src/enforce/lab) holds the fixture's pods;
// the agent watches the FAKE API server (test/cluster/fake-apiserver.ts) and applies node-a's
// ruleset in node-a's lab namespace. A policy added through the watch opens a denied connection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from '../../src/cluster/agent.js';
import { loadKubeConfig } from '../../src/cluster/kubeconfig.js';
import { loadCluster } from '../../src/core/parse/index.js';
import { applyRuleset, forgetApplied, loadedTable } from '../../src/enforce/apply.js';
import { agentRequest } from '../../src/enforce/lab/agent-client.js';
import { agentSocket, labUp, type LabState } from '../../src/enforce/lab/lab.js';
import { labCapability, track, uniquePrefix, untrack } from '../enforce/lab-helpers.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeApiServer } from './fake-apiserver.js';
import { objects, policy } from './fixture.js';

const cap = await labCapability();
if (!cap.ok) console.warn(`[netpol] SKIPPING agent lab test: ${cap.why} (CI runs it as root)`);

async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!cap.ok)('netpol agent enforcing in a lab node', () => {
  // pods, namespaces and policies only: the lab runs pods, not workload templates
  const seed = objects.filter((o) => ['Namespace', 'Pod', 'NetworkPolicy'].includes(String(o.kind)));
  const api = new FakeApiServer(seed);
  const prefix = uniquePrefix('ag');
  let state: LabState;
  let dir = '';
  let kubeconfig = '';
  beforeAll(async () => {
    await api.start();
    dir = mkdtempSync(join(tmpdir(), 'netpol-agent-lab-'));
    kubeconfig = api.writeKubeconfig(dir);
    const { cluster } = loadCluster(seed.map((o, i) => ({ file: `seed-${i}.json`, text: JSON.stringify(o) })));
    track(prefix);
    state = (await labUp(cluster, { prefix })).state;
  }, 120_000);
  afterAll(async () => {
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
    if (state) for (const n of state.nodes) await forgetApplied(n);
    await untrack(prefix);
  }, 60_000);

  it('opens mon/prom-1 -> shop/db-1:5432 once a policy allowing it arrives by watch', async () => {
    const pod = (id: string) => state.pods.find((p) => p.id === id)!;
    const nodeA = state.nodes[pod('shop/db-1').node]!;
    const probe = async () => (await agentRequest(agentSocket(state.dir, pod('mon/prom-1')), [{ op: 'probe', ip: '10.0.1.6', port: 5432, protocol: 'TCP', timeoutMs: 2000 }], 10_000))[0]; // generous: the CI machine is shared
    let applies = 0;
    const agent = new Agent(loadKubeConfig({ kubeconfig }), {
      node: 'node-a',
      intervalMs: 50,
      apply: async (t) => {
        await applyRuleset(t, { netns: nodeA });
        applies++;
      },
    });
    agent.start();
    try {
      await until('first apply', () => applies === 1);
      expect(await loadedTable(nodeA)).toContain('shop/db-ingress');
      expect(await probe()).toBe('timeout');
      api.apply(policy('shop', 'db-from-ops', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'ops' } } }], ports: [{ port: 5432 }] }] }));
      await until('second apply', () => applies === 2);
      expect(await probe()).not.toBe('timeout');
      api.delete('NetworkPolicy', 'shop', 'db-from-ops');
      await until('third apply', () => applies === 3);
      expect(await probe()).toBe('timeout');
    } finally {
      await agent.stop();
    }
  }, 120_000);
});

// The applier on a real kernel, in lab namespaces only: atomic replacement under traffic, the last
// good ruleset kept when a load fails, and --dry-run diffs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster, NetworkPolicy, Pod } from '../../src/core/model/types.js';
import { applyRuleset, dryRun, loadedTable } from '../../src/enforce/apply.js';
import { compileRuleset } from '../../src/enforce/compile.js';
import { renderNft } from '../../src/enforce/render-nft.js';
import { agentRequest } from '../../src/enforce/lab/agent-client.js';
import { agentSocket, applyLabPolicies, labUp, type LabState } from '../../src/enforce/lab/lab.js';
import { labCapability, track, uniquePrefix, untrack } from './lab-helpers.js';

const cap = await labCapability();
if (!cap.ok) console.warn(`[netpol] SKIPPING applier tests: ${cap.why} (CI runs them as root)`);

const pod = (name: string, ip: string, node: string, app: string): Pod => ({
  namespace: 'x', name, labels: { app }, ips: [ip], ports: [{ containerPort: 80, protocol: 'TCP' }], hostNetwork: false, fromTemplate: false, nodeName: node,
});
const denyToB: NetworkPolicy = {
  namespace: 'x', name: 'deny-b', podSelector: { matchLabels: { app: 'b' }, matchExpressions: [] }, policyTypes: ['Ingress'], ingress: [], egress: [],
};
const allowC: NetworkPolicy = {
  namespace: 'x', name: 'allow-c', podSelector: { matchLabels: { app: 'b' }, matchExpressions: [] }, policyTypes: ['Ingress'],
  ingress: [{ peers: [{ podSelector: { matchLabels: { app: 'c' }, matchExpressions: [] } }], ports: [{ protocol: 'TCP', port: 80 }] }], egress: [],
};
const base: Cluster = {
  namespaces: [{ name: 'x', labels: { 'kubernetes.io/metadata.name': 'x' }, implicit: false }],
  pods: [pod('a', '10.9.0.1', 'n1', 'a'), pod('b', '10.9.0.2', 'n2', 'b'), pod('c', '10.9.0.3', 'n1', 'c')],
  workloads: [], services: [], policies: [denyToB],
};

const prefix = uniquePrefix('a');
let state: LabState;
const nodeOfB = () => state.nodes[state.pods.find((p) => p.id === 'x/b')!.node]!;
const probeAtoB = async (timeoutMs: number) =>
  (await agentRequest(agentSocket(state.dir, state.pods[0]!), [{ op: 'probe', ip: '10.9.0.2', port: 80, protocol: 'TCP', timeoutMs }], timeoutMs + 5000))[0];

describe.skipIf(!cap.ok)('applier (nft -f, one transaction)', () => {
  beforeAll(async () => {
    track(prefix);
    state = (await labUp(base, { prefix, nodes: 2 })).state;
  }, 120_000);
  afterAll(() => untrack(prefix), 60_000);

  it('never lets a denied connection through while the table is replaced again and again', async () => {
    expect(await probeAtoB(500)).toBe('timeout');
    let applying = true;
    const results: string[] = [];
    const prober = async () => {
      while (applying) results.push((await probeAtoB(80))!);
    };
    const probers = Array.from({ length: 6 }, prober);
    for (let i = 0; i < 25; i++) await applyLabPolicies(state, base);
    applying = false;
    await Promise.all(probers);
    expect(results.length).toBeGreaterThan(20);
    expect(results.filter((r) => r !== 'timeout')).toEqual([]);
  }, 120_000);

  it('a rejected load keeps the last good ruleset (traffic stays denied) and reports the error', async () => {
    const before = await loadedTable(nodeOfB());
    const broken = 'table inet netpol\ndelete table inet netpol\ntable inet netpol {\n\tchain forward {\n\t\tip saddr @missing-set drop\n\t}\n}\n';
    await expect(applyRuleset(broken, { netns: nodeOfB() })).rejects.toThrow(/nft rejected the ruleset/);
    expect(await loadedTable(nodeOfB())).toBe(before);
    expect(await probeAtoB(500)).toBe('timeout');
  }, 60_000);

  it('--dry-run shows the change per set/chain, and nothing once it is loaded', async () => {
    const next: Cluster = { ...base, policies: [denyToB, allowC] };
    const text = renderNft(compileRuleset(next, { pods: ['x/b'] }).ruleset);
    const d = await dryRun(text, nodeOfB());
    expect(d.base).toBe('netpol');
    expect(d.diff).toContain('+ set peers/ingress/x/allow-c/0.v4');
    expect(d.diff).toContain('+     10.9.0.3');
    expect(d.diff).toContain('+ chain ingress/x/deny-b_allow-c');
    expect(d.diff).toContain('- chain ingress/x/deny-b');
    expect(d.diff).toMatch(/\+ chain policy\/x\/allow-c\/ingress\n\+ {5}ip saddr @peers\/ingress\/x\/allow-c\/0\.v4 meta l4proto tcp th dport 80 accept/);
    await applyRuleset(text, { netns: nodeOfB() });
    expect((await dryRun(text, nodeOfB())).changed).toBe(false);
    // The update is live: c may now reach b, a still may not.
    const c = state.pods.find((p) => p.id === 'x/c')!;
    const [fromC] = await agentRequest(agentSocket(state.dir, c), [{ op: 'probe', ip: '10.9.0.2', port: 80, protocol: 'TCP', timeoutMs: 3000 }], 8000);
    expect(fromC).toBe('connected');
    expect(await probeAtoB(500)).toBe('timeout');
  }, 60_000);
});

// The lab: node namespaces joined by a bridge in a fabric namespace, one namespace per pod with a
// veth into its node, routed (/32 routes, proxy ARP). Each node enforces its own compiled ruleset
// in its forward hook, so pod-to-pod traffic across nodes meets the source node's egress rules and
// the destination node's ingress rules. Everything is created inside namespaces named
// `<prefix>-...`; nothing touches the root namespace's interfaces or ruleset.
import { spawn } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Cluster } from '../../core/model/types.js';
import { compileRuleset } from '../compile.js';
import { renderNft } from '../render-nft.js';
import { run, runOk } from '../exec.js';
import { applyRuleset, forgetApplied } from '../apply.js';
import { AGENT_SOURCE } from './agent-source.js';
import { nodeFabricIp, planLab, type LabPlan, type LabPod } from './plan.js';

export const LAB_DIR = process.env.NETPOL_LAB_DIR ?? '/run/netpol-lab';

export interface LabState {
  readonly prefix: string;
  readonly fabric: string;
  readonly nodes: readonly string[];
  readonly pods: readonly LabPod[];
  readonly agents: Record<string, number>;
  readonly dir: string;
}

const stateFile = (prefix: string) => join(LAB_DIR, prefix, 'state.json');
export const agentSocket = (dir: string, pod: LabPod) => join(dir, `${pod.hostIf}.sock`);

/** Runs tasks with bounded parallelism (2 shared cores: many `ip` processes at once only thrash). */
export async function pool<T>(items: readonly T[], limit: number, f: (t: T) => Promise<void>): Promise<void> {
  let i = 0;
  const worker = async () => {
    while (i < items.length) await f(items[i++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

const ipn = (ns: string, ...args: string[]) => runOk('ip', ['-n', ns, ...args]);
const sysctl = (ns: string, kv: string) => runOk('ip', ['netns', 'exec', ns, 'sysctl', '-qw', kv]);

export async function readState(prefix: string): Promise<LabState | undefined> {
  try {
    return JSON.parse(await readFile(stateFile(prefix), 'utf8')) as LabState;
  } catch {
    return undefined;
  }
}

/** Builds the lab; on any failure removes what it made and rethrows. */
export async function labUp(cluster: Cluster, opts: { prefix: string; nodes?: number; log?: (s: string) => void }): Promise<{ plan: LabPlan; state: LabState }> {
  const plan = planLab(cluster, opts);
  const dir = join(LAB_DIR, plan.prefix);
  await mkdir(dir, { recursive: true });
  const agents: Record<string, number> = {};
  const state: LabState = { prefix: plan.prefix, fabric: plan.fabric, nodes: plan.nodes, pods: plan.pods, agents, dir };
  // Record names before creating anything, so `down` finds them even after a crash half-way.
  await writeFile(stateFile(plan.prefix), JSON.stringify(state));
  try {
    await runOk('ip', ['netns', 'add', plan.fabric]);
    await ipn(plan.fabric, 'link', 'add', 'br0', 'type', 'bridge');
    await ipn(plan.fabric, 'link', 'set', 'br0', 'up');
    await pool(plan.nodes, 4, async (node) => {
      const i = plan.nodes.indexOf(node);
      await runOk('ip', ['netns', 'add', node]);
      await ipn(plan.fabric, 'link', 'add', `n${i}`, 'type', 'veth', 'peer', 'name', 'fab0', 'netns', node);
      await ipn(plan.fabric, 'link', 'set', `n${i}`, 'master', 'br0', 'up');
      await ipn(node, 'addr', 'add', `${nodeFabricIp(i)}/24`, 'dev', 'fab0');
      await ipn(node, 'link', 'set', 'fab0', 'up');
      await ipn(node, 'link', 'set', 'lo', 'up');
      await sysctl(node, 'net.ipv4.ip_forward=1');
      await sysctl(node, 'net.ipv4.conf.all.rp_filter=0');
    });
    await pool(plan.pods, 6, async (pod) => {
      const node = plan.nodes[pod.node]!;
      await runOk('ip', ['netns', 'add', pod.netns]);
      await ipn(node, 'link', 'add', pod.hostIf, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', pod.netns);
      await ipn(node, 'link', 'set', pod.hostIf, 'up');
      await sysctl(node, `net.ipv4.conf.${pod.hostIf}.proxy_arp=1`);
      await ipn(node, 'route', 'add', `${pod.ip}/32`, 'dev', pod.hostIf);
      await ipn(pod.netns, 'link', 'set', 'lo', 'up');
      await ipn(pod.netns, 'addr', 'add', `${pod.ip}/32`, 'dev', 'eth0');
      await ipn(pod.netns, 'link', 'set', 'eth0', 'up');
      await ipn(pod.netns, 'route', 'add', 'default', 'dev', 'eth0');
    });
    // Routes to pods of other nodes via their fabric address.
    await pool(plan.nodes, 4, async (node) => {
      const i = plan.nodes.indexOf(node);
      for (const pod of plan.pods) {
        if (pod.node !== i) await ipn(node, 'route', 'add', `${pod.ip}/32`, 'via', nodeFabricIp(pod.node), 'dev', 'fab0');
      }
    });
    await applyLabPolicies(state, plan.cluster);
    await startAgents(state, plan.pods);
    await writeFile(stateFile(plan.prefix), JSON.stringify(state));
    return { plan, state };
  } catch (e) {
    await labDown(plan.prefix).catch(() => undefined);
    throw e;
  }
}

/** Compiles and atomically applies each node's ruleset in its namespace. Returns the texts. */
export async function applyLabPolicies(state: LabState, cluster: Cluster): Promise<string[]> {
  const byId = new Map(state.pods.map((p) => [p.id, p]));
  const texts = state.nodes.map((node, i) => {
    const pods = cluster.pods.filter((p) => byId.get(`${p.namespace}/${p.name}`)?.node === i);
    // Lab IPs win over manifests (assigned when missing).
    const labCluster: Cluster = {
      ...cluster,
      pods: cluster.pods.map((p) => {
        const lp = byId.get(`${p.namespace}/${p.name}`);
        return lp ? { ...p, ips: p.ips.includes(lp.ip) ? p.ips : [lp.ip, ...p.ips] } : p;
      }),
    };
    return renderNft(compileRuleset(labCluster, { pods: pods.map((p) => `${p.namespace}/${p.name}`) }).ruleset);
  });
  await Promise.all(state.nodes.map((node, i) => applyRuleset(texts[i]!, { netns: node })));
  return texts;
}

async function startAgents(state: LabState, pods: readonly LabPod[]): Promise<void> {
  const file = join(state.dir, 'agent.cjs');
  await writeFile(file, AGENT_SOURCE);
  for (const pod of pods) {
    const cfg = JSON.stringify({ id: pod.id, ports: pod.ports, socket: agentSocket(state.dir, pod) });
    const child = spawn('ip', ['netns', 'exec', pod.netns, process.execPath, file, cfg], { detached: true, stdio: 'ignore' });
    child.unref();
    if (child.pid !== undefined) state.agents[pod.id] = child.pid;
  }
  // Agents are ready when their control socket answers.
  const deadline = Date.now() + 30_000;
  const { agentRequest } = await import('./agent-client.js');
  await Promise.all(
    pods.map(async (pod) => {
      for (;;) {
        try {
          await agentRequest(agentSocket(state.dir, pod), [{ op: 'ping' }], 2000);
          return;
        } catch (e) {
          if (Date.now() > deadline) throw new Error(`lab agent of ${pod.id} did not start: ${String(e)}`);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    }),
  );
}

/** Removes everything of the lab `prefix`, by exact name: agents (recorded pids), namespaces, state. */
export async function labDown(prefix: string): Promise<string[]> {
  const removed: string[] = [];
  const state = await readState(prefix);
  const names = new Set<string>();
  if (state) {
    for (const pid of Object.values(state.agents)) {
      try {
        process.kill(-pid, 'SIGTERM'); // the agent's process group (spawned detached)
      } catch {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
    }
    names.add(state.fabric);
    state.nodes.forEach((n) => names.add(n));
    state.pods.forEach((p) => names.add(p.netns));
  }
  // Also namespaces of this prefix that a crash left unrecorded (exact lab name shapes only).
  const listed = await run('ip', ['netns', 'list']);
  const shape = new RegExp(`^${prefix.replace(/[^a-z0-9-]/g, '')}-(fab|n\\d+|p\\d+)$`);
  for (const line of listed.stdout.split('\n')) {
    const name = line.split(' ')[0] ?? '';
    if (shape.test(name)) names.add(name);
  }
  await pool([...names], 6, async (name) => {
    const r = await run('ip', ['netns', 'del', name]);
    if (r.code === 0) removed.push(name);
    await forgetApplied(name);
  });
  await rm(join(LAB_DIR, prefix), { recursive: true, force: true });
  return removed.sort();
}

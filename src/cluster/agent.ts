// The in-cluster agent: watches namespaces, pods and policies, keeps the object store current event
// by event, and after each burst of changes recompiles this node's ruleset (src/enforce) and applies
// it in one nft transaction. A failed compile or apply keeps the last good ruleset loaded.
import type { KubeConfig } from '@kubernetes/client-node';
import { loadCluster, type InputFile } from '../core/parse/index.js';
import { compileRuleset } from '../enforce/compile.js';
import { renderNft } from '../enforce/render-nft.js';
import type { IpBlockScope } from '../core/engine/types.js';
import { pseudoFile, type ApiObject } from './fetch.js';
import { Reflector, type ReflectorEvent } from './reflector.js';
import { AGENT_RESOURCES, type Resource } from './resources.js';

export interface AgentOptions {
  readonly node: string;
  /** Coalesce changes for this long before recompiling (ms). */
  readonly intervalMs: number;
  readonly ipBlockScope?: IpBlockScope;
  /** Loads a rendered ruleset (applyRuleset, or printing for --dry-run). Throws on failure. */
  readonly apply: (text: string) => Promise<void>;
  readonly log?: (line: string) => void;
  readonly backoffMs?: number;
}

export interface AgentStats {
  applies: number;
  failures: number;
  lastApplySeconds: number;
  lastSuccessUnix: number;
  pods: number;
  policies: number;
  enforcedPods: number;
  events: number;
  reconciles: number;
}

const key = (o: ApiObject) => `${String(o.metadata?.namespace ?? '')}/${String(o.metadata?.name ?? '')}`;

export class Agent {
  private readonly reflectors: Reflector[] = [];
  /** Per resource: object key → its loader input (serialized once, when it changes). */
  private readonly store = new Map<Resource, Map<string, InputFile>>();
  private readonly synced = new Set<Resource>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private dirty = false;
  /** The ruleset loaded last (kept when a later compile or apply fails). */
  lastApplied: string | undefined;
  readonly stats: AgentStats = { applies: 0, failures: 0, lastApplySeconds: 0, lastSuccessUnix: 0, pods: 0, policies: 0, enforcedPods: 0, events: 0, reconciles: 0 };

  constructor(private readonly kc: KubeConfig, private readonly opts: AgentOptions) {
    for (const r of AGENT_RESOURCES) this.store.set(r, new Map());
  }

  start(): void {
    for (const res of AGENT_RESOURCES) {
      const r = new Reflector(this.kc, res, (e) => this.onEvent(res, e), {
        ...(this.opts.backoffMs !== undefined ? { backoffMs: this.opts.backoffMs } : {}),
        onError: (m) => this.opts.log?.(`netpol agent: ${m}`),
      });
      this.reflectors.push(r);
      r.start();
    }
  }

  async stop(): Promise<void> {
    for (const r of this.reflectors) r.stop();
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Healthy: every resource listed once and watched now, and the last attempt did not fail. */
  healthy(): boolean {
    return this.synced.size === AGENT_RESOURCES.length && this.reflectors.every((r) => r.watching);
  }

  private onEvent(res: Resource, e: ReflectorEvent): void {
    const m = this.store.get(res)!;
    const input = (o: ApiObject): InputFile => ({ file: pseudoFile(res, o), text: JSON.stringify(o, null, 2) });
    if (e.type === 'sync') {
      m.clear();
      for (const o of e.items) m.set(key(o), input(o));
      this.synced.add(res);
    } else {
      this.stats.events++;
      if (e.type === 'put') m.set(key(e.item), input(e.item));
      else m.delete(key(e.item));
    }
    this.schedule();
  }

  private schedule(): void {
    // no ruleset before every kind is listed: a partial picture would drop allowed traffic
    if (this.synced.size < AGENT_RESOURCES.length) return;
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = (this.running ?? Promise.resolve()).then(() => this.reconcile());
    }, this.opts.intervalMs);
  }

  /** Rebuilds the model from the store, compiles the node's ruleset and applies it when it changed. */
  async reconcile(): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    this.stats.reconciles++;
    const t0 = performance.now();
    try {
      const files = AGENT_RESOURCES.flatMap((r) => [...this.store.get(r)!.values()]);
      const { cluster, problems } = loadCluster(files);
      // invalid objects are left out by the loader, as the API server would have refused them
      for (const p of problems.filter((x) => x.severity === 'error')) this.opts.log?.(`netpol agent: ${p.source?.file ?? ''}: ${p.message}`);
      this.stats.pods = cluster.pods.length;
      this.stats.policies = cluster.policies.length;
      const res = compileRuleset(cluster, { node: this.opts.node, ...(this.opts.ipBlockScope ? { ipBlockScope: this.opts.ipBlockScope } : {}) });
      const text = renderNft(res.ruleset);
      if (text === this.lastApplied) return;
      await this.opts.apply(text);
      this.lastApplied = text;
      this.stats.applies++;
      this.stats.enforcedPods = res.pods.length;
      this.stats.lastSuccessUnix = Date.now() / 1000;
      this.opts.log?.(`netpol agent: applied ruleset for node ${this.opts.node}: ${res.pods.length} pod(s) enforced, ${cluster.policies.length} policies`);
    } catch (e) {
      this.stats.failures++;
      this.opts.log?.(`netpol agent: apply failed, the last good ruleset stays: ${(e as Error).message}`);
    } finally {
      this.stats.lastApplySeconds = (performance.now() - t0) / 1000;
    }
  }
}

/** Prometheus text exposition (version 0.0.4) of the agent's state. */
export function metricsText(a: Agent): string {
  const s = a.stats;
  const m = (name: string, type: 'counter' | 'gauge', help: string, v: number) => `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${name} ${v}\n`;
  return [
    m('netpol_agent_applies_total', 'counter', 'Rulesets applied (changed rulesets only).', s.applies),
    m('netpol_agent_apply_failures_total', 'counter', 'Compiles or applies that failed (the last good ruleset stayed).', s.failures),
    m('netpol_agent_last_apply_duration_seconds', 'gauge', 'Duration of the last reconcile (model, compile, apply).', s.lastApplySeconds),
    m('netpol_agent_last_success_timestamp_seconds', 'gauge', 'Unix time of the last successful apply.', s.lastSuccessUnix),
    m('netpol_agent_pods', 'gauge', 'Pods in the model.', s.pods),
    m('netpol_agent_policies', 'gauge', 'NetworkPolicies in the model.', s.policies),
    m('netpol_agent_enforced_pods', 'gauge', 'Pods of this node the ruleset enforces.', s.enforcedPods),
    m('netpol_agent_watch_events_total', 'counter', 'Watch events received.', s.events),
    m('netpol_agent_healthy', 'gauge', '1 when every watch is open.', a.healthy() ? 1 : 0),
  ].join('');
}

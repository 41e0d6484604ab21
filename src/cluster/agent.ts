// The in-cluster agent: watches namespaces, pods and policies, keeps the model current event by event
// (each object converted by the loader when it changes), and after each burst of changes recompiles
// this node's ruleset (src/enforce) and applies it in one nft transaction. A failed compile or apply
// keeps the last good ruleset loaded.
import type { KubeConfig } from '@kubernetes/client-node';
import type { Cluster, Namespace, NetworkPolicy, Pod } from '../core/model/types.js';
import { loadCluster, NS_NAME_LABEL } from '../core/parse/index.js';
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
  /** After a failed compile or apply, try again this much later even without a change (ms, default 5000). */
  readonly retryMs?: number;
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

/** One object, converted by the loader when its event arrives (undefined: invalid, left out). */
type Entry = Namespace | Pod | NetworkPolicy | undefined;

const byKey = <T>(m: Map<string, T>): T[] => [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((e) => e[1]);

export class Agent {
  private readonly reflectors: Reflector[] = [];
  /** Per resource: object key → its model object, converted once, when it changes. */
  private readonly store = new Map<Resource, Map<string, Entry>>();
  private readonly synced = new Set<Resource>();
  private timer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private dirty = false;
  private stopped = false;
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
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.stopped = true;
    await this.running;
  }

  /** Healthy: every resource listed once and its watch open now (apply failures show in metrics). */
  healthy(): boolean {
    return this.synced.size === AGENT_RESOURCES.length && this.reflectors.every((r) => r.watching);
  }

  /** The loader's defaulting and validation, one object at a time (the API server keeps names unique). */
  private convert(res: Resource, o: ApiObject): Entry {
    const file = pseudoFile(res, o);
    const { cluster, problems } = loadCluster([{ file, text: JSON.stringify(o, null, 2) }]);
    const errors = problems.filter((p) => p.severity === 'error');
    // an invalid object is left out, as the loader leaves it out of a file
    for (const p of errors) this.opts.log?.(`netpol agent: ${file}: ${p.path ? `${p.path}: ` : ''}${p.message}`);
    if (errors.length > 0) return undefined;
    return res.kind === 'Namespace' ? cluster.namespaces.find((n) => !n.implicit) : res.kind === 'Pod' ? cluster.pods[0] : cluster.policies[0];
  }

  /** The current model: what loadCluster would build from every stored object, minus finished pods. */
  model(): Cluster {
    const [nsRes, podRes, polRes] = AGENT_RESOURCES as [Resource, Resource, Resource];
    const defined = (x: Entry): boolean => x !== undefined;
    const namespaces = byKey(this.store.get(nsRes)!).filter(defined) as Namespace[];
    // A pod in a terminal phase no longer runs and its IP may already be a new pod's (the kubelet
    // released it): enforcing for it would misattribute that address.
    const pods = (byKey(this.store.get(podRes)!).filter(defined) as Pod[]).filter((p) => p.phase !== 'Succeeded' && p.phase !== 'Failed');
    const policies = byKey(this.store.get(polRes)!).filter(defined) as NetworkPolicy[];
    // a namespace referenced before its own event arrives exists with only its name label (as the loader does)
    const known = new Set(namespaces.map((n) => n.name));
    for (const ns of [...pods, ...policies].map((x) => x.namespace)) {
      if (known.has(ns)) continue;
      known.add(ns);
      namespaces.push({ name: ns, labels: { [NS_NAME_LABEL]: ns }, implicit: true });
    }
    return { namespaces, pods, workloads: [], services: [], policies };
  }

  private onEvent(res: Resource, e: ReflectorEvent): void {
    const m = this.store.get(res)!;
    const input = (o: ApiObject): Entry => this.convert(res, o);
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
      const cluster = this.model();
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
      const retry = this.opts.retryMs ?? 5000;
      this.opts.log?.(`netpol agent: apply failed, the last good ruleset stays; retrying in ${retry} ms: ${(e as Error).message}`);
      // a transient failure (nft busy, a kernel hiccup) must not leave stale rules until the next change
      if (this.retryTimer) clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined;
        if (!this.stopped) this.schedule();
      }, retry);
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

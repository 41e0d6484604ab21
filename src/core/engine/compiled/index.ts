// The compiled engine: same answers as the reference evaluator (test/engine-compiled), computed per
// pod equivalence class with selectors evaluated once. verdict() (reasons) delegates to the reference
// evaluator; allowed(), isolation() and the bulk pair analysis use the compiled state.
import type { Cluster, Labels, NetworkPolicy, Pod } from '../../model/types.js';
import { ConnectionSet } from '../../sets/connection-set.js';
import { parseIp } from '../../sets/ip-set.js';
import { rulePortSet } from '../ports.js';
import { createReferenceEngine, isSelf } from '../reference.js';
import type { Endpoint, Engine, EngineOptions, PodIsolation, PodPair, Traffic, Verdict } from '../types.js';
import type { PodClass } from './classes.js';
import { PairAnalysis, type ClassRow, type PairSummary } from './pairs.js';
import { hasSorted, State, type CRule } from './state.js';
import { applyChange, type EngineChange } from './update.js';

export type { ClassRow, PairSummary, EngineChange, PodPair };
export { summarize } from './summary.js';


export class CompiledEngine implements Engine {
  readonly options: Required<EngineOptions>;
  /** @internal */ state: State;
  /** @internal */ pairs: PairAnalysis;
  private ref: Engine | undefined;

  constructor(cluster: Cluster, opts: EngineOptions = {}) {
    this.options = { ipBlockScope: opts.ipBlockScope ?? 'all' };
    this.state = new State(cluster, this.options.ipBlockScope);
    this.pairs = new PairAnalysis(this.state);
    this.reindexPods();
  }

  get cluster(): Cluster {
    return this.state.cluster;
  }

  /** @internal */ reindexPods(): void {
    this.ref = undefined;
  }

  /** @internal */ dropReference(): void {
    this.ref = undefined;
  }

  /** @internal */ indexPod(): void {
    this.ref = undefined;
  }

  private reference(): Engine {
    return (this.ref ??= createReferenceEngine(this.state.cluster, this.options));
  }

  /** A pod of this cluster (by identity) → its class; unknown pods fall back to the reference. */
  private cls(p: Pod): PodClass | undefined {
    const c = this.state.table.byPod.get(p);
    return c === undefined ? undefined : this.state.classes[c];
  }

  verdict(t: Traffic): Verdict {
    return this.reference().verdict(t);
  }

  isolation(pod: Pod): PodIsolation {
    const c = this.cls(pod);
    if (!c) return this.reference().isolation(pod);
    if (c.hostNetwork) return { ingress: [], egress: [] };
    const pols = this.selectingIds(c);
    return {
      ingress: pols.filter((p) => this.state.policies[p]!.ingress).map((p) => this.state.policies[p]!.pid).sort(),
      egress: pols.filter((p) => this.state.policies[p]!.egress).map((p) => this.state.policies[p]!.pid).sort(),
    };
  }

  selectingPolicies(pod: Pod): readonly NetworkPolicy[] {
    const c = this.cls(pod);
    if (!c) return this.reference().selectingPolicies(pod);
    return this.selectingIds(c)
      .map((p) => this.state.policies[p]!)
      .sort((a, b) => (a.pid < b.pid ? -1 : a.pid > b.pid ? 1 : 0))
      .map((p) => p.policy);
  }

  private selectingIds(c: PodClass): number[] {
    return this.state.selecting[c.id]!;
  }

  allowed(src: Endpoint, dst: Endpoint): ConnectionSet {
    if (isSelf(src, dst)) return ConnectionSet.ALL;
    const sc = src.kind === 'pod' ? this.cls(src.pod) : undefined;
    const dc = dst.kind === 'pod' ? this.cls(dst.pod) : undefined;
    if ((src.kind === 'pod' && !sc) || (dst.kind === 'pod' && !dc)) return this.reference().allowed(src, dst);
    const eg = this.side('Egress', sc, dst, dc, dst);
    if (eg.isEmpty()) return eg;
    return eg.intersect(this.side('Ingress', dc, src, sc, dst));
  }

  /** Bulk form used by analysis (src/core/analysis/connectivity.ts `allowedMany`). */
  allowedMany(srcs: readonly Endpoint[], dsts: readonly Endpoint[]): ConnectionSet[][] {
    return srcs.map((s) => dsts.map((d) => this.allowed(s, d)));
  }

  /** Union of the ports of matching rules of the subject's isolating policies; ALL when not isolated. */
  private side(dir: 'Ingress' | 'Egress', subject: PodClass | undefined, other: Endpoint, oc: PodClass | undefined, dst: Endpoint): ConnectionSet {
    if (!subject || subject.hostNetwork) return ConnectionSet.ALL;
    let isolated = false;
    let out = ConnectionSet.NONE;
    let ip: ReturnType<typeof parseIp> | undefined;
    for (const p of this.state.selecting[subject.id]!) {
      const cp = this.state.policies[p]!;
      const rules = dir === 'Ingress' ? cp.ingress : cp.egress;
      if (!rules) continue;
      isolated = true;
      for (const r of rules) {
        let hit = r.all;
        if (!hit && oc) hit = hasSorted(r.members, oc.id);
        else if (!hit && other.kind === 'ip') {
          ip ??= parseIp(other.ip);
          hit = ip !== undefined && r.ipSets.some((s) => s.has(ip!));
        }
        if (hit) out = out.union(this.ports(r, dst));
      }
    }
    return isolated ? out : ConnectionSet.ALL;
  }

  private ports(r: CRule, dst: Endpoint): ConnectionSet {
    const key = dst.kind === 'pod' ? this.cls(dst.pod)!.portGroup : -1;
    let cs = r.portCache.get(key);
    if (!cs) r.portCache.set(key, (cs = rulePortSet(r.rule.ports, dst)));
    return cs;
  }

  /** Counts only (endpoints, allowed pod pairs, isolated pods per direction); incremental after update(). */
  summary(): PairSummary {
    return this.pairs.summary();
  }

  /** The compressed form: per destination class, the source classes and their allowed sets. */
  classRows(): Iterable<ClassRow> {
    return this.pairs.rows();
  }

  /** The pods of a class (ClassRow ids). */
  classPods(id: number): readonly Pod[] {
    return this.state.classes[id]?.pods ?? [];
  }

  /** Every ordered pair of distinct pods with a non-empty allowed set, streamed from classRows(). */
  *podConnectivity(): Iterable<PodPair> {
    for (const row of this.classRows()) {
      const dsts = this.classPods(row.dst);
      for (let i = 0; i < row.sources.length; i++) {
        const conns = row.conns[i]!;
        for (const src of this.classPods(row.sources[i]!)) for (const dst of dsts) if (src !== dst) yield { src, dst, conns };
      }
    }
  }

  /** Applies one change in place (the engine and its `cluster` move forward; old answers are gone). */
  update(change: EngineChange): this {
    applyChange(this, change);
    return this;
  }
}

export function createCompiledEngine(cluster: Cluster, opts: EngineOptions = {}): CompiledEngine {
  return new CompiledEngine(cluster, opts);
}

export type { Labels };

// Large clusters: listing every allowed pod pair is out of the question (10,000 pods can mean
// millions of pairs), so the worker aggregates the compiled engine's compressed form (per
// destination class, the source classes and their allowed sets) into links between display units:
// a folded namespace, or one endpoint of an expanded namespace.
import type { CompiledEngine } from '../../core/engine/compiled/index.js';
import type { Endpoint, Engine } from '../../core/engine/types.js';
import type { Cluster, Pod } from '../../core/model/types.js';
import { externalAtoms } from '../../core/analysis/atoms.js';
import { clusterEndpoints, compareAtoms, defaultLevel, externalEndpoint } from '../../core/analysis/endpoints.js';
import { ConnectionSet } from '../../core/sets/connection-set.js';
import { formatIp } from '../../core/sets/ip-set.js';
import type { AnalysisEndpoint, ExternalEndpoint, Level } from '../../core/analysis/types.js';
import type { ViewConnection, ViewLink } from './protocol.js';

export const EXTERNAL_GROUP = '(external)';

/**
 * External links cost two engine queries per (pod class, block); above this many pairs they are
 * computed only once the user expands the external group (10,000 pods: ~2,000 classes × blocks).
 */
const EXTERNAL_BUDGET = 100_000;

export class LinkAggregator {
  private readonly epOfPod = new Map<Pod, AnalysisEndpoint>();
  /** True when the last links() call left out the external blocks (see EXTERNAL_BUDGET). */
  externalSkipped = false;

  constructor(
    private readonly engine: CompiledEngine,
    private readonly endpoints: readonly AnalysisEndpoint[],
  ) {
    for (const e of endpoints) if (e.type === 'cluster') for (const p of e.pods) this.epOfPod.set(p, e);
  }

  private unitOf(e: AnalysisEndpoint, expanded: ReadonlySet<string>): string {
    const g = e.type === 'external' ? EXTERNAL_GROUP : e.namespace;
    return expanded.has(g) ? `ep:${e.id}` : `ns:${g}`;
  }

  /** Links between display units; `expanded` lists the groups shown endpoint by endpoint. */
  links(expanded: ReadonlySet<string>): ViewLink[] {
    // Units by number and link keys as u * n + v: millions of class pairs stay cheap.
    const unitIds = new Map<string, number>();
    const names: string[] = [];
    const unitId = (u: string): number => {
      let i = unitIds.get(u);
      if (i === undefined) {
        i = names.length;
        unitIds.set(u, i);
        names.push(u);
      }
      return i;
    };
    for (const e of this.endpoints) unitId(this.unitOf(e, expanded));
    const n = names.length;
    const acc = new Map<number, { pairs: number; allPairs: number; sets: Set<ConnectionSet> }>();
    const add = (u: number, v: number, pairs: number, conns: ConnectionSet): void => {
      if (pairs <= 0) return;
      const k = u * n + v;
      let a = acc.get(k);
      if (!a) acc.set(k, (a = { pairs: 0, allPairs: 0, sets: new Set() }));
      a.pairs += pairs;
      if (conns.isAll()) a.allPairs += pairs;
      a.sets.add(conns); // rows share their set objects: union the distinct ones at the end
    };
    // Units of each class as parallel arrays, counted once per call.
    const classUnits = new Map<number, [number[], number[]]>();
    const unitsOf = (cls: number): [number[], number[]] => {
      let m = classUnits.get(cls);
      if (!m) {
        const count = new Map<number, number>();
        for (const p of this.engine.classPods(cls)) {
          const e = this.epOfPod.get(p);
          if (e) {
            const u = unitId(this.unitOf(e, expanded));
            count.set(u, (count.get(u) ?? 0) + 1);
          }
        }
        m = [[...count.keys()], [...count.values()]];
        classUnits.set(cls, m);
      }
      return m;
    };
    for (const row of this.engine.classRows()) {
      const [dus, dcs] = unitsOf(row.dst);
      for (let i = 0; i < row.sources.length; i++) {
        const src = row.sources[i]!;
        const conns = row.conns[i]!;
        const [sus, scs] = unitsOf(src);
        for (let a = 0; a < sus.length; a++) {
          for (let b = 0; b < dus.length; b++) {
            const u = sus[a]!;
            const v = dus[b]!;
            const cu = scs[a]!;
            // A pod never counts as a pair with itself (same class, same unit: cu pods overlap).
            add(u, v, cu * dcs[b]! - (src === row.dst && u === v ? cu : 0), conns);
          }
        }
      }
    }
    const blocks = this.endpoints.filter((e) => e.type === 'external').length;
    this.externalSkipped = !expanded.has(EXTERNAL_GROUP) && blocks * classUnits.size > EXTERNAL_BUDGET;
    if (!this.externalSkipped) this.externalLinks(expanded, (u, v, k, c) => add(unitId(u), unitId(v), k, c));
    return [...acc].map(([k, a]) => {
      let conns = ConnectionSet.NONE;
      for (const c of a.sets) if (!conns.isAll()) conns = conns.union(c);
      return { from: names[Math.floor(k / n)]!, to: names[k % n]!, pairs: a.pairs, allPairs: a.allPairs, allowed: conns.toJSON(), label: conns.toString() };
    });
  }

  /** External blocks: per class (its first pod stands for all) and block, both directions. */
  private externalLinks(expanded: ReadonlySet<string>, add: (u: string, v: string, n: number, c: ConnectionSet) => void): void {
    const blocks = this.endpoints.filter((e) => e.type === 'external');
    if (blocks.length === 0) return;
    const seen = new Set<number>();
    for (const row of this.engine.classRows()) {
      for (const cls of [row.dst, ...row.sources]) {
        if (seen.has(cls)) continue;
        seen.add(cls);
        this.classExternal(cls, blocks, expanded, add);
      }
    }
  }

  private classExternal(
    cls: number,
    blocks: readonly AnalysisEndpoint[],
    expanded: ReadonlySet<string>,
    add: (u: string, v: string, n: number, c: ConnectionSet) => void,
  ): void {
    const pods = this.engine.classPods(cls);
    const rep = pods[0];
    if (!rep) return;
    const units = new Map<string, number>();
    for (const p of pods) {
      const e = this.epOfPod.get(p);
      if (e) units.set(this.unitOf(e, expanded), (units.get(this.unitOf(e, expanded)) ?? 0) + 1);
    }
    const pod: Endpoint = { kind: 'pod', pod: rep };
    for (const b of blocks) {
      if (b.type !== 'external') continue;
      const ip: Endpoint = { kind: 'ip', ip: formatIp(b.atom.family, b.atom.first) };
      const out = this.engine.allowed(pod, ip);
      const inn = this.engine.allowed(ip, pod);
      const bu = this.unitOf(b, expanded);
      for (const [u, n] of units) {
        if (!out.isEmpty()) add(u, bu, n, out);
        if (!inn.isEmpty()) add(bu, u, n, inn);
      }
    }
  }
}

/** The analysis endpoints without the pair analysis: cluster endpoints plus the external blocks. */
export function largeEndpoints(cluster: Cluster): { level: Level; endpoints: AnalysisEndpoint[] } {
  const level = defaultLevel(cluster);
  const sides = externalAtoms(cluster, 'uniform');
  const ext = new Map<string, ExternalEndpoint>();
  for (const a of [...sides.sources, ...sides.destinations]) {
    const e = externalEndpoint(a);
    if (!ext.has(e.id)) ext.set(e.id, e);
  }
  const external = [...ext.values()].sort((a, b) => compareAtoms(a.atom, b.atom));
  return { level, endpoints: [...clusterEndpoints(cluster, level), ...external] };
}

/** Who may connect to `e` and what it may open, one endpoint against all others. */
export function endpointConnections(engine: Engine, all: readonly AnalysisEndpoint[], e: AnalysisEndpoint): { ingress: ViewConnection[]; egress: ViewConnection[] } {
  const rep = (x: AnalysisEndpoint): Endpoint | undefined =>
    x.type === 'external' ? { kind: 'ip', ip: formatIp(x.atom.family, x.atom.first) } : x.pods[0] ? { kind: 'pod', pod: x.pods[0] } : undefined;
  const me = rep(e);
  const ingress: ViewConnection[] = [];
  const egress: ViewConnection[] = [];
  if (!me) return { ingress, egress };
  const view = (from: string, to: string, c: ConnectionSet): ViewConnection => ({ from, to, allowed: c.toJSON(), all: c.isAll(), label: c.toString() });
  for (const o of all) {
    if (o.id === e.id || (o.type === 'external' && e.type === 'external')) continue;
    const other = rep(o);
    if (!other) continue;
    const inn = engine.allowed(other, me);
    const out = engine.allowed(me, other);
    if (!inn.isEmpty()) ingress.push(view(o.id, e.id, inn));
    if (!out.isEmpty()) egress.push(view(e.id, o.id, out));
  }
  return { ingress, egress };
}

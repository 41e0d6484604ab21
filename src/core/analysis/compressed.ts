// Fast path for in-cluster pairs: an engine that groups pods into classes (the compiled engine)
// can list, per destination class, the source classes and their allowed sets. Every pod pair
// then costs a map update instead of an allowed() call.
import type { Engine } from '../engine/types.js';
import type { Pod } from '../model/types.js';
import type { ConnectionSet } from '../sets/connection-set.js';
import type { ClusterEndpoint } from './types.js';

interface ClassRowLike {
  readonly dst: number;
  readonly sources: ArrayLike<number>;
  readonly conns: readonly ConnectionSet[];
}

/** Optional methods of a class-based engine (src/core/engine/compiled). */
export interface ClassEngine extends Engine {
  classRows?(): Iterable<ClassRowLike>;
  classPods?(id: number): readonly Pod[];
}

/**
 * Allowed sets between in-cluster endpoints, keyed `from * n + to` by their index in `endpoints`
 * (union over member pods; a pod never with itself, an endpoint never with itself), or undefined
 * when the engine has no classes.
 */
export function clusterPairsFromClasses(engine: ClassEngine, endpoints: readonly ClusterEndpoint[]): Map<number, ConnectionSet> | undefined {
  if (!engine.classRows || !engine.classPods) return undefined;
  const n = endpoints.length;
  // by name, not object identity: the engine may hold its own copies of the pods
  const owner = new Map<string, number>();
  endpoints.forEach((e, i) => e.pods.forEach((p) => owner.set(`${p.namespace}/${p.name}`, i)));
  const epOf = (p: Pod) => owner.get(`${p.namespace}/${p.name}`);
  const out = new Map<number, ConnectionSet>();
  for (const row of engine.classRows()) {
    const dsts = engine.classPods(row.dst).map(epOf);
    for (let i = 0; i < row.sources.length; i++) {
      const conns = row.conns[i]!;
      if (conns.isEmpty()) continue;
      for (const s of engine.classPods(row.sources[i]!)) {
        const from = epOf(s);
        if (from === undefined) continue;
        for (const to of dsts) {
          // same endpoint covers the same pod: a pod is never listed with itself
          if (to === undefined || from === to) continue;
          const k = from * n + to;
          const prev = out.get(k);
          out.set(k, prev ? prev.union(conns) : conns);
        }
      }
    }
  }
  return out;
}

// The large-cluster path of the UI worker (src/web/app/worker-scale.ts) against brute force: the
// aggregated links must count exactly the allowed pairs the compiled engine lists one by one.
import { describe, expect, it } from 'vitest';
import { generate } from '../../bench/generate.js';
import { loadCluster } from '../../src/core/parse/index.js';
import { createCompiledEngine } from '../../src/core/engine/compiled/index.js';
import type { Endpoint } from '../../src/core/engine/types.js';
import { ConnectionSet } from '../../src/core/sets/connection-set.js';
import { formatIp } from '../../src/core/sets/ip-set.js';
import { EXTERNAL_GROUP, LinkAggregator, largeEndpoints } from '../../src/web/app/worker-scale.js';

const { cluster } = loadCluster(generate({ pods: 240, namespaces: 6, policies: 30, seed: 7 }).files);
const engine = createCompiledEngine(cluster);
const { endpoints } = largeEndpoints(cluster);
const epOfPod = new Map(endpoints.flatMap((e) => (e.type === 'cluster' ? e.pods.map((p) => [p, e] as const) : [])));

interface Expect {
  pairs: number;
  allPairs: number;
  conns: ConnectionSet;
}

function bruteForce(expanded: ReadonlySet<string>): Map<string, Expect> {
  const unit = (id: string, group: string) => (expanded.has(group) ? `ep:${id}` : `ns:${group}`);
  const out = new Map<string, Expect>();
  const add = (u: string, v: string, c: ConnectionSet) => {
    const k = `${u}|${v}`;
    const e = out.get(k) ?? { pairs: 0, allPairs: 0, conns: ConnectionSet.NONE };
    e.pairs++;
    if (c.isAll()) e.allPairs++;
    e.conns = e.conns.union(c);
    out.set(k, e);
  };
  for (const { src, dst, conns } of engine.podConnectivity()) {
    const a = epOfPod.get(src)!;
    const b = epOfPod.get(dst)!;
    add(unit(a.id, src.namespace), unit(b.id, dst.namespace), conns);
  }
  for (const pod of cluster.pods) {
    const e = epOfPod.get(pod)!;
    for (const x of endpoints) {
      if (x.type !== 'external') continue;
      const ip: Endpoint = { kind: 'ip', ip: formatIp(x.atom.family, x.atom.first) };
      const out2 = engine.allowed({ kind: 'pod', pod }, ip);
      const in2 = engine.allowed(ip, { kind: 'pod', pod });
      if (!out2.isEmpty()) add(unit(e.id, pod.namespace), unit(x.id, EXTERNAL_GROUP), out2);
      if (!in2.isEmpty()) add(unit(x.id, EXTERNAL_GROUP), unit(e.id, pod.namespace), in2);
    }
  }
  return out;
}

function check(expanded: Set<string>): void {
  const agg = new LinkAggregator(engine, endpoints);
  const links = agg.links(expanded);
  expect(agg.externalSkipped).toBe(false);
  const want = bruteForce(expanded);
  const got = new Map(links.map((l) => [`${l.from}|${l.to}`, l]));
  expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
  for (const [k, w] of want) {
    const g = got.get(k)!;
    expect({ k, pairs: g.pairs, allPairs: g.allPairs, allowed: g.allowed }).toEqual({ k, pairs: w.pairs, allPairs: w.allPairs, allowed: w.conns.toJSON() });
  }
}

describe('web UI at scale: aggregated links', () => {
  it('folded namespaces count exactly the allowed pod pairs', () => {
    expect(cluster.pods.length).toBeGreaterThan(200);
    check(new Set());
    const agg = new LinkAggregator(engine, endpoints);
    const podPairs = agg.links(new Set()).filter((l) => l.from !== `ns:${EXTERNAL_GROUP}` && l.to !== `ns:${EXTERNAL_GROUP}`);
    expect(podPairs.reduce((n, l) => n + l.pairs, 0)).toBe(engine.summary().allowedPairs);
  });

  it('expanded namespaces and external blocks match brute force too', () => {
    const ns = [...new Set(cluster.pods.map((p) => p.namespace))].sort();
    check(new Set([ns[0]!, EXTERNAL_GROUP]));
    check(new Set(ns.slice(1, 3)));
  });
});

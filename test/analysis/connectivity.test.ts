import { describe, expect, it } from 'vitest';
import { analyzeConnectivity } from '../../src/core/analysis/connectivity.js';
import { createCompiledEngine } from '../../src/core/engine/compiled/index.js';
import { createReferenceEngine } from '../../src/core/engine/reference.js';
import { formatJson } from '../../src/core/report/json.js';
import { formatIp } from '../../src/core/sets/ip-set.js';
import { cluster, ipb, pod, podPeer, policy, rule, tcp, udp } from './model.js';

const demo = () =>
  cluster(
    [
      pod('x', 'a', { app: 'a' }, { ips: ['10.0.1.1'] }),
      pod('x', 'b', { app: 'b' }, { ips: ['10.0.1.2'] }),
      pod('y', 'c', { app: 'c' }, { ips: ['10.0.2.1'] }),
    ],
    [
      policy('x', 'b-in', { app: 'b' }, { ingress: [rule([podPeer({ app: 'a' })], [tcp(80), tcp(8000, 8080)]), rule([ipb('192.168.0.0/16', ['192.168.1.0/24'])], [udp(53)])] }),
      policy('x', 'a-out', { app: 'a' }, { egress: [rule([podPeer({ app: 'b' })]), rule([ipb('172.17.0.0/24')], [tcp(443)])], types: ['Egress'] }),
    ],
  );

const find = (c: ReturnType<typeof analyzeConnectivity>, from: string, to: string) =>
  c.connections.find((x) => x.from === from && x.to === to)?.allowed.toString();

describe('analyzeConnectivity', () => {
  it('lists every pair with something allowed, never a pod to itself, never IP to IP', () => {
    const c = analyzeConnectivity(createReferenceEngine(demo()), { level: 'pod' });
    expect(find(c, 'x/a', 'x/b')).toBe('TCP 80,8000-8080');
    expect(find(c, 'x/a', 'y/c')).toBeUndefined(); // a's egress allows only b and 172.17.0.0/24
    expect(find(c, 'y/c', 'x/a')).toBe('All Connections');
    expect(find(c, 'x/a', '172.17.0.0-172.17.0.255')).toBe('TCP 443');
    expect(find(c, '192.168.0.0-192.168.0.255', 'x/b')).toBe('UDP 53');
    expect(find(c, '192.168.1.0-192.168.1.255', 'x/b')).toBeUndefined();
    for (const x of c.connections) {
      expect(x.from).not.toBe(x.to);
      const ext = (id: string) => c.endpoints.find((e) => e.id === id)!.type === 'external';
      expect(ext(x.from) && ext(x.to)).toBe(false);
      expect(x.allowed.isEmpty()).toBe(false);
    }
  });

  it('agrees with pairwise engine.allowed, and every block is uniform (first and last address agree)', () => {
    const engine = createReferenceEngine(demo());
    const c = analyzeConnectivity(engine, { level: 'pod' });
    const pods = engine.cluster.pods;
    for (const s of pods) {
      for (const d of pods) {
        if (s === d) continue;
        const want = engine.allowed({ kind: 'pod', pod: s }, { kind: 'pod', pod: d });
        const got = c.connections.find((x) => x.from === `${s.namespace}/${s.name}` && x.to === `${d.namespace}/${d.name}`);
        expect(got ? got.allowed.equals(want) : want.isEmpty()).toBe(true);
      }
      for (const e of c.endpoints) {
        if (e.type !== 'external') continue;
        const first = { kind: 'ip' as const, ip: formatIp(e.atom.family, e.atom.first) };
        const last = { kind: 'ip' as const, ip: formatIp(e.atom.family, e.atom.last) };
        const p = { kind: 'pod' as const, pod: s };
        expect(engine.allowed(first, p).equals(engine.allowed(last, p))).toBe(true);
        expect(engine.allowed(p, first).equals(engine.allowed(p, last))).toBe(true);
      }
    }
  });

  it('groups pods by owner at workload level and unions their allowed sets', () => {
    const base = demo();
    const owned = { ...base, pods: [...base.pods, pod('x', 'b-2', { app: 'b' }, { owner: { kind: 'ReplicaSet', name: 'b-rs' } }), pod('x', 'b-3', { app: 'b' }, { owner: { kind: 'ReplicaSet', name: 'b-rs' } }), pod('y', 'd', {}, { owner: { kind: '', name: 'd-owner' } })] };
    const c = analyzeConnectivity(createReferenceEngine(owned), { level: 'workload' });
    const ids = c.endpoints.filter((e) => e.type === 'cluster').map((e) => e.id);
    expect(ids).toEqual(['x/a[Pod]', 'x/b-rs[ReplicaSet]', 'x/b[Pod]', 'y/c[Pod]', 'y/d-owner[Pod]']);
    expect(find(c, 'x/a[Pod]', 'x/b-rs[ReplicaSet]')).toBe('TCP 80,8000-8080');
    expect(c.connections.some((x) => x.from === 'x/b-rs[ReplicaSet]' && x.to === 'x/b-rs[ReplicaSet]')).toBe(false);
  });

  it('filters by focus, namespace, protocol and port without changing the sets', () => {
    const engine = createReferenceEngine(demo());
    const all = analyzeConnectivity(engine, { level: 'pod' });
    const focus = analyzeConnectivity(engine, { level: 'pod', focus: 'x/b' });
    expect(focus.connections.length).toBeGreaterThan(0);
    expect(focus.connections.every((x) => x.from === 'x/b' || x.to === 'x/b')).toBe(true);
    expect(focus.connections.length).toBe(all.connections.filter((x) => x.from === 'x/b' || x.to === 'x/b').length);
    const byIp = analyzeConnectivity(engine, { level: 'pod', focus: '192.168.0.7' });
    expect(byIp.connections.map((x) => `${x.from}>${x.to}`)).toContain('192.168.0.0-192.168.0.255>x/b');
    const ns = analyzeConnectivity(engine, { level: 'pod', namespace: 'y' });
    expect(ns.connections.every((x) => x.from === 'y/c' || x.to === 'y/c')).toBe(true);
    const udp53 = analyzeConnectivity(engine, { level: 'pod', protocol: 'UDP', port: 53 });
    expect(udp53.connections.every((x) => x.allowed.has('UDP', 53))).toBe(true);
    expect(find(udp53, '192.168.0.0-192.168.0.255', 'x/b')).toBe('UDP 53');
    expect(find(udp53, 'x/a', 'x/b')).toBeUndefined();
    const p8080 = analyzeConnectivity(engine, { level: 'pod', port: 8080 });
    expect(find(p8080, 'x/a', 'x/b')).toBe('TCP 80,8000-8080');
  });

  it('ipblock-scope external uses analyzer atoms: IPv4 only, per side', () => {
    const c = analyzeConnectivity(createReferenceEngine(demo(), { ipBlockScope: 'external' }), { level: 'pod' });
    const ext = c.endpoints.filter((e) => e.type === 'external').map((e) => e.id);
    expect(ext.every((id) => !id.includes(':'))).toBe(true);
    expect(ext).toContain('172.17.0.0-172.17.0.255'); // egress boundary
    expect(ext).toContain('192.168.1.0-192.168.1.255'); // ingress boundary
    expect(find(c, '172.17.0.0-172.17.0.255', 'x/b')).toBeUndefined(); // not a source atom
  });

  it('reports progress up to the total', () => {
    const seen: [number, number][] = [];
    analyzeConnectivity(createReferenceEngine(demo()), { level: 'pod', onProgress: (d, t) => seen.push([d, t]) });
    expect(seen.length).toBeGreaterThan(0);
    const last = seen[seen.length - 1]!;
    expect(last[0]).toBe(last[1]);
  });

  it('uses the bulk method when the engine has one, with the same result as pairwise allowed()', () => {
    const base = demo();
    const c = { ...base, pods: [...base.pods, pod('x', 'b-2', { app: 'b' }, { owner: { kind: 'ReplicaSet', name: 'rs' } }), pod('x', 'b-3', { app: 'a' }, { owner: { kind: 'ReplicaSet', name: 'rs' } })] };
    const compiled = createCompiledEngine(c);
    let calls = 0;
    const bulk = Object.assign(Object.create(compiled) as typeof compiled, {
      allowedMany: (s: Parameters<typeof compiled.allowedMany>[0], d: Parameters<typeof compiled.allowedMany>[1]) => {
        calls++;
        return compiled.allowedMany(s, d);
      },
    });
    for (const level of ['pod', 'workload'] as const) {
      calls = 0;
      const want = formatJson(analyzeConnectivity(createReferenceEngine(c), { level }));
      expect(formatJson(analyzeConnectivity(bulk, { level }))).toBe(want);
      expect(calls).toBeGreaterThan(0);
    }
  });
});

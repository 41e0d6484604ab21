// The compiler against the engine: every packet of random clusters, evaluated through the compiled
// ruleset (test interpreter of nft semantics) at the source node and the destination node.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/core/engine/index.js';
import type { Endpoint, IpBlockScope } from '../../src/core/engine/types.js';
import type { Cluster, Pod, Protocol } from '../../src/core/model/types.js';
import { compileRuleset, nftName } from '../../src/enforce/compile.js';
import type { Ruleset } from '../../src/enforce/ruleset.js';
import { renderNft } from '../../src/enforce/render-nft.js';
import { genCluster, rng } from './gen.js';
import { hook } from './ruleset-eval.js';

const TARGETS: [Protocol, number][] = [['TCP', 80], ['TCP', 81], ['UDP', 80], ['UDP', 81], ['SCTP', 80], ['TCP', 79], ['UDP', 443]];
const EXTERNAL = ['10.1.0.200', '192.168.1.1', '10.1.1.9', 'fd00::9', '2001:db8::1'];

const family = (ip: string) => (ip.includes(':') ? 6 : 4);

/** Every disagreement between the dataplane reading of the rulesets and the engine. */
function disagreements(cluster: Cluster, scope: IpBlockScope): string[] {
  const engine = createEngine(cluster, { ipBlockScope: scope });
  const rs = new Map<string, Ruleset>();
  for (const node of ['node-1', 'node-2']) rs.set(node, compileRuleset(cluster, { node, ipBlockScope: scope }).ruleset);
  const out: string[] = [];
  const check = (src: Endpoint, dst: Endpoint, saddr: string, daddr: string) => {
    for (const [protocol, port] of TARGETS) {
      const pkt = { saddr, daddr, protocol, dport: port };
      let ok = true;
      if (src.kind === 'pod') ok = hook(rs.get(src.pod.nodeName!)!, 'forward', pkt) === 'accept';
      if (ok && dst.kind === 'pod' && !(src.kind === 'pod' && src.pod.nodeName === dst.pod.nodeName)) {
        ok = hook(rs.get(dst.pod.nodeName!)!, 'forward', pkt) === 'accept';
      }
      const want = engine.verdict({ src, dst, protocol, port }).allowed;
      if (ok !== want) out.push(`${saddr} -> ${daddr} ${protocol}/${port}: dataplane ${ok}, engine ${want}`);
    }
  };
  const pod = (p: Pod): Endpoint => ({ kind: 'pod', pod: p });
  for (const a of cluster.pods) {
    for (const b of cluster.pods) {
      if (a === b) continue;
      for (const sa of a.ips) for (const da of b.ips) if (family(sa) === family(da)) check(pod(a), pod(b), sa, da);
    }
    for (const ip of EXTERNAL) {
      for (const own of a.ips.filter((x) => family(x) === family(ip))) {
        check(pod(a), { kind: 'ip', ip }, own, ip);
        check({ kind: 'ip', ip }, pod(a), ip, own);
      }
    }
  }
  return out;
}

describe('compiler = engine on random clusters (nft semantics interpreter)', () => {
  for (const scope of ['all', 'external'] as const) {
    it(`ipBlock scope ${scope}: 120 seeded clusters, every pod pair and external address`, () => {
      for (let seed = 1; seed <= 120; seed++) {
        const cluster = genCluster(rng(seed * 7919 + (scope === 'all' ? 0 : 1)));
        const bad = disagreements(cluster, scope);
        expect(bad.slice(0, 5), `seed ${seed}: ${JSON.stringify(cluster.policies)}`).toEqual([]);
      }
    });
  }
});

describe('compiler structure', () => {
  const base = genCluster(rng(42));
  const cluster: Cluster = {
    ...base,
    pods: [
      ...base.pods,
      { namespace: 'x', name: 'host', labels: {}, ips: ['192.0.2.1'], ports: [], hostNetwork: true, fromTemplate: false, nodeName: 'node-1' },
      { namespace: 'x', name: 'pending', labels: {}, ips: [], ports: [], hostNetwork: false, fromTemplate: false, nodeName: 'node-1' },
    ],
    policies: [
      {
        namespace: 'x',
        name: 'deny-all',
        podSelector: { matchLabels: {}, matchExpressions: [] },
        policyTypes: ['Ingress'],
        ingress: [],
        egress: [],
      },
    ],
  };

  it('dispatches isolated pods by address and leaves others out (pass-through)', () => {
    const res = compileRuleset(cluster, { node: 'node-1' });
    const ing = res.ruleset.maps.find((m) => m.name === 'ingress-v4')!;
    // x/a and x/c are isolated by the same policies: one shared verdict chain, one map entry each.
    expect(ing.entries.map((e) => e.chain)).toEqual(['ingress/x/deny-all', 'ingress/x/deny-all']);
    expect(res.ruleset.maps.find((m) => m.name === 'egress-v4')!.entries).toEqual([]);
    expect(res.notes).toEqual(['x/host: hostNetwork, not enforced (node traffic)', 'x/pending: no IP yet, nothing to enforce']);
    const chain = res.ruleset.chains.find((c) => c.name === 'ingress/x/deny-all')!;
    expect(chain.rules).toEqual([
      { matches: [], jump: 'policy/x/deny-all/ingress', comment: 'x/deny-all' },
      { matches: [], verdict: 'drop', comment: 'isolated for ingress: x/a, x/c' },
    ]);
    expect(res.ruleset.chains.find((c) => c.name === 'policy/x/deny-all/ingress')!.rules).toEqual([]);
  });

  it('--pods selects pods regardless of node', () => {
    const res = compileRuleset(cluster, { pods: ['y/a', 'x/b'] });
    expect(res.pods.map((p) => `${p.namespace}/${p.name}`)).toEqual(['x/b', 'y/a']);
    expect(res.ruleset.maps.find((m) => m.name === 'ingress-v6')!.entries.map((e) => e.chain)).toEqual(['ingress/x/deny-all']);
  });

  it('names are nft identifiers and long names stay unique under the kernel limit', () => {
    expect(nftName('ingress/x/a.b-c')).toBe('ingress/x/a.b-c');
    const long1 = nftName(`ingress/${'n'.repeat(63)}/${'p'.repeat(253)}`);
    const long2 = nftName(`ingress/${'n'.repeat(63)}/${'p'.repeat(252)}q`);
    expect(long1.length).toBeLessThanOrEqual(200);
    expect(long1).not.toBe(long2);
  });

  it('computes cidr minus except as one interval set, and keeps rule comments', () => {
    const c: Cluster = {
      ...cluster,
      policies: [
        {
          namespace: 'x',
          name: 'egress-cidr',
          podSelector: { matchLabels: {}, matchExpressions: [] },
          policyTypes: ['Egress'],
          ingress: [],
          egress: [{ peers: [{ ipBlock: { cidr: '172.16.0.0/12', except: ['172.17.0.0/16'] } }], ports: [{ protocol: 'UDP', port: 53 }] }],
        },
      ],
    };
    const text = renderNft(compileRuleset(c, { node: 'node-1' }).ruleset);
    expect(text).toContain('172.16.0.0/16,\n\t\t\t172.18.0.0-172.31.255.255');
    expect(text).toContain('ip daddr @peers/egress/x/egress-cidr/0.v4 meta l4proto udp th dport 53 accept comment "x/egress-cidr spec.egress[0]"');
    expect(text).toMatch(/^table inet netpol\ndelete table inet netpol\ntable inet netpol \{/m);
  });
});

import { Ajv } from 'ajv';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeConnectivity } from '../../src/core/analysis/connectivity.js';
import type { Connectivity } from '../../src/core/analysis/types.js';
import { createEngine } from '../../src/core/engine/index.js';
import { createCompiledEngine } from '../../src/core/engine/compiled/index.js';
import { createReferenceEngine } from '../../src/core/engine/reference.js';
import { summarizeAnalysis } from '../../src/core/analysis/summary.js';
import { formatAnalysisSummary, formatConnectivity, toJson } from '../../src/core/report/index.js';
import { formatMatrix } from '../../src/core/report/text.js';
import { ConnectionSet } from '../../src/core/sets/connection-set.js';
import { PortSet } from '../../src/core/sets/port-set.js';
import { cluster, ipb, pod, podPeer, policy, rule, tcp, udp } from '../analysis/model.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'docs/schema/analyze.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true }).compile(schema);

const model = () =>
  cluster(
    [pod('x', 'a', { app: 'a' }, { ips: ['10.0.1.1'] }), pod('x', 'b', { app: 'b' }, { ips: ['10.0.1.2'] }), pod('y,z', 'c"q', { app: 'c' })],
    [policy('x', 'b-in', { app: 'b' }, { ingress: [rule([podPeer({ app: 'a' })], [tcp(8000, 8080), tcp(80), udp(53), { protocol: 'SCTP', port: 9 }]), rule([ipb('172.17.0.0/24')], [tcp(81)])] })],
  );
const result = (): Connectivity => analyzeConnectivity(createEngine(model()), { level: 'pod' });
const r = result;

describe('report formats', () => {
  it('text: netpol-analyzer lines, protocols SCTP < TCP < UDP, merged ranges, byte-order sort', () => {
    const text = formatConnectivity(result(), 'text');
    expect(text).toContain('x/a => x/b : SCTP 9,TCP 80,8000-8080,UDP 53\n');
    expect(text).toContain('172.17.0.0-172.17.0.255[External] => x/b : TCP 81\n');
    const lines = text.trim().split('\n');
    const keys = lines.map((l) => l.split(' : ')[0]!);
    expect([...keys].sort((p, q) => (p < q ? -1 : p > q ? 1 : 0))).toEqual(keys);
    expect(lines.every((l) => !l.includes('No Connections'))).toBe(true);
  });

  it('json: contract order TCP, UDP, SCTP; inclusive merged ascending ranges; schema-valid', () => {
    const j = toJson(result());
    expect(validate(j), JSON.stringify(validate.errors)).toBe(true);
    const ab = j.connections.find((c) => c.from === 'x/a' && c.to === 'x/b')!;
    expect(ab.allowed).toEqual([
      { protocol: 'TCP', ports: [[80, 80], [8000, 8080]] },
      { protocol: 'UDP', ports: [[53, 53]] },
      { protocol: 'SCTP', ports: [[9, 9]] },
    ]);
    const open = j.connections.find((c) => c.from === 'x/b' && c.to === 'x/a')!;
    expect(open.allowed).toEqual(['TCP', 'UDP', 'SCTP'].map((p) => ({ protocol: p, ports: [[1, 65535]] })));
    expect(j.endpoints.find((e) => e.id === 'x/a')).toEqual({ id: 'x/a', kind: 'Pod', namespace: 'x', name: 'a', ips: ['10.0.1.1'] });
    expect(j.endpoints.find((e) => e.id === '172.17.0.0-172.17.0.255')).toEqual({ id: '172.17.0.0-172.17.0.255', kind: 'External', cidrs: ['172.17.0.0/24'] });
    // deterministic: the same input in another order gives the same bytes
    const c2 = model();
    const shuffled = { ...c2, pods: [...c2.pods].reverse(), policies: [...c2.policies].reverse() };
    expect(JSON.stringify(toJson(analyzeConnectivity(createEngine(shuffled), { level: 'pod' })))).toBe(JSON.stringify(j));
  });

  it('schema rejects what the contract forbids', () => {
    const bad = { endpoints: [], connections: [{ from: 'a/b', to: 'a/c', allowed: [{ protocol: 'ICMP', ports: [[1, 2]] }] }] };
    expect(validate(bad)).toBe(false);
    expect(validate({ endpoints: [], connections: [{ from: 'a/b', to: 'a/c', allowed: [] }] })).toBe(false);
    expect(validate({ endpoints: [{ id: '1.2.3.4-1.2.3.4', kind: 'External' }], connections: [] })).toBe(false);
  });

  it('csv and md quote and escape; one row per connection plus a header', () => {
    const r = result();
    const csv = formatConnectivity(r, 'csv').trim().split('\n');
    expect(csv[0]).toBe('src,dst,conn');
    expect(csv.length).toBe(r.connections.length + 1);
    expect(csv).toContain('x/a,x/b,"SCTP 9,TCP 80,8000-8080,UDP 53"');
    expect(csv.some((l) => l.startsWith('"y,z/c""q",'))).toBe(true);
    const md = formatConnectivity(r, 'md').trim().split('\n');
    expect(md.slice(0, 2)).toEqual(['| src | dst | conn |', '|-----|-----|------|']);
    expect(md.length).toBe(r.connections.length + 2);
  });

  it('dot: one cluster per namespace, an edge per connection, only used external blocks', () => {
    const r = result();
    const dot = formatConnectivity(r, 'dot');
    expect(dot.match(/subgraph cluster_/g)).toHaveLength(2);
    expect(dot.match(/ -> /g)).toHaveLength(r.connections.length);
    expect(dot).toContain('"y,z/c\\"q"');
    const used = new Set(r.connections.flatMap((c) => [c.from, c.to]));
    for (const e of r.endpoints) if (e.type === 'external') expect(dot.includes(`"${e.id}" [shape=box`)).toBe(used.has(e.id));
  });

  it('summary counts agree with the connections', () => {
    const r = result();
    const s = formatConnectivity(r, 'summary');
    const ext = new Set(r.endpoints.filter((e) => e.type === 'external').map((e) => e.id));
    const fromExt = r.connections.filter((c) => ext.has(c.from)).length;
    const toExt = r.connections.filter((c) => ext.has(c.to)).length;
    expect(fromExt).toBeGreaterThan(0);
    const open = r.connections.filter((c) => c.allowed.isAll()).length;
    expect(s).toContain(`connections listed: ${r.connections.length} (${open} fully open; in cluster ${r.connections.length - fromExt - toExt}, from external ${fromExt}, to external ${toExt})`);
    expect(s).toContain(`endpoints: 3 in cluster (Pod 3), ${ext.size} external blocks`);
  });

  it('analysis summary: pod counts from the engine (compiled summary() or pairwise), listing only with filters', () => {
    const c = model();
    const ref = createReferenceEngine(c);
    const want = { pods: 3, isolatedIngress: 1, isolatedEgress: 0, allowedPodPairs: 5 }; // all 6 ordered pairs but y,z/c"q → x/b
    for (const engine of [ref, createCompiledEngine(c)]) {
      const s = summarizeAnalysis(engine, { level: 'pod' });
      expect(s).toMatchObject(want);
      expect(s.listed).toBeUndefined();
      expect(s.endpoints).toEqual({ Pod: 3 });
      expect(s.externalBlocks).toBe(r().endpoints.filter((e) => e.type === 'external').length);
    }
    const filtered = summarizeAnalysis(ref, { level: 'pod', protocol: 'UDP' });
    expect(filtered.listed?.total).toBe(analyzeConnectivity(ref, { level: 'pod', protocol: 'UDP' }).connections.length);
    const text = formatAnalysisSummary(filtered);
    expect(text).toContain('pods: 3 (isolated: 1 for ingress, 0 for egress)');
    expect(text).toContain(`allowed pod pairs: ${want.allowedPodPairs} of 6`);
    expect(text).toContain(`connections listed: ${filtered.listed!.total} (`);
  });

  it('matrix: codes with a legend, - on the diagonal, . for nothing', () => {
    const m = formatMatrix(result());
    expect(m).toContain('A = All Connections');
    expect(m).toContain('1 = SCTP 9,TCP 80,8000-8080,UDP 53');
    const row = m.split('\n').find((l) => l.includes('x/a'))!;
    expect(row.trim().split(/\s+/).slice(2)).toEqual(['-', '1', 'A']);
  });

  it('ConnectionSet strings: All Connections only when all three protocols are fully open', () => {
    const almost = ConnectionSet.ALL.subtract(ConnectionSet.of('UDP', PortSet.range(5353)));
    expect(almost.toAnalyzerString()).toBe('SCTP 1-65535,TCP 1-65535,UDP 1-5352,5354-65535');
  });
});

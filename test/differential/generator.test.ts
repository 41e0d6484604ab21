// The generator is reproducible, writes only input netpol accepts, and hits every feature the
// differential campaign is meant to cover.
import { describe, expect, it } from 'vitest';
import type { GenCase, Json } from './case.js';
import { generateCase } from './generator.js';
import { caseSeed } from './prng.js';
import { probesOf, runNetpol } from './probe.js';

const N = 200;
const cases: GenCase[] = Array.from({ length: N }, (_, i) => generateCase(caseSeed(7, i)));

function walk(x: Json, visit: (k: string, v: Json, parent: Record<string, Json>) => void): void {
  if (Array.isArray(x)) x.forEach((v) => walk(v, visit));
  else if (x !== null && typeof x === 'object') for (const [k, v] of Object.entries(x)) visit(k, v, x), walk(v, visit);
}

describe('differential generator', () => {
  it('is reproducible from the seed alone', () => {
    expect(generateCase(caseSeed(7, 3))).toEqual(cases[3]);
    expect(generateCase(caseSeed(8, 3))).not.toEqual(cases[3]);
  });

  it('stays within the sizes of the issue (2-4 namespaces, 3-12 pods, 1-8 policies)', () => {
    for (const c of cases) {
      expect(c.namespaces.length).toBeGreaterThanOrEqual(2);
      expect(c.namespaces.length).toBeLessThanOrEqual(4);
      expect(c.pods.length).toBeGreaterThanOrEqual(3);
      expect(c.pods.length).toBeLessThanOrEqual(12);
      expect(c.policies.length).toBeGreaterThanOrEqual(1);
      expect(c.policies.length).toBeLessThanOrEqual(8);
    }
  });

  it('writes only manifests that netpol loads without errors', () => {
    for (const c of cases.slice(0, 60)) expect(runNetpol(c).errors, `seed ${c.seed}`).toEqual([]);
  });

  it('hits every feature', () => {
    const seen = new Set<string>();
    for (const c of cases) {
      const podIps = new Set(c.pods.map((p) => `${p.ip}/32`));
      for (const pol of c.policies) {
        const spec = pol.spec as Record<string, Json>;
        seen.add(`policyTypes:${JSON.stringify(spec.policyTypes ?? 'missing')}`);
        for (const dir of ['ingress', 'egress']) seen.add(`${dir}:${spec[dir] === undefined ? 'missing' : (spec[dir] as Json[]).length === 0 ? 'empty' : 'rules'}`);
        walk(pol, (k, v, parent) => {
          if (k === 'operator') seen.add(`op:${String(v)}`);
          if (k === 'namespaceSelector' && parent.podSelector !== undefined) seen.add('ns+pod peer');
          if (k === 'except') for (const e of v as string[]) seen.add(podIps.has(e) ? 'except pod ip' : 'except other');
          if (k === 'cidr' && (v === '0.0.0.0/0' || v === '8.8.8.8/32')) seen.add('external cidr');
          if (k === 'port') seen.add(typeof v === 'number' ? 'numeric port' : 'named port');
          if (k === 'endPort') seen.add('endPort');
          if (k === 'protocol') seen.add(`proto:${String(v)}`);
          if ((k === 'from' || k === 'to' || k === 'ports') && Array.isArray(v) && v.length === 0) seen.add(`empty ${k}`);
        });
      }
    }
    const want = [
      'op:In', 'op:NotIn', 'op:Exists', 'op:DoesNotExist', 'ns+pod peer', 'except pod ip', 'except other', 'external cidr',
      'numeric port', 'named port', 'endPort', 'proto:TCP', 'proto:UDP', 'proto:SCTP', 'policyTypes:"missing"',
      'policyTypes:["Ingress"]', 'policyTypes:["Egress"]', 'policyTypes:["Ingress","Egress"]', 'ingress:missing', 'ingress:empty',
      'ingress:rules', 'egress:missing', 'egress:empty', 'egress:rules', 'empty from', 'empty to', 'empty ports',
    ];
    expect(want.filter((w) => !seen.has(w))).toEqual([]);
  });

  it('probes pods and external addresses, never external to external', () => {
    const probes = probesOf(cases[0] as GenCase);
    expect(probes.some((p) => !p.src.pod)).toBe(true);
    expect(probes.some((p) => !p.dst.pod)).toBe(true);
    expect(probes.every((p) => p.src.pod || p.dst.pod)).toBe(true);
  });
});

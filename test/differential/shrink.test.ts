// Shrinking reaches a minimal case for a predicate, and never grows or breaks the case.
import { describe, expect, it } from 'vitest';
import type { GenCase, Json } from './case.js';
import { generateCase } from './generator.js';
import { KNOWN_DIFFERENCES, classify } from './known-differences.js';
import { endpointsOf, type Probe } from './probe.js';
import { shrink } from './shrink.js';

const hasSctpPort = (c: GenCase): boolean => JSON.stringify(c.policies).includes('"SCTP"');

describe('shrink', () => {
  it('reduces to one policy holding one SCTP port and nothing else that can go', () => {
    let seed = 1;
    while (!hasSctpPort(generateCase(seed)) || generateCase(seed).policies.length < 3) seed++;
    const big = generateCase(seed);
    const { c } = shrink(big, hasSctpPort);
    expect(hasSctpPort(c)).toBe(true);
    expect(c.policies).toHaveLength(1);
    expect(c.pods).toHaveLength(0);
    expect(c.externals).toHaveLength(0);
    const spec = (c.policies[0] as { spec: Record<string, Json> }).spec;
    // What remains is the path down to the protocol: one rule, one port, nothing else.
    expect(JSON.stringify(spec)).toMatch(/^\{"(ingress|egress)":\[\{"ports":\[\{"protocol":"SCTP"\}\]\}\]\}$/);
  });

  it('returns the input when nothing smaller fails', () => {
    const c = generateCase(5);
    expect(shrink(c, (x) => x === c).c).toBe(c);
  });
});

describe('known differences', () => {
  const c = generateCase(11);
  const [a, b] = endpointsOf(c);
  const none = (): undefined => undefined;
  const probe = (src = a, dst = b): Probe => ({ src: src!, dst: dst!, protocol: 'TCP', port: 80 });

  it('classifies a pod talking to itself only when netpol allows and the peer denies', () => {
    expect(classify('assistant', c, { probe: probe(a, a), netpol: true, peer: false }, none)?.id).toBe('self-traffic-allowed');
    expect(classify('assistant', c, { probe: probe(a, a), netpol: false, peer: true }, none)).toBeUndefined();
    expect(classify('assistant', c, { probe: probe(a, b), netpol: true, peer: false }, none)).toBeUndefined();
  });

  it('names the upstream rule for every class', () => {
    for (const k of KNOWN_DIFFERENCES) expect(k.decidedBy.length).toBeGreaterThan(20);
  });
});

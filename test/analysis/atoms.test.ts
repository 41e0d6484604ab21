import { describe, expect, it } from 'vitest';
import { externalAtoms, uniformAtoms } from '../../src/core/analysis/atoms.js';
import { externalEndpoint } from '../../src/core/analysis/endpoints.js';
import { IpSet } from '../../src/core/sets/ip-set.js';
import { cluster, ipb, pod, policy, rule } from './model.js';

const ids = (atoms: Parameters<typeof externalEndpoint>[0][]) => atoms.map((a) => externalEndpoint(a).id);

describe('external atoms', () => {
  it('with no ipBlocks the whole space is one block per family', () => {
    expect(ids(uniformAtoms([]))).toEqual(['0.0.0.0-255.255.255.255', '::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff']);
  });

  it('cuts at cidr and except boundaries and merges pieces every block treats alike', () => {
    const sets = [IpSet.fromIpBlock('10.0.0.0/8', ['10.1.0.0/16']), IpSet.fromCidr('10.0.0.0/8')];
    expect(ids(uniformAtoms(sets, [4]))).toEqual([
      '0.0.0.0-9.255.255.255',
      '10.0.0.0-10.0.255.255',
      '10.1.0.0-10.1.255.255',
      '10.2.0.0-10.255.255.255',
      '11.0.0.0-255.255.255.255',
    ]);
    // one set alone: the two pieces around the except differ from their neighbours but not from each other
    expect(ids(uniformAtoms([IpSet.fromCidr('10.0.0.0/8'), IpSet.fromCidr('10.0.0.0/9')], [4]))).toEqual([
      '0.0.0.0-9.255.255.255',
      '10.0.0.0-10.127.255.255',
      '10.128.0.0-10.255.255.255',
      '11.0.0.0-255.255.255.255',
    ]);
  });

  it('every block is uniform: each ipBlock contains all of it or none of it', () => {
    const sets = [IpSet.fromIpBlock('10.0.0.0/8', ['10.1.0.0/16', '10.3.0.0/16']), IpSet.fromCidr('10.2.0.0/15'), IpSet.fromCidr('2001:db8::/32')];
    for (const a of uniformAtoms(sets)) {
      const block = IpSet.of(a.family, [[a.first, a.last]]);
      for (const s of sets) {
        const inter = block.intersect(s);
        expect(inter.isEmpty() || inter.equals(block)).toBe(true);
      }
    }
  });

  it('analyzer mode: IPv4 only, sources from ingress ipBlocks, destinations from egress, unmerged', () => {
    const c = cluster(
      [pod('x', 'a')],
      [
        policy('x', 'in', {}, { ingress: [rule([ipb('10.0.0.0/8', ['10.1.0.0/16']), ipb('2001:db8::/32')])] }),
        policy('x', 'out', {}, { egress: [rule([ipb('192.168.0.0/16')])] }),
      ],
    );
    const sides = externalAtoms(c, 'analyzer');
    expect(ids([...sides.sources])).toEqual([
      '0.0.0.0-9.255.255.255',
      '10.0.0.0-10.0.255.255',
      '10.1.0.0-10.1.255.255',
      '10.2.0.0-10.255.255.255',
      '11.0.0.0-255.255.255.255',
    ]);
    expect(ids([...sides.destinations])).toEqual([
      '0.0.0.0-192.167.255.255',
      '192.168.0.0-192.168.255.255',
      '192.169.0.0-255.255.255.255',
    ]);
  });

  it('extra clusters add their boundaries (diff lines blocks up)', () => {
    const a = cluster([], [policy('x', 'p', {}, { ingress: [rule([ipb('10.0.0.0/8')])] })]);
    const b = cluster([], [policy('x', 'p', {}, { ingress: [rule([ipb('10.0.0.0/16')])] })]);
    const both = externalAtoms(a, 'uniform', [b]).sources.filter((x) => x.family === 4);
    expect(ids(both)).toEqual(['0.0.0.0-9.255.255.255', '10.0.0.0-10.0.255.255', '10.1.0.0-10.255.255.255', '11.0.0.0-255.255.255.255']);
  });
});

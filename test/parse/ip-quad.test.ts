// parseIp's dotted-quad shortcut (for parse speed) must agree with the ipaddr.js path it skips.
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { parseIp } from '../../src/core/sets/ip-set.js';

describe('parseIp dotted quads', () => {
  it('equals the byte value ipaddr.js reads, and refuses what upstream refuses (property)', () => {
    const part = fc.oneof(fc.nat(300).map(String), fc.constantFrom('00', '01', '010', '', 'a', '1e1', ' 1'));
    fc.assert(
      fc.property(fc.array(part, { minLength: 3, maxLength: 5 }), (parts) => {
        const text = parts.join('.');
        const ok = parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]*)$/.test(p) && Number(p) <= 255);
        const want = ok ? ipaddr.IPv4.parse(text).toByteArray().reduce((v, b) => v * 256n + BigInt(b), 0n) : undefined;
        expect(parseIp(text)).toEqual(want === undefined ? undefined : { family: 4, value: want });
      }),
      { numRuns: 2000 },
    );
  });
});

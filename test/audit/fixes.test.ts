// Fixes that are whole manifests really fix: appending them to the input makes the finding go away.
import { describe, expect, it } from 'vitest';
import { allowDns, audit, denyAll, ids, ns, pod } from './helpers.js';

const base = ns('prod') + pod('prod', 'web', { app: 'web', tier: 'front' });

describe('fixes', () => {
  for (const id of ['NP101', 'NP102', 'NP103', 'NP104']) {
    it(`${id}: the suggested policy removes the finding`, () => {
      const before = ids(audit(base), id);
      expect(before.length).toBeGreaterThan(0);
      const after = audit(base + before.map((f) => `${f.fix}\n---\n`).join('') + allowDns('prod'));
      expect(ids(after, id)).toEqual([]);
    });
  }
  it('NP501: the suggested allow-dns policy removes the finding', () => {
    const input = base + denyAll('prod');
    const before = ids(audit(input), 'NP501');
    expect(before).toHaveLength(1);
    expect(ids(audit(`${input}${before[0]!.fix}\n`), 'NP501')).toEqual([]);
  });
});

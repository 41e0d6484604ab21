// The catalogue and docs/audit.md agree (ids, names, severities), and ids are unique and stable in form.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES, findRule } from '../../src/core/analysis/audit/index.js';

const doc = readFileSync(fileURLToPath(new URL('../../docs/audit.md', import.meta.url)), 'utf8');

describe('rule catalogue', () => {
  it('ids are unique NPddd, names unique kebab-case', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    expect(new Set(RULES.map((r) => r.name)).size).toBe(RULES.length);
    for (const r of RULES) {
      expect(r.id).toMatch(/^NP\d{3}$/);
      expect(r.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });
  it('docs/audit.md lists every rule with its name and default severity', () => {
    const rows = [...doc.matchAll(/^\| (NP\d{3}) \| ([a-z0-9-]+) \| (low|medium|high) \|/gm)].map((m) => [m[1], m[2], m[3]]);
    expect(rows).toEqual(RULES.map((r) => [r.id, r.name, r.severity]));
  });
  it('findRule accepts id, name and id-name in any case', () => {
    expect(findRule('np201')?.name).toBe('peer-matches-nothing');
    expect(findRule('peer-matches-nothing')?.id).toBe('NP201');
    expect(findRule('NP201-peer-matches-nothing')?.id).toBe('NP201');
    expect(findRule('NP999')).toBeUndefined();
  });
});

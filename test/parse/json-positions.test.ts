// The JSON fast path must report exactly the positions the YAML parser reports for the same text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonDoc } from '../../src/core/parse/json-docs.js';
import { parseDocs, type PathSeg } from '../../src/core/parse/yaml-docs.js';
import type { Problem } from '../../src/core/model/types.js';

function paths(v: unknown, prefix: PathSeg[] = [], out: PathSeg[][] = []): PathSeg[][] {
  out.push(prefix);
  if (out.length > 300) return out;
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
  return out;
}

describe('JSON fast path', () => {
  it('agrees with the YAML parser on every position (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 })), fc.constantFrom(0, 1, 2, 4), (v, indent) => {
        const text = JSON.stringify(v, null, indent);
        const json = parseJsonDoc('f.json', text, [])!;
        // "---\n" makes the text YAML-only (JSON.parse rejects it); positions move down one line
        const yamlProblems: Problem[] = [];
        const yaml = parseDocs('f.json', `---\n${text}`, yamlProblems);
        expect(yamlProblems.filter((p) => p.severity === 'error')).toEqual([]);
        expect(json[0]!.value).toEqual(yaml[0]!.value); // both parsers read the same values
        for (const p of paths(v)) {
          for (const key of [false, true]) {
            const y = yaml[0]!.locate(p, key);
            expect(json[0]!.locate(p, key)).toEqual({ ...y, line: y.line - 1 });
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('duplicate keys: an error at the second key, like the YAML path', () => {
    const problems: Problem[] = [];
    expect(parseJsonDoc('d.json', '{"kind": "Pod",\n "kind": "Pod"}', problems)).toEqual([]);
    expect(problems).toEqual([
      { code: 'duplicate-key', severity: 'error', message: 'Duplicate value: key "kind" already set in this mapping', path: '', source: { file: 'd.json', line: 2, column: 2 } },
    ]);
  });

  it('anything that is not strict JSON goes to the YAML parser', () => {
    expect(parseJsonDoc('a', 'kind: Pod', [])).toBeUndefined();
    expect(parseJsonDoc('a', '{"a": 1,}', [])).toBeUndefined();
    expect(parseJsonDoc('a', '{"a": 1}\n{"b": 2}', [])).toBeUndefined();
  });
});

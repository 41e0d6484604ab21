// The plain-YAML fast path must read exactly what the full YAML parser reads (values and every
// position), and must give up on anything it cannot read that way.
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { generate } from '../../bench/generate.js';
import { parseFastYaml } from '../../src/core/parse/yaml-fast.js';
import { parseDocs, type PathSeg } from '../../src/core/parse/yaml-docs.js';
import { loadCluster } from '../../src/core/parse/index.js';
import type { Problem } from '../../src/core/model/types.js';

function paths(v: unknown, prefix: PathSeg[] = [], out: PathSeg[][] = []): PathSeg[][] {
  out.push(prefix);
  if (out.length > 400) return out;
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
  return out;
}

/** When the fast path reads a text, the full parser reads the same values and positions, without problems. */
function agrees(text: string): boolean {
  const fast = parseFastYaml('f.yaml', text);
  if (!fast) return false;
  const problems: Problem[] = [];
  const full = parseDocs('f.yaml', text, problems, { fast: false });
  expect(problems).toEqual([]);
  expect(fast.length).toBe(full.length);
  fast.forEach((doc, i) => {
    expect(doc.value).toEqual(full[i]!.value);
    for (const p of [...paths(doc.value), ['nope'], [0, 'x']]) {
      for (const key of [false, true]) expect(doc.locate(p, key)).toEqual(full[i]!.locate(p, key));
    }
  });
  return true;
}

const manifests = generate({ pods: 40, namespaces: 4, policies: 30, seed: 7 }).files;
const TRICKY = [' ', ':', '#', '-', '"', "'", '{', '}', '[', ']', ',', '\n', 'y', '0', '.', '&', '*', '!', '|', '>', '\t', '~', '@', '\\', 'e', '---\n'];

describe('YAML fast path', () => {
  it('reads the generated manifests exactly as the full parser does', () => {
    for (const f of manifests) expect(agrees(f.text), f.file).toBe(true);
  });

  it('gives the same cluster and problems as the full parser', () => {
    const a = loadCluster(manifests);
    // a leading tab-indented comment is outside the subset: the same texts then go the full way
    const slow = manifests.map((f) => ({ file: f.file, text: f.text.replace(/\n/, '\n\t# slow\n') }));
    for (const f of slow) expect(parseFastYaml(f.file, f.text)).toBeUndefined();
    const b = loadCluster(slow);
    const shift = (x: unknown) => JSON.parse(JSON.stringify(x, (k, v) => (k === 'line' && typeof v === 'number' && v > 1 ? v - 1 : v)));
    expect(shift(b.cluster)).toEqual(JSON.parse(JSON.stringify(a.cluster)));
    expect(shift(b.problems)).toEqual(JSON.parse(JSON.stringify(a.problems)));
    expect(a.cluster.pods.length).toBeGreaterThan(0);
  });

  it('agrees on random values written by the yaml library (property)', () => {
    let read = 0;
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9.-]{0,5}$/), fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.dictionary(fc.stringMatching(/^[a-z]{1,4}$/), fc.stringMatching(/^[a-z0-9]{1,5}$/)))), fc.boolean(), (v, flow) => {
        const text = stringify(v, flow ? { collectionStyle: 'flow' } : {});
        if (agrees(text)) read++;
      }),
      { numRuns: 400 },
    );
    expect(read).toBeGreaterThan(10); // the property is not vacuous
  });

  it('agrees on mutated manifests, or gives up (property)', () => {
    const policies = manifests.find((f) => f.file === 'policies.yaml')!.text;
    const policiesHead = policies.slice(0, policies.indexOf('\n---\n', 5000) + 1);
    let read = 0;
    let gaveUp = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(policiesHead.length), fc.constantFrom(...TRICKY), fc.constantFrom('insert', 'replace', 'delete')), { minLength: 1, maxLength: 3 }),
        (edits) => {
          let text = policiesHead;
          for (const [at, s, op] of edits) {
            const i = Math.min(at, text.length);
            text = op === 'insert' ? text.slice(0, i) + s + text.slice(i) : op === 'replace' ? text.slice(0, i) + s + text.slice(i + 1) : text.slice(0, i) + text.slice(i + 1);
          }
          if (agrees(text)) read++;
          else gaveUp++;
        },
      ),
      { numRuns: 600 },
    );
    expect(read).toBeGreaterThan(20);
    expect(gaveUp).toBeGreaterThan(20);
  });

  it('gives up on YAML it does not read itself', () => {
    for (const text of ['a: yes\n', 'a: &x 1\nb: *x\n', 'a: |\n  x\n', 'a: b # c\n', 'a:\n', 'a: 1\na: 2\n', 'a: 1.5\n', 'a: "x\\ty"\n', 'a: b\n  c\n', '"a": 1\n', 'a: 0x10\n', 'a: [b, ]\n']) {
      expect(parseFastYaml('f.yaml', text), text).toBeUndefined();
    }
  });
});

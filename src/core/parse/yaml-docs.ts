// YAML/JSON text → plain JS documents that remember where every node came from.
// JSON is parsed by the YAML parser too (YAML 1.2 is a JSON superset), so both get positions.
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, visit, type Node } from 'yaml';
import type { Problem, SourceRef } from '../model/types.js';
import { parseJsonDoc } from './json-docs.js';
import { parseFastYaml } from './yaml-fast.js';

export type PathSeg = string | number;

/** Alias expansion bound: a "billion laughs" document fails instead of exhausting memory. */
export const MAX_ALIAS_COUNT = 100;

/**
 * Kubernetes reads YAML with go-yaml v2 (sigs.k8s.io/yaml): YAML 1.1 scalars, where unquoted
 * yes/no/on/off/y/n are booleans. netpol reads YAML 1.2 (where they are strings, as most YAML
 * writers assume) and warns, since the API server would see a boolean there.
 */
const YAML11_BOOLS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF']);
/** Cheap pre-check, so that only texts that may hold such a scalar get a full node walk. */
const MAY_HOLD_YAML11_BOOL = /(?:^|[\s:[{,])(?:[yYnN]|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)[ \t]*(?:$|[,\]}#:])/m;

/** One YAML document (or one JSON text) with a position resolver. */
export interface SourceDoc {
  readonly file: string;
  readonly value: unknown;
  /** Position of the node at `path` (or of its key when `key`), else of its deepest existing ancestor. */
  locate(path: readonly PathSeg[], key?: boolean): SourceRef;
}

/** Upstream-style field path: `spec.ingress[0].from[1].ipBlock`. */
export function formatPath(path: readonly PathSeg[]): string {
  let s = '';
  for (const seg of path) {
    if (typeof seg === 'number') s += `[${seg}]`;
    else s += s === '' ? seg : `.${seg}`;
  }
  return s;
}

function childNode(node: unknown, seg: PathSeg): { key?: Node; value?: Node } | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const k = pair.key;
      const kv = isScalar(k) ? k.value : k;
      if (kv === seg || String(kv) === String(seg)) {
        const out: { key?: Node; value?: Node } = {};
        if (k && typeof k === 'object') out.key = k as Node;
        if (pair.value && typeof pair.value === 'object') out.value = pair.value as Node;
        return out;
      }
    }
    return undefined;
  }
  if (isSeq(node) && typeof seg === 'number') {
    const item = node.items[seg];
    return item && typeof item === 'object' ? { value: item as Node } : undefined;
  }
  return undefined;
}

function warnYaml11Booleans(doc: Parameters<typeof visit>[0], at: (offset: number) => SourceRef, problems: Problem[]): void {
  visit(doc, {
    Scalar(_key, node) {
      if (node.type !== 'PLAIN' || typeof node.value !== 'string' || !YAML11_BOOLS.has(node.value)) return;
      problems.push({
        code: 'yaml-1.1-boolean',
        severity: 'warning',
        message: `unquoted "${node.value}" is a boolean for Kubernetes (YAML 1.1), not a string: write "${node.value}" in quotes`,
        path: '',
        source: at(node.range?.[0] ?? 0),
      });
    },
  });
}

/** Parses every document of a text. Syntax errors, duplicate keys and alias bombs become problems. */
export function parseDocs(file: string, text: string, problems: Problem[], opts: { fast?: boolean } = {}): SourceDoc[] {
  if (text.includes('\u0000')) {
    problems.push({
      code: 'binary-file',
      severity: 'error',
      message: 'Invalid value: file looks binary (contains NUL bytes), not YAML or JSON',
      path: '',
      source: { file, line: 1, column: 1 },
    });
    return [];
  }
  const json = parseJsonDoc(file, text, problems);
  if (json) return json;
  // plain block YAML: a line scan, tens of times faster; anything else (or any doubt) reads below
  const fast = opts.fast === false ? undefined : parseFastYaml(file, text);
  if (fast) return fast;
  const lineCounter = new LineCounter();
  const at = (offset: number): SourceRef => {
    const p = lineCounter.linePos(offset);
    return { file, line: p.line, column: p.col };
  };
  let docs;
  try {
    docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  } catch (e) {
    problems.push({
      code: 'yaml-syntax',
      severity: 'error',
      message: `Invalid value: cannot parse: ${e instanceof Error ? e.message : String(e)}`,
      path: '',
      source: { file, line: 1, column: 1 },
    });
    return [];
  }
  const list = Array.isArray(docs) ? docs : [docs];
  const mayHoldBool = MAY_HOLD_YAML11_BOOL.test(text);
  const out: SourceDoc[] = [];
  for (const doc of list) {
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        const dup = e.code === 'DUPLICATE_KEY';
        // go-yaml says: key "name" already set in map
        const key = dup ? /^\s*("[^"]*"|'[^']*'|[^:#\n]+?)\s*:/.exec(text.slice(e.pos[0]))?.[1] : undefined;
        problems.push({
          code: dup ? 'duplicate-key' : 'yaml-syntax',
          severity: 'error',
          message: dup
            ? `Duplicate value: key ${key ? JSON.stringify(key.replace(/^["']|["']$/g, '')) : ''} already set in this mapping`.replace('key  ', 'key ')
            : /call stack/i.test(e.message)
              ? 'Invalid value: nesting too deep to read'
              : `Invalid value: YAML syntax: ${firstLine(e.message)}`,
          path: '',
          source: at(e.pos[0]),
        });
      }
      continue;
    }
    if (doc.contents === null) continue; // empty document: fine
    try {
      if (mayHoldBool) warnYaml11Booleans(doc, at, problems);
    } catch {
      // a document nested deeper than the walk's stack: the warning is a nicety, skip it
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      problems.push({
        code: 'yaml-alias',
        severity: 'error',
        message: `Invalid value: ${e instanceof Error ? e.message : String(e)} (aliases expand to more than ${MAX_ALIAS_COUNT} nodes)`,
        path: '',
        source: at(doc.range[0]),
      });
      continue;
    }
    if (value === null || value === undefined) continue;
    const root = doc.contents;
    const docStart = at(root.range?.[0] ?? doc.range[0]);
    out.push({
      file,
      value,
      locate(path, key = false) {
        let node: unknown = root;
        let best: Node | undefined = root;
        for (let i = 0; i < path.length; i++) {
          const c = childNode(node, path[i] as PathSeg);
          if (!c) break;
          const last = i === path.length - 1;
          const pick = last && key && c.key ? c.key : (c.value ?? c.key);
          if (pick) best = pick;
          node = c.value;
          if (!node) break;
        }
        const r = best?.range;
        return r ? at(r[0]) : docStart;
      },
    });
  }
  return out;
}

function firstLine(s: string): string {
  return (s.split('\n')[0] ?? s).replace(/ at line \d+, column \d+:?$/, '').trim();
}

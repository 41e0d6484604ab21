// Fast path for JSON texts (`kubectl get -o json`): JSON.parse for the values, then one scan of the
// (already valid) text for the positions of members and duplicate keys. The YAML parser reads JSON
// too, with the same positions, but tens of times slower; it stays the fallback for anything else.
import type { Problem, SourceRef } from '../model/types.js';
import type { PathSeg, SourceDoc } from './yaml-docs.js';

export interface PosNode {
  readonly start: number;
  readonly keys?: Map<string, { readonly keyStart: number; readonly node: PosNode }>;
  /** Cheaper than keys for the YAML fast path's many small maps: key, keyStart, node, key, ... */
  readonly pairs?: readonly (string | number | PosNode)[];
  readonly items?: PosNode[];
}

/** Deeper JSON is refused (no manifest comes close); keeps the position scan's recursion bounded. */
export const MAX_JSON_DEPTH = 512;
class TooDeep extends Error {}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const SCALAR_END = new Set([0x20, 0x09, 0x0a, 0x0d, 0x2c, 0x5d, 0x7d]); // whitespace , ] }

/** Indexes member positions of valid JSON. Returns the first duplicate key's offset, if any. */
function index(text: string): { root: PosNode; duplicate?: { at: number; key: string } } {
  let i = 0;
  let duplicate: { at: number; key: string } | undefined;
  const skipWs = (): void => {
    while (i < text.length && WS.has(text.charCodeAt(i))) i++;
  };
  const readString = (): string => {
    const start = i++;
    let escaped = false;
    while (i < text.length) {
      const c = text.charCodeAt(i++);
      if (c === 0x5c) {
        escaped = true;
        i++;
      } else if (c === 0x22) break;
    }
    const raw = text.slice(start, i);
    return escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
  };
  let depth = 0;
  const value = (): PosNode => {
    if (++depth > MAX_JSON_DEPTH) throw new TooDeep();
    try {
      return member();
    } finally {
      depth--;
    }
  };
  const member = (): PosNode => {
    skipWs();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const keys = new Map<string, { keyStart: number; node: PosNode }>();
      skipWs();
      while (text[i] !== '}') {
        skipWs();
        const keyStart = i;
        const key = readString();
        skipWs();
        i++; // ':'
        const node = value();
        if (keys.has(key) && !duplicate) duplicate = { at: keyStart, key };
        keys.set(key, { keyStart, node });
        skipWs();
        if (text[i] === ',') i++;
      }
      i++;
      return { start, keys };
    }
    if (c === '[') {
      i++;
      const items: PosNode[] = [];
      skipWs();
      while (text[i] !== ']') {
        items.push(value());
        skipWs();
        if (text[i] === ',') i++;
        skipWs();
      }
      i++;
      return { start, items };
    }
    if (c === '"') readString();
    else while (i < text.length && !SCALAR_END.has(text.charCodeAt(i))) i++;
    return { start };
  };
  const root = value();
  return duplicate ? { root, duplicate } : { root };
}

/** Maps a text offset to its 1-based line and column, by binary search over `lineStarts`. */
export function sourceAt(file: string, starts: readonly number[]): (offset: number) => SourceRef {
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file, line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}

export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * Parses a JSON text, or returns undefined when it is not strict JSON (the caller then uses the
 * YAML parser, which reports syntax errors with positions).
 */
export function parseJsonDoc(file: string, text: string, problems: Problem[]): SourceDoc[] | undefined {
  const head = text.trimStart()[0];
  if (head !== '{' && head !== '[') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const starts = lineStarts(text);
  let indexed;
  try {
    indexed = index(text);
  } catch (e) {
    if (!(e instanceof TooDeep)) throw e;
    problems.push({
      code: 'too-deep',
      severity: 'error',
      message: `Invalid value: nesting deeper than ${MAX_JSON_DEPTH} levels`,
      path: '',
      source: { file, line: 1, column: 1 },
    });
    return [];
  }
  const { root, duplicate } = indexed;
  const at = sourceAt(file, starts);
  if (duplicate) {
    problems.push({
      code: 'duplicate-key',
      severity: 'error',
      message: `Duplicate value: key ${JSON.stringify(duplicate.key)} already set in this mapping`,
      path: '',
      source: at(duplicate.at),
    });
    return [];
  }
  return [{ file, value, locate: posLocator(root, at) }];
}

/** Position of the node at `path` (or of its key when `key`), else of its deepest existing ancestor. */
export function posLocator(root: PosNode, at: (offset: number) => SourceRef): SourceDoc['locate'] {
  return (path: readonly PathSeg[], key = false): SourceRef => {
    let node = root;
    let best = root.start;
    for (let n = 0; n < path.length; n++) {
      const seg = path[n]!;
      const member = node.keys ? node.keys.get(String(seg)) : node.pairs ? findPair(node.pairs, String(seg)) : undefined;
      const item = typeof seg === 'number' ? node.items?.[seg] : undefined;
      if (member) {
        best = key && n === path.length - 1 ? member.keyStart : member.node.start;
        node = member.node;
      } else if (item) {
        best = item.start;
        node = item;
      } else break;
    }
    return at(best);
  };
}

function findPair(pairs: readonly (string | number | PosNode)[], key: string): { keyStart: number; node: PosNode } | undefined {
  for (let i = 0; i < pairs.length; i += 3) {
    if (pairs[i] === key) return { keyStart: pairs[i + 1] as number, node: pairs[i + 2] as PosNode };
  }
  return undefined;
}

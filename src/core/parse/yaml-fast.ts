// Fast path for the plain block YAML that generators and `kubectl` write: one line scan builds the
// values and the positions that the `yaml` library would report. It reads only a strict subset
// (block maps and sequences, one-line plain or simply quoted scalars, `{}`, `[]`, flow lists of
// plain scalars) and gives up (returns undefined) on anything else, so that the full parser,
// with its exact problems and positions, reads that text instead. Identity with the full path is
// pinned by test/parse/yaml-fast.test.ts.
import { lineStarts, posLocator, sourceAt, type PosNode } from './json-docs.js';
import type { SourceDoc } from './yaml-docs.js';

class GiveUp extends Error {}
const giveUp = (): never => {
  throw new GiveUp();
};

/** Indentation deeper than this is left to the full parser (keeps the recursion bounded). */
const MAX_DEPTH = 64;

interface Line {
  indent: number;
  /** Offset of the first content character. */
  start: number;
  content: string;
}

// YAML 1.2 core schema (yaml's default): plain scalars that resolve to something other than a string.
const CORE_NON_STRING = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  /^[-+]?[0-9]+$/,
  /^0o[0-7]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/,
];
const LETTER = /^[A-Za-z]/;
const LETTER_NON_STRING = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);
/** YAML 1.1 booleans: the full path warns about them (see yaml-docs.ts), so it must read them. */
const YAML11_BOOL = /^(?:[yYnN]|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$/;
/** Characters a plain scalar may hold here; anything else (spaces, #, quotes, flow indicators) gives up. */
const SAFE_PLAIN = /^[A-Za-z0-9_/][A-Za-z0-9_./:@=+-]*$/;
const SAFE_FLOW_ITEM = /^[A-Za-z0-9_/][A-Za-z0-9_./@=+-]*$/;
const SAFE_QUOTED = /^[\x20-\x7e]*$/;

/** A plain scalar's value, or give up when it is not plainly a string, a small int or true/false. */
function plain(s: string, flow: boolean): unknown {
  if (s === 'true') return true;
  if (s === 'false') return false;
  if (/^(?:0|[1-9][0-9]{0,14})$/.test(s)) return Number(s);
  if (!(flow ? SAFE_FLOW_ITEM : SAFE_PLAIN).test(s) || s.endsWith(':') || YAML11_BOOL.test(s)) giveUp();
  // the core schema's only non-strings that start with a letter are null/true/false spellings
  if (LETTER.test(s) ? LETTER_NON_STRING.has(s) : CORE_NON_STRING.some((re) => re.test(s))) giveUp();
  return s;
}

/** A one-line scalar (plain, or quoted without escapes) or flow collection. */
function scalar(text: string, start: number): { value: unknown; node: PosNode } {
  const c = text[0];
  if (c === '"' || c === "'") {
    const body = text.slice(1, -1);
    if (text.length < 2 || text[text.length - 1] !== c || body.includes(c) || body.includes('\\') || !SAFE_QUOTED.test(body)) giveUp();
    return { value: body, node: { start } };
  }
  if (c === '{' || c === '[') {
    const f = new Flow(text, start);
    const out = f.value(0);
    if (f.i !== text.length) giveUp();
    return out;
  }
  return { value: plain(text, false), node: { start } };
}

const FLOW_PLAIN = /[A-Za-z0-9_./@=+-]+/y;

/** One-line flow collections of plain scalars: `{key: tier, operator: In, values: [a, b]}`. */
class Flow {
  i = 0;
  constructor(private readonly text: string, private readonly base: number) {}

  private ws(): void {
    while (this.text[this.i] === ' ') this.i++;
  }

  private word(): string {
    FLOW_PLAIN.lastIndex = this.i;
    const m = FLOW_PLAIN.exec(this.text);
    if (!m) giveUp();
    this.i += m![0].length;
    return m![0];
  }

  value(depth: number): { value: unknown; node: PosNode } {
    if (depth > MAX_DEPTH) giveUp();
    const start = this.base + this.i;
    const c = this.text[this.i];
    if (c !== '{' && c !== '[') return { value: plain(this.word(), true), node: { start } };
    const close = c === '{' ? '}' : ']';
    this.i++;
    this.ws();
    const arr: unknown[] = [];
    const items: PosNode[] = [];
    const obj: Record<string, unknown> = {};
    const keys = new Map<string, { keyStart: number; node: PosNode }>();
    while (this.text[this.i] !== close) {
      if (c === '{') {
        const keyStart = this.base + this.i;
        const key = this.word();
        if (this.text[this.i] !== ':' || this.text[this.i + 1] !== ' ') giveUp();
        if (typeof plain(key, true) !== 'string' || key === '__proto__' || keys.has(key)) giveUp();
        this.i += 2;
        this.ws();
        const v = this.value(depth + 1);
        obj[key] = v.value;
        keys.set(key, { keyStart, node: v.node });
      } else {
        const v = this.value(depth + 1);
        arr.push(v.value);
        items.push(v.node);
      }
      this.ws();
      if (this.text[this.i] === ',') {
        this.i++;
        this.ws();
        if (this.text[this.i] === close) giveUp(); // trailing comma
      } else if (this.text[this.i] !== close) giveUp();
    }
    this.i++;
    return c === '{' ? { value: obj, node: { start, keys } } : { value: arr, node: { start, items } };
  }
}

/** `key: value` or `key:` with a key of no spaces: the offset of the colon, else -1. */
function keyColon(content: string): number {
  const colon = content.indexOf(':');
  if (colon <= 0 || (colon + 1 < content.length && content.charCodeAt(colon + 1) !== 0x20)) return -1;
  for (let k = 0; k < colon; k++) if (content.charCodeAt(k) === 0x20) return -1;
  return colon;
}

/** Parses a text's documents, or returns undefined when it is outside the subset. */
export function parseFastYaml(file: string, text: string): SourceDoc[] | undefined {
  if (text.includes('\r') || text.includes('\t') || text.charCodeAt(0) === 0xfeff) return undefined;
  try {
    return readDocs(file, text);
  } catch (e) {
    if (e instanceof GiveUp || e instanceof RangeError) return undefined;
    throw e;
  }
}

function readDocs(file: string, text: string): SourceDoc[] {
  const starts = lineStarts(text);
  const at = sourceAt(file, starts);
  const docs: Line[][] = [[]];
  for (let n = 0; n < starts.length; n++) {
    const s = starts[n]!;
    const end = n + 1 < starts.length ? starts[n + 1]! - 1 : text.length;
    let indent = 0;
    while (text.charCodeAt(s + indent) === 0x20) indent++;
    if (s + indent >= end) {
      if (indent > 0) giveUp(); // whitespace-only lines: leave to the full parser
      continue;
    }
    const c = text.charCodeAt(s + indent);
    if (indent === 0 && (c === 0x2d || c === 0x2e || c === 0x25)) {
      // "---" alone separates documents; other "---", "..." and "%" lines are left to the full parser
      if (end - s === 3 && text.startsWith('---', s)) {
        docs.push([]);
        continue;
      }
      if (text.startsWith('---', s) || text.startsWith('...', s) || c === 0x25) giveUp();
    }
    if (c === 0x23) continue; // a comment line
    if (text.charCodeAt(end - 1) === 0x20) giveUp();
    const content = text.slice(s + indent, end);
    docs[docs.length - 1]!.push({ indent, start: s + indent, content });
  }
  const out: SourceDoc[] = [];
  for (const lines of docs) {
    if (lines.length === 0) continue;
    const r = new Reader(lines);
    if (lines[0]!.indent !== 0) giveUp();
    const { value, node } = r.block(0, 0);
    if (r.i !== lines.length) giveUp();
    out.push({ file, value, locate: posLocator(node, at) });
  }
  return out;
}

class Reader {
  i = 0;
  constructor(private readonly lines: Line[]) {}

  /** The block node whose first line is the current one, at indentation `indent`. */
  block(indent: number, depth: number): { value: unknown; node: PosNode } {
    if (depth > MAX_DEPTH) giveUp();
    const line = this.lines[this.i]!;
    if (line.indent !== indent) giveUp();
    return isItem(line) ? this.seq(indent, depth) : this.map(indent, depth);
  }

  private seq(indent: number, depth: number): { value: unknown; node: PosNode } {
    const value: unknown[] = [];
    const items: PosNode[] = [];
    const start = this.lines[this.i]!.start;
    for (let line = this.lines[this.i]; line && line.indent === indent && isItem(line); line = this.lines[this.i]) {
      const rest = line.content.slice(1).trimStart();
      if (rest === '') giveUp();
      const col = line.content.length - rest.length;
      // "- key: v" opens a compact mapping at the column of "key": read this line as if it started there
      this.lines[this.i] = { indent: indent + col, start: line.start + col, content: rest };
      if (isItem(this.lines[this.i]!) || (!'{["\''.includes(rest[0]!) && keyColon(rest) > 0)) {
        const item = this.block(indent + col, depth + 1);
        value.push(item.value);
        items.push(item.node);
      } else {
        const item = scalar(rest, line.start + col);
        value.push(item.value);
        items.push(item.node);
        this.i++;
      }
    }
    return { value, node: { start, items } };
  }

  private map(indent: number, depth: number): { value: unknown; node: PosNode } {
    const value: Record<string, unknown> = {};
    const pairs: (string | number | PosNode)[] = [];
    const start = this.lines[this.i]!.start;
    for (let line = this.lines[this.i]; line && line.indent === indent && !isItem(line); line = this.lines[this.i]) {
      const content = line.content;
      const colon = keyColon(content);
      if (colon < 0) giveUp();
      const key = content.slice(0, colon);
      let v = colon + 1;
      while (content.charCodeAt(v) === 0x20) v++;
      if (typeof plain(key, false) !== 'string' || key === '__proto__' || key.length > 1000 || Object.hasOwn(value, key)) giveUp();
      this.i++;
      let child: { value: unknown; node: PosNode };
      if (v < content.length) {
        child = scalar(content.slice(v), line.start + v);
      } else {
        const next = this.lines[this.i];
        if (next && next.indent > indent) child = this.block(next.indent, depth + 1);
        else if (next && next.indent === indent && isItem(next)) child = this.block(indent, depth + 1);
        else giveUp();
      }
      value[key] = child!.value;
      pairs.push(key, line.start, child!.node);
    }
    const next = this.lines[this.i];
    if (next && next.indent > indent) giveUp(); // a continuation line: not this subset
    return { value, node: { start, pairs } };
  }
}

function isItem(line: Line): boolean {
  return line.content === '-' || line.content.startsWith('- ');
}

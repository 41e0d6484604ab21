// Helpers of the np-guard conformance test: run `netpol analyze` in process, compare per README §4.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import { PortSet } from '../../src/core/sets/port-set.js';
import { ConnectionSet } from '../../src/core/sets/connection-set.js';
import { parseIp } from '../../src/core/sets/ip-set.js';
import type { Protocol } from '../../src/core/model/types.js';

export const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/conformance/np-guard');

export interface Case {
  name: string;
  group: string;
  expected: string;
  features: string;
}

export function readCases(): Case[] {
  const tsv = fs.readFileSync(path.join(CORPUS, 'cases.tsv'), 'utf8');
  return tsv
    .split('\n')
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [name, group, expected, features] = l.split('\t');
      return { name: name!, group: group!, expected: expected!, features: features ?? '' };
    });
}

/** Runs the CLI in process; stdout and stderr are captured, never printed. */
export async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const ow = process.stdout.write.bind(process.stdout);
  const ew = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((c: string | Uint8Array) => ((stdout += String(c)), true)) as typeof process.stdout.write;
  process.stderr.write = ((c: string | Uint8Array) => ((stderr += String(c)), true)) as typeof process.stderr.write;
  try {
    const code = await main(['node', 'netpol', ...args]);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = ow;
    process.stderr.write = ew;
    process.exitCode = undefined;
  }
}

/** README §4 step 1: CRLF → LF, split, drop empty lines. */
export const lines = (text: string): string[] => text.replace(/\r\n/g, '\n').split('\n').filter((l) => l !== '');

/** Parses `conns` (README §3) into a ConnectionSet. */
export function parseConns(text: string): ConnectionSet {
  if (text === 'All Connections') return ConnectionSet.ALL;
  let out = ConnectionSet.NONE;
  let proto: Protocol | undefined;
  for (const tok of text.split(',')) {
    const m = /^(TCP|UDP|SCTP) (.*)$/.exec(tok);
    const range = m ? m[2]! : tok;
    if (m) proto = m[1] as Protocol;
    const [a, b] = range.split('-').map(Number) as [number, number?];
    out = out.union(ConnectionSet.of(proto!, PortSet.range(a, b ?? a)));
  }
  return out;
}

interface Line {
  src: string;
  dst: string;
  conns: ConnectionSet;
}

export function parseLine(l: string): Line {
  const m = /^(.*) => (.*) : (.*)$/.exec(l);
  if (!m) throw new Error(`not a connlist line: ${l}`);
  return { src: m[1]!, dst: m[2]!, conns: parseConns(m[3]!) };
}

const EXT = /^(\d+\.\d+\.\d+\.\d+)-(\d+\.\d+\.\d+\.\d+)\[External\]$/;

/**
 * README §4 step 3, semantic mode: per workload and direction, the piecewise map IPv4 → connection
 * set (merged), plus workload pairs as a set. Returns the differences, empty when equal.
 */
export function semanticDiff(expected: string[], actual: string[]): string[] {
  const norm = (ls: string[]) => {
    const pairs = new Map<string, string>();
    const ext = new Map<string, [bigint, bigint, ConnectionSet][]>();
    for (const l of ls.map(parseLine)) {
      const s = EXT.exec(l.src);
      const d = EXT.exec(l.dst);
      const m = s ?? d;
      if (!m) {
        pairs.set(`${l.src} => ${l.dst}`, l.conns.toAnalyzerString());
        continue;
      }
      const key = s ? `from-external => ${l.dst}` : `${l.src} => to-external`;
      const list = ext.get(key) ?? [];
      list.push([parseIp(m[1]!)!.value, parseIp(m[2]!)!.value, l.conns]);
      ext.set(key, list);
    }
    for (const [key, list] of ext) {
      list.sort((a, b) => (a[0] < b[0] ? -1 : 1));
      const merged: [bigint, bigint, ConnectionSet][] = [];
      for (const r of list) {
        const last = merged[merged.length - 1];
        if (last && last[1] + 1n === r[0] && last[2].equals(r[2])) last[1] = r[1];
        else merged.push([r[0], r[1], r[2]]);
      }
      pairs.set(key, merged.map(([a, b, c]) => `${a}-${b}:${c.toAnalyzerString()}`).join(' '));
    }
    return pairs;
  };
  const e = norm(expected);
  const a = norm(actual);
  const out: string[] = [];
  for (const [k, v] of e) if (a.get(k) !== v) out.push(`${k}: expected ${v}, got ${a.get(k) ?? 'nothing'}`);
  for (const [k, v] of a) if (!e.has(k)) out.push(`${k}: unexpected ${v}`);
  return out;
}

// Reads PATH... arguments (files, recursive directories, `-` for stdin) into texts for the core.
// Every failure becomes a Problem; nothing here throws on user input.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import process from 'node:process';
import type { Problem } from '../core/model/types.js';
import type { InputFile } from '../core/parse/index.js';

/** Largest file netpol reads (documented in docs/cli.md): bigger inputs are refused, not truncated. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
const MANIFEST_EXT = /\.(ya?ml|json)$/i;

export interface ReadResult {
  readonly files: InputFile[];
  readonly problems: Problem[];
}

const problem = (file: string, code: string, message: string): Problem => ({
  code,
  severity: 'error',
  message,
  path: '',
  source: { file, line: 1, column: 1 },
});

function reason(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return e instanceof Error ? e.message : String(e);
}

/** Bytes → text: refuses binary (NUL bytes or invalid UTF-8) and drops a UTF-8 BOM. */
export function decodeText(file: string, bytes: Uint8Array): { text?: string; problem?: Problem } {
  if (bytes.length > MAX_FILE_BYTES) {
    return { problem: problem(file, 'file-too-large', `Invalid value: file is ${bytes.length} bytes; the limit is ${MAX_FILE_BYTES} (64 MiB)`) };
  }
  // UTF-16 with a BOM (PowerShell's `kubectl ... > file` writes it): decode rather than call it binary
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    try {
      const text = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(bytes);
      if (!text.includes('\u0000')) return { text: text.startsWith('\uFEFF') ? text.slice(1) : text };
    } catch {
      // fall through: reported as binary below
    }
  }
  if (bytes.includes(0)) return { problem: problem(file, 'binary-file', 'Invalid value: file looks binary (contains NUL bytes), not YAML or JSON') };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.startsWith('\uFEFF') ? text.slice(1) : text };
  } catch {
    return { problem: problem(file, 'binary-file', 'Invalid value: file is not UTF-8 text (binary?), not YAML or JSON') };
  }
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of process.stdin) {
    const b = typeof c === 'string' ? Buffer.from(c) : (c as Buffer);
    size += b.length;
    chunks.push(b);
    if (size > MAX_FILE_BYTES) break; // stop reading: decodeText reports the size
  }
  return Buffer.concat(chunks);
}

async function walk(dir: string, out: string[], problems: Problem[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    problems.push(problem(dir, 'unreadable-path', `cannot read directory: ${reason(e)}`));
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await walk(p, out, problems);
    else if ((e.isFile() || e.isSymbolicLink()) && MANIFEST_EXT.test(e.name)) out.push(p);
  }
}

/** Expands PATH... into manifest texts, in argument order (directories sorted by name). */
export async function readInputs(paths: readonly string[]): Promise<ReadResult> {
  const files: InputFile[] = [];
  const problems: Problem[] = [];
  const add = (file: string, bytes: Uint8Array): void => {
    const d = decodeText(file, bytes);
    if (d.problem) problems.push(d.problem);
    else files.push({ file, text: d.text ?? '' });
  };
  for (const path of paths) {
    if (path === '-') {
      add('<stdin>', await readStdin());
      continue;
    }
    let st;
    try {
      st = await stat(path);
    } catch (e) {
      problems.push(problem(path, 'unreadable-path', `cannot read: ${reason(e)}`));
      continue;
    }
    const list: string[] = [];
    if (st.isDirectory()) {
      await walk(path, list, problems);
      if (list.length === 0) {
        problems.push({ ...problem(path, 'no-manifests', 'no .yaml, .yml or .json file in this directory'), severity: 'warning' });
      }
    } else list.push(path);
    for (const file of list) {
      try {
        const s = await stat(file);
        if (s.size > MAX_FILE_BYTES) {
          problems.push(problem(file, 'file-too-large', `Invalid value: file is ${s.size} bytes; the limit is ${MAX_FILE_BYTES} (64 MiB)`));
          continue;
        }
        add(file, await readFile(file));
      } catch (e) {
        problems.push(problem(file, 'unreadable-path', `cannot read: ${reason(e)}`));
      }
    }
  }
  return { files, problems };
}

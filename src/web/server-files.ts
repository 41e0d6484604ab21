// The input files `netpol serve` hands to the browser. The browser parses them (core in a Web
// Worker); the server only reads texts and notices changes. Directories are walked for
// YAML/JSON files, the same extensions the CLI loader reads.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

export interface InputFile {
  readonly file: string;
  readonly text: string;
}

export interface InputSnapshot {
  /** Changes whenever any file's content, the file list, or a file's mtime changes. */
  readonly version: string;
  readonly files: readonly InputFile[];
}

const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** Expands paths (files or directories, recursively) into a sorted file list. Throws on a missing path. */
export async function expandPaths(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const st = await stat(p);
    if (st.isDirectory()) await walk(p, out);
    else out.push(p);
  }
  return [...new Set(out)];
}

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) await walk(full, out);
    else if (e.isFile() && EXTENSIONS.has(path.extname(e.name).toLowerCase())) out.push(full);
  }
}

/** Reads every input file; `stdinText` stands for the path "-" (read once, never watched). */
export async function readInputs(paths: readonly string[], stdinText?: string): Promise<InputSnapshot> {
  const fsPaths = paths.filter((p) => p !== '-');
  const files: InputFile[] = [];
  const stamp: string[] = [];
  if (stdinText !== undefined) {
    files.push({ file: '<stdin>', text: stdinText });
    stamp.push(`-:${stdinText.length}`);
  }
  for (const file of await expandPaths(fsPaths)) {
    const [text, st] = await Promise.all([readFile(file, 'utf8'), stat(file)]);
    files.push({ file, text });
    stamp.push(`${file}:${st.mtimeMs}:${st.size}:${hash(text)}`);
  }
  return { version: hash(stamp.join('\n')).toString(36), files };
}

// FNV-1a: a cheap change detector, not a security boundary.
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * Polls the inputs and calls `onChange` with each new snapshot. Polling (not fs.watch) because
 * editors replace files by rename and recursive watch is not portable; inputs are small.
 */
export function watchInputs(
  paths: readonly string[],
  initial: InputSnapshot,
  onChange: (s: InputSnapshot) => void,
  intervalMs = 700,
  stdinText?: string,
): () => void {
  let current = initial;
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    readInputs(paths, stdinText)
      .then((next) => {
        if (next.version !== current.version) {
          current = next;
          onChange(next);
        }
      })
      .catch(() => {
        // A file mid-rewrite or briefly missing: keep the last good snapshot, retry next tick.
      })
      .finally(() => {
        busy = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

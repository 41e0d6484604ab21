// Atomic apply of `table inet netpol` and the dry-run diff against what is loaded.
// One `nft -f` transaction holds `table; delete table; table {...}`: the kernel commits it as a
// whole, so there is never a moment with no rules or with everything allowed.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TABLE_FAMILY, TABLE_NAME } from './ruleset.js';
import { nft, nftLoad } from './exec.js';

const STATE_DIR = process.env.NETPOL_STATE_DIR ?? '/run/netpol';
const stateFile = (netns?: string) => join(STATE_DIR, `applied-${netns ?? 'root'}.nft`);

/** The loaded table as nft lists it, or undefined when there is none. */
export async function loadedTable(netns?: string): Promise<string | undefined> {
  const r = await nft(['list', 'table', TABLE_FAMILY, TABLE_NAME], netns);
  return r.code === 0 ? r.stdout : undefined;
}

/** Applies a rendered ruleset (renderNft output, with the replace preamble). Throws on nft errors. */
export async function applyRuleset(text: string, opts: { netns?: string; json?: boolean } = {}): Promise<void> {
  const r = await nftLoad(text, opts);
  if (r.code !== 0) throw new Error(`nft rejected the ruleset: ${r.stderr.trim()}`);
  // Remember what we loaded, to show --dry-run diffs in netpol's own (element per line) layout.
  if (!opts.json) {
    try {
      await mkdir(STATE_DIR, { recursive: true });
      const listing = (await loadedTable(opts.netns)) ?? '';
      await writeFile(stateFile(opts.netns), JSON.stringify({ text, listing }));
    } catch {
      // The state is only a convenience for diffs.
    }
  }
}

/** Validates a ruleset with `nft -c` (nothing is changed). */
export async function checkRuleset(text: string, opts: { netns?: string } = {}): Promise<string | undefined> {
  const r = await nftLoad(text, { ...opts, check: true });
  return r.code === 0 ? undefined : r.stderr.trim();
}

/** Forgets the record of the last apply in a namespace (when the namespace goes away). */
export async function forgetApplied(netns: string): Promise<void> {
  await rm(stateFile(netns), { force: true });
}

/** Removes the table (lab down, tests). */
export async function deleteTable(netns?: string): Promise<void> {
  await nft(['delete', 'table', TABLE_FAMILY, TABLE_NAME], netns);
}

export interface DryRun {
  /** "none" (no table loaded), "netpol" (loaded by netpol, compared in netpol's layout), "listing". */
  readonly base: 'none' | 'netpol' | 'listing';
  readonly diff: string;
  readonly changed: boolean;
}

/** The change `text` would make to the loaded table, per section (set, map, chain), as +/- lines. */
export async function dryRun(text: string, netns?: string): Promise<DryRun> {
  const listing = await loadedTable(netns);
  if (listing === undefined) return { base: 'none', diff: sectionDiff('', text), changed: true };
  let before = listing;
  let base: DryRun['base'] = 'listing';
  try {
    const st = JSON.parse(await readFile(stateFile(netns), 'utf8')) as { text: string; listing: string };
    if (st.listing === listing) {
      before = st.text;
      base = 'netpol';
    }
  } catch {
    // no state: compare with nft's own listing
  }
  const diff = sectionDiff(before, text);
  return { base, diff, changed: diff !== '' };
}

/** Splits nft text into sections keyed by their header line; lines kept as multisets. */
function sections(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let cur = 'table';
  let inElements = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim().replace(/,$/, '');
    if (line === '}') inElements = false;
    if (line === '' || line.startsWith('#') || line === '}' || line === '{') continue;
    if (/^(table|delete table)\b/.test(line) && !line.endsWith('{')) continue;
    const head = /^(set|map|chain) (\S+) \{$/.exec(line);
    if (head) {
      cur = `${head[1]} ${head[2]}`;
      if (!out.has(cur)) out.set(cur, []);
      continue;
    }
    if (/^table /.test(line)) continue;
    const push = (v: string) => (out.get(cur) ?? out.set(cur, []).get(cur)!).push(v);
    if (line.startsWith('elements = {')) inElements = true;
    if (!inElements) {
      push(line);
      continue;
    }
    // Element lists: one element per entry, whether nft wrapped several on a line or not.
    for (const el of line.replace(/^elements = \{\s*/, '').split(/,\s+/)) {
      const v = el.replace(/\s*\}$/, '').trim();
      if (v !== '') push(v);
    }
    if (line.endsWith('}')) inElements = false;
  }
  return out;
}

export function sectionDiff(before: string, after: string): string {
  const a = sections(before);
  const b = sections(after);
  const names = [...new Set([...a.keys(), ...b.keys()])];
  const out: string[] = [];
  for (const name of names) {
    const x = a.get(name);
    const y = b.get(name);
    if (!x) {
      out.push(`+ ${name}`, ...(y ?? []).map((l) => `+     ${l}`));
      continue;
    }
    if (!y) {
      out.push(`- ${name}`);
      continue;
    }
    const count = new Map<string, number>();
    for (const l of x) count.set(l, (count.get(l) ?? 0) + 1);
    const added: string[] = [];
    for (const l of y) {
      const n = count.get(l) ?? 0;
      if (n > 0) count.set(l, n - 1);
      else added.push(l);
    }
    const removed = [...count.entries()].flatMap(([l, n]) => Array<string>(n).fill(l));
    if (added.length || removed.length) out.push(`~ ${name}`, ...removed.map((l) => `-     ${l}`), ...added.map((l) => `+     ${l}`));
  }
  return out.length ? `${out.join('\n')}\n` : '';
}

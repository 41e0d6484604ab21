// `npm run differential -- --cases N [--seed S] [--peer analyzer|assistant] [--out DIR] [--no-simplify]`:
// a differential campaign. Summary on stdout (Markdown, for docs/peer-differences.md), progress on
// stderr, shrunk unclassified cases written under --out. Exit 1 on any unclassified disagreement.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { caseFiles, type GenCase } from './case.js';
import { compareCases, unclassified, type CaseResult } from './compare.js';
import { generateCase } from './generator.js';
import type { PeerName } from './known-differences.js';
import { peerBinary } from './peers/paths.js';
import { caseSeed } from './prng.js';
import { shrink } from './shrink.js';

export interface Summary {
  peer: PeerName;
  seed: number;
  cases: number;
  probes: number;
  agreeingCases: number;
  agreeingProbes: number;
  classes: Record<string, { kind: string; cases: number; probes: number }>;
  unclassifiedCases: number;
  unclassifiedProbes: number;
  failures: { seed: number; why: string }[];
  shrunk: { seed: number; dir?: string; c: GenCase; disagreements: string[] }[];
}

export function runCampaign(
  peer: PeerName,
  seed: number,
  cases: number,
  opts: { batch?: number; shrinkMax?: number; simplify?: boolean; progress?: (s: string) => void; partial?: (s: Summary, done: number) => void } = {},
): Summary {
  const batch = opts.batch ?? 50;
  const s: Summary = { peer, seed, cases, probes: 0, agreeingCases: 0, agreeingProbes: 0, classes: {}, unclassifiedCases: 0, unclassifiedProbes: 0, failures: [], shrunk: [] };
  const bad: CaseResult[] = [];
  const cmp = opts.simplify === undefined ? {} : { simplify: opts.simplify };
  for (let start = 0; start < cases; start += batch) {
    const gen = Array.from({ length: Math.min(batch, cases - start) }, (_, i) => generateCase(caseSeed(seed, start + i)));
    for (const r of compareCases(peer, gen, cmp)) {
      s.probes += r.probes;
      s.agreeingProbes += r.probes - r.disagreements.length;
      if (r.failures.length > 0) s.failures.push({ seed: r.c.seed, why: r.failures.join('; ') });
      else if (r.disagreements.length === 0) s.agreeingCases++;
      const seen = new Set<string>();
      for (const d of r.disagreements) {
        if (!d.classification) continue;
        const k = (s.classes[d.classification.id] ??= { kind: d.classification.kind, cases: 0, probes: 0 });
        k.probes++;
        if (!seen.has(d.classification.id)) k.cases++, seen.add(d.classification.id);
      }
      const u = unclassified(r);
      if (u.length > 0) {
        s.unclassifiedCases++;
        s.unclassifiedProbes += u.length;
        bad.push(r);
      }
    }
    opts.progress?.(`${peer}: ${Math.min(start + batch, cases)}/${cases} cases, ${s.unclassifiedCases} with unclassified disagreements`);
    opts.partial?.(s, Math.min(start + batch, cases));
  }
  const fails = (c: GenCase): boolean => {
    const [r] = compareCases(peer, [c], cmp);
    return r !== undefined && r.failures.length === 0 && unclassified(r).length > 0;
  };
  for (const r of bad.slice(0, opts.shrinkMax ?? 10)) {
    const m = shrink(r.c, fails).c;
    const [again] = compareCases(peer, [m], cmp);
    s.shrunk.push({ seed: r.c.seed, c: m, disagreements: (again ? unclassified(again) : []).map((d) => `${d.key}: netpol ${d.netpol ? 'allows' : 'denies'}, peer ${d.peer ? 'allows' : 'denies'}`) });
  }
  return s;
}

export function summaryMarkdown(s: Summary): string {
  const pct = (a: number, b: number): string => (b === 0 ? '-' : `${((100 * a) / b).toFixed(2)}%`);
  const lines = [
    `| peer | seed | cases | agreeing cases | probes | agreeing probes | unclassified cases | harness failures |`,
    `| --- | --- | --- | --- | --- | --- | --- | --- |`,
    `| ${s.peer} | ${s.seed} | ${s.cases} | ${s.agreeingCases} (${pct(s.agreeingCases, s.cases)}) | ${s.probes} | ${s.agreeingProbes} (${pct(s.agreeingProbes, s.probes)}) | ${s.unclassifiedCases} | ${s.failures.length} |`,
    '',
    `| class | kind | cases | probes |`,
    `| --- | --- | --- | --- |`,
    ...Object.entries(s.classes)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([id, k]) => `| ${id} | ${k.kind} | ${k.cases} | ${k.probes} |`),
    ...(s.unclassifiedCases > 0 ? [`| UNCLASSIFIED | - | ${s.unclassifiedCases} | ${s.unclassifiedProbes} |`] : []),
  ];
  return lines.join('\n');
}

function main(argv: string[]): number {
  const arg = (name: string, def: string): string => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] !== undefined ? (argv[i + 1] as string) : def;
  };
  const cases = Number(arg('cases', '200'));
  const seed = Number(arg('seed', '1'));
  const out = arg('out', 'test-artifacts/differential');
  const peers = (arg('peer', 'all') === 'all' ? ['assistant', 'analyzer'] : [arg('peer', '')]) as PeerName[];
  if (!Number.isInteger(cases) || cases < 1 || !Number.isInteger(seed) || peers.some((p) => p !== 'assistant' && p !== 'analyzer')) {
    process.stderr.write('usage: npm run differential -- --cases N [--seed S] [--peer analyzer|assistant] [--out DIR] [--no-simplify]\n');
    return 2;
  }
  let rc = 0;
  for (const peer of peers) {
    const bin = peerBinary(peer === 'assistant' ? 'cyclonus-shim' : 'netpolicy');
    if (!bin.path) {
      process.stderr.write(`differential: WARNING: SKIPPING peer ${peer}: ${bin.why}\n`);
      continue;
    }
    mkdirSync(out, { recursive: true });
    // A partial summary after every batch, so a long campaign that is stopped still reports.
    const partial = (p: Summary, done: number): void => writeFileSync(join(out, `summary-${peer}-seed${seed}.md`), `${summaryMarkdown({ ...p, cases: done })}\n`);
    const s = runCampaign(peer, seed, cases, { ...(argv.includes('--no-simplify') ? { simplify: false } : {}), progress: (m) => process.stderr.write(`${m}\n`), partial });
    s.shrunk.forEach((x, i) => {
      const dir = join(out, `${peer}-seed${seed}-${i}`);
      mkdirSync(dir, { recursive: true });
      for (const f of caseFiles(x.c)) writeFileSync(join(dir, f.file), f.text);
      writeFileSync(join(dir, 'disagreements.txt'), `case seed ${x.seed}\n${x.disagreements.join('\n')}\n`);
      x.dir = dir;
      process.stderr.write(`differential: shrunk unclassified case written to ${dir}\n`);
    });
    for (const f of s.failures.slice(0, 5)) process.stderr.write(`differential: harness failure on case seed ${f.seed}: ${f.why}\n`);
    process.stdout.write(`${summaryMarkdown(s)}\n\n`);
    if (s.unclassifiedCases > 0 || s.failures.length > 0) rc = 1;
  }
  return rc;
}

if (process.argv[1]?.endsWith('campaign.ts')) process.exitCode = main(process.argv.slice(2));

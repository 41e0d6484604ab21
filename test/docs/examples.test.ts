// Keeps the docs true: every `netpol ...` line of a ```sh block in README.md and docs/*.md runs
// (in process, cwd = repo root) and ends as documented; synopsis flags exist in `--help`.
// Markers in a doc line's trailing comment: `# exit N` (exact exit code expected; default 0 or 1),
// `(skip: REASON)` (listed, not run). Lines under a `$ netpol ...` line are output that must appear.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { exclusionReason, extractExamples, synopsisFlags } from './extract.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOCS = readdirSync(`${ROOT}docs`)
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => `docs/${f}`);
const FILES = ['README.md', ...DOCS];
const read = (f: string): string => readFileSync(`${ROOT}${f}`, 'utf8');

const examples = FILES.flatMap((f) => extractExamples(f, read(f)));
const runnable = examples.filter((ex) => exclusionReason(ex) === undefined);
const excluded = examples.filter((ex) => exclusionReason(ex) !== undefined);

// A stack trace in stderr means a crash, whatever the exit code.
const STACK = /^\s+at .+\(.+:\d+:\d+\)$/m;

let cwd = '';
beforeAll(() => {
  cwd = process.cwd();
  process.chdir(ROOT); // doc paths are relative to the repo root
  if (excluded.length > 0) {
    console.warn(
      `docs examples not run here (they run in CI's lab/cluster suites or by hand):\n${excluded
        .map((ex) => `  ${ex.file}:${ex.line} ${ex.text}  -- ${exclusionReason(ex)}`)
        .join('\n')}`,
    );
  }
});
afterAll(() => process.chdir(cwd));

describe('documented examples', () => {
  it('finds the examples (README first command, cli.md transcripts)', () => {
    expect(runnable.length).toBeGreaterThanOrEqual(8);
    expect(runnable.some((ex) => ex.file === 'README.md' && ex.args.join(' ') === 'analyze examples/demo')).toBe(true);
    expect(runnable.filter((ex) => ex.file === 'docs/cli.md').length).toBeGreaterThanOrEqual(5);
  });

  it.each(runnable.map((ex) => [`${ex.file}:${ex.line} ${ex.text}`, ex] as const))('%s', async (_name, ex) => {
    const r = await runCli(...ex.args);
    expect(r.stderr).not.toMatch(STACK);
    if (ex.exit !== undefined) expect(r.code, r.stderr).toBe(ex.exit);
    else expect([0, 1], r.stderr).toContain(r.code);
    if (r.code === 2) {
      // Bad input: the problems are reported (stderr; stdout for validate, where they are the output).
      const said = r.stderr + r.stdout;
      expect(said.trim()).not.toBe('');
      for (const want of ex.output) expect(said, `${ex.file}:${ex.line}`).toContain(want);
      return;
    }
    expect(r.stdout.trim()).not.toBe('');
    // Output shown under a `$ ` line must be real output (lines in order of the doc need not be adjacent).
    const lines = r.stdout.split('\n').map((l) => l.trimEnd());
    for (const want of ex.output) expect(lines, `${ex.file}:${ex.line}`).toContain(want);
    // A JSON or SARIF format must print exactly one JSON document.
    const f = ex.args.findIndex((a) => a === '-f' || a === '--format');
    if (f >= 0 && ['json', 'sarif'].includes(ex.args[f + 1] ?? '')) expect(() => JSON.parse(r.stdout)).not.toThrow();
  });
});

describe('docs structure', () => {
  const readme = read('README.md');

  it('README starts with exactly its two commands', () => {
    const first = /```sh\n([\s\S]*?)```/.exec(readme);
    expect(readme.indexOf('```sh')).toBe(readme.indexOf('```'));
    expect(first?.[1]).toBe('npm install && npx netpol analyze examples/demo\nnpm run ci\n');
  });

  it('the fixture of peer-differences.md A2 is the YAML the doc shows', () => {
    const yaml = read('test/docs/fixtures/notin-absent-key.yaml').replace(/^#.*\n/, '');
    expect(read('docs/peer-differences.md')).toContain(`\`\`\`yaml\n${yaml}\`\`\``);
  });

  it.each(DOCS)('README links %s', (doc) => {
    expect(readme.includes(`](${doc})`), `README.md must link ${doc}`).toBe(true);
  });
});

describe('synopses match --help', () => {
  const synopses = FILES.flatMap((f) => synopsisFlags(read(f)).map((s) => ({ ...s, file: f })));

  it('finds the synopses of the main commands', () => {
    const cmds = new Set(synopses.map((s) => s.cmd));
    for (const c of ['validate', 'analyze', 'can-reach', 'explain', 'diff', 'audit', 'pivot', 'serve', 'compile', 'enforce'])
      expect(cmds).toContain(c);
  });

  const help = new Map<string, string>();
  it.each(synopses.map((s) => [`${s.file}:${s.line} netpol ${s.cmd}`, s] as const))('%s', async (_n, s) => {
    if (!help.has(s.cmd)) {
      const r = await runCli(...s.cmd.split(' '), '--help');
      expect(r.code).toBe(0);
      help.set(s.cmd, r.stdout);
    }
    const text = help.get(s.cmd) ?? '';
    for (const flag of s.flags) {
      const esc = flag.replace(/[-]/g, '\\-');
      expect(new RegExp(`(^|[\\s,])${esc}([\\s,=]|$)`, 'm').test(text), `${flag} of netpol ${s.cmd}`).toBe(true);
    }
  });

  // The other way round: every option of `netpol CMD --help` appears in one of CMD's synopses.
  // --cluster and its companions are documented once, in cli.md's live-cluster table.
  const CLUSTER = ['--cluster', '--kubeconfig', '--context', '--cluster-namespace', '--help'];
  const cmds = [...new Set(synopses.map((s) => s.cmd))];
  it.each(cmds)('every option of netpol %s --help is in its synopsis', async (cmd) => {
    const r = await runCli(...cmd.split(' '), '--help');
    const documented = new Set(synopses.filter((s) => s.cmd === cmd).flatMap((s) => s.flags));
    const options = [...r.stdout.matchAll(/^ {2}(?:(-\w), )?(--[\w-]+)/gm)];
    expect(options.length).toBeGreaterThan(0);
    for (const [, short, long] of options) {
      if (CLUSTER.includes(long as string)) continue;
      expect(documented.has(long as string) || (short !== undefined && documented.has(short)), `${long} of netpol ${cmd}`).toBe(true);
    }
  });

  it('every command of netpol --help has a synopsis', async () => {
    const r = await runCli('--help');
    const listed = [...r.stdout.matchAll(/^ {2}([a-z][a-z-]*) /gm)].map((m) => m[1] as string).filter((c) => c !== 'help');
    expect(listed.length).toBeGreaterThanOrEqual(10);
    for (const c of listed) expect(cmds.some((s) => s === c || s.startsWith(`${c} `)), c).toBe(true);
  });
});

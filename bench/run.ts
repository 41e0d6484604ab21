// `npm run bench [-- --scenario 1k|10k|100k] [--json] [--enforce]`
// Each scenario runs in its own Node process (peak RSS is per scenario); prints a table on stdout,
// or with --json one JSON object per scenario per line. Progress goes to stderr.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { measure, type BenchResult } from './measure.js';
import { scenarios } from './scenarios.js';

const here = dirname(fileURLToPath(import.meta.url));

async function loadExtensions(): Promise<void> {
  let files: string[] = [];
  try {
    files = readdirSync(join(here, 'extensions')).filter((f) => f.endsWith('.ts'));
  } catch {
    return; // no extensions
  }
  for (const f of files.sort()) await import(pathToFileURL(join(here, 'extensions', f)).href);
}

const COLUMNS: [keyof BenchResult, string][] = [
  ['scenario', 'scenario'], ['pods', 'pods'], ['policies', 'policies'], ['classes', 'classes'],
  ['parseMs', 'parse ms'], ['buildMs', 'build ms'], ['analyzeMs', 'analyze ms'], ['allowedPairs', 'allowed pairs'],
  ['peakRssMB', 'peak RSS MB'], ['incrementalMs', 'incr ms'], ['queryP50Us', 'q p50 µs'], ['queryP99Us', 'q p99 µs'],
  ['referenceRatio', 'ref ×'], ['peerRatio', 'peer ×'],
];

function table(rows: BenchResult[]): string {
  const cells = [COLUMNS.map(([, h]) => h), ...rows.map((r) => COLUMNS.map(([k]) => (r[k] === null ? '—' : String(r[k]))))];
  const widths = COLUMNS.map((_, i) => Math.max(...cells.map((c) => c[i]!.length)));
  return cells.map((c) => c.map((x, i) => x.padStart(widths[i]!)).join('  ')).join('\n') + '\n';
}

async function main(argv: string[]): Promise<number> {
  await loadExtensions();
  const child = argv.indexOf('--child');
  if (child >= 0) {
    const s = scenarios.get(argv[child + 1] ?? '');
    if (!s) return 2;
    process.stdout.write(`${JSON.stringify(await measure(s, argv))}\n`);
    return 0;
  }
  const picked: string[] = [];
  argv.forEach((a, i) => {
    if (a === '--scenario' && argv[i + 1]) picked.push(...argv[i + 1]!.split(','));
  });
  const names = picked.length ? picked : [...scenarios.values()].filter((s) => s.default).map((s) => s.name);
  const unknown = names.filter((n) => !scenarios.has(n));
  if (unknown.length) {
    process.stderr.write(`bench: unknown scenario ${unknown.join(', ')} (known: ${[...scenarios.keys()].join(', ')})\n`);
    return 2;
  }
  const json = argv.includes('--json');
  const pass = argv.filter((a) => a.startsWith('--') && a !== '--json' && a !== '--scenario');
  const results: BenchResult[] = [];
  for (const name of names) {
    process.stderr.write(`bench: ${name} ...\n`);
    const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', name, ...pass], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 26,
    });
    const line = r.stdout.trim().split('\n').pop() ?? '';
    if (r.status !== 0 || !line.startsWith('{')) {
      process.stderr.write(`bench: scenario ${name} failed (exit ${r.status ?? r.signal})\n`);
      return 1;
    }
    const res = JSON.parse(line) as BenchResult;
    results.push(res);
    if (json) process.stdout.write(`${line}\n`);
    else process.stderr.write(`bench: ${name}: reference ${res.referenceMethod}\n`);
  }
  if (!json) process.stdout.write(table(results));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);

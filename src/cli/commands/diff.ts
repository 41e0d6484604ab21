// `netpol diff OLD NEW`: what a change of manifests changes in connectivity.
import { Option, type Command } from 'commander';
import { analyzeDiff, isEmptyDiff } from '../../core/analysis/diff.js';
import { defaultLevel } from '../../core/analysis/endpoints.js';
import { DIFF_FORMATS, formatDiff, type DiffFormat } from '../../core/report/diff.js';
import { addAnalysisOptions, analysisEngine, connectivityOptions, progressBar, type AnalysisFlags } from '../analysis-options.js';
import { CliExit, EXIT_NEGATIVE } from '../errors.js';
import { loadFromPaths } from '../load.js';
import { out } from '../output.js';

interface DiffFlags extends AnalysisFlags {
  format: DiffFormat;
  exitCode?: boolean;
}

/** OLD and NEW are each a file, a directory, or a comma-separated list of them. */
const splitList = (arg: string): string[] => arg.split(',').filter((s) => s !== '');

export function register(program: Command): void {
  const cmd = program
    .command('diff')
    .description('Compare the connectivity of two versions: connections added, removed and changed, endpoints added and removed.')
    .argument('<old>', 'file, directory, or comma-separated list of them')
    .argument('<new>', 'file, directory, or comma-separated list of them')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...DIFF_FORMATS]).default('text'))
    .option('--exit-code', 'exit with 1 when anything changed (as git diff --exit-code)');
  addAnalysisOptions(cmd).action(async (oldArg: string, newArg: string, flags: DiffFlags) => {
    const opts = connectivityOptions(flags);
    const before = await loadFromPaths(splitList(oldArg));
    const after = await loadFromPaths(splitList(newArg));
    // one level for both sides, so that endpoint ids compare
    const level = opts.level ?? (defaultLevel(before.cluster) === 'workload' || defaultLevel(after.cluster) === 'workload' ? 'workload' : 'pod');
    const bar = progressBar(flags.progress !== false, 'diff');
    const a = analysisEngine(before, flags.ipblockScope);
    const b = analysisEngine(after, flags.ipblockScope);
    const d = analyzeDiff(
      a.engine,
      b.engine,
      { ...opts, level, ...(bar.onProgress ? { onProgress: bar.onProgress } : {}) },
      { before: a.exposures, after: b.exposures },
    );
    bar.finish();
    out(formatDiff(d, flags.format));
    if (flags.exitCode && !isEmptyDiff(d)) throw new CliExit(EXIT_NEGATIVE);
  });
}

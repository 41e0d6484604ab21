// `netpol analyze PATH...`: every ordered pair of endpoints with what it may open.
import process from 'node:process';
import { Option, type Command } from 'commander';
import { analyzeConnectivity } from '../../core/analysis/connectivity.js';
import { endpointMatches } from '../../core/analysis/filters.js';
import { summarizeAnalysis } from '../../core/analysis/summary.js';
import { createEngine } from '../../core/engine/index.js';
import { ANALYZE_FORMATS, formatAnalysisSummary, formatConnectivity, MATRIX_LIMIT, type AnalyzeFormat } from '../../core/report/index.js';
import { addAnalysisOptions, analysisEngine, connectivityOptions, progressBar, type AnalysisFlags } from '../analysis-options.js';
import { badInput } from '../errors.js';
import { loadFromPaths } from '../load.js';
import { out } from '../output.js';

interface AnalyzeFlags extends AnalysisFlags {
  format: AnalyzeFormat;
  matrix?: boolean;
  verbose?: boolean;
}

export function register(program: Command): void {
  const cmd = program
    .command('analyze')
    .description('List every pair of endpoints (pods or workloads, and external address blocks) with the connections allowed between them.')
    .argument('<paths...>', 'manifest files, directories, or - for stdin')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...ANALYZE_FORMATS]).default('text'))
    .option('--matrix', 'text format: add a matrix (default: on a terminal, when there are at most 12 endpoints)')
    .option('--no-matrix', 'text format: never add the matrix')
    .option('-v, --verbose', 'print what was loaded to stderr');
  addAnalysisOptions(cmd).action(async (paths: string[], flags: AnalyzeFlags) => {
    const opts = connectivityOptions(flags);
    const loaded = await loadFromPaths(paths, { ...(flags.verbose ? { verbose: true } : {}) });
    if (flags.format === 'summary' && opts.focus === undefined) {
      // counts without listing pairs: fast on large clusters
      out(formatAnalysisSummary(summarizeAnalysis(createEngine(loaded.cluster, { ipBlockScope: flags.ipblockScope }), opts)));
      return;
    }
    // Routes and Ingresses (skipped by the model) add netpol-analyzer's {ingress-controller} source
    const { engine, exposures } = analysisEngine(loaded, flags.ipblockScope);
    const bar = progressBar(flags.progress !== false, 'analyze');
    const result = analyzeConnectivity(engine, {
      ...opts,
      ...(exposures.length > 0 ? { exposures } : {}),
      ...(bar.onProgress ? { onProgress: bar.onProgress } : {}),
    });
    bar.finish();
    if (opts.focus !== undefined && !result.endpoints.some((e) => endpointMatches(e, opts.focus!))) {
      throw badInput(`netpol: --focus: no endpoint matches "${opts.focus}"`);
    }
    const clusterCount = result.endpoints.filter((e) => e.type === 'cluster').length;
    const matrix = flags.matrix ?? (process.stdout.isTTY === true && clusterCount > 0 && clusterCount <= MATRIX_LIMIT);
    out(flags.format === 'summary' ? formatAnalysisSummary(summarizeAnalysis(engine, opts, result)) : formatConnectivity(result, flags.format, { matrix }));
  });
}

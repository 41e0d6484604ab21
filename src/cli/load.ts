// The shared loader of every command's PATH... arguments: read, parse, validate, report, or exit 2.
import process from 'node:process';
import type { Cluster, Problem } from '../core/model/types.js';
import { loadCluster, type InputFile } from '../core/parse/index.js';
import { formatProblem } from '../core/validate/format.js';
import { CliExit, EXIT_BAD_INPUT } from './errors.js';
import { color, err, useColor } from './output.js';
import { readInputs } from './read-inputs.js';
import { readLiveInputs } from './cluster-input.js';

export interface LoadOptions {
  readonly namespace?: string;
  /** Print skipped kinds and what was loaded to stderr. */
  readonly verbose?: boolean;
  /** Do not print problems (the caller reports them, e.g. `validate --format json`). */
  readonly quiet?: boolean;
  /** Return even when there are errors (default: throw CliExit(2)). */
  readonly keepGoing?: boolean;
}

export interface LoadResult {
  readonly cluster: Cluster;
  readonly problems: Problem[];
  readonly skipped: Record<string, number>;
  readonly files: string[];
  /** The texts read, for commands that look at kinds the model skips (analyze: Route, Ingress). */
  readonly inputs: readonly InputFile[];
}

export function summarize(cluster: Cluster): string {
  const n = (k: number, what: string) => `${k} ${what}${k === 1 ? '' : 's'}`;
  const implicit = cluster.namespaces.filter((x) => x.implicit).length;
  return [
    `${n(cluster.namespaces.length, 'namespace')}${implicit ? ` (${implicit} implicit)` : ''}`,
    n(cluster.pods.length, 'pod'),
    n(cluster.workloads.length, 'workload'),
    n(cluster.services.length, 'service'),
    n(cluster.policies.length, 'policy').replace('policys', 'policies'),
  ].join(', ');
}

export function printProblems(problems: readonly Problem[]): void {
  const on = useColor(process.stderr);
  for (const p of problems) {
    const line = formatProblem(p);
    err(p.severity === 'error' ? color.red(line, on) : color.yellow(line, on));
  }
}

export async function loadFromPaths(paths: string[], opts: LoadOptions = {}): Promise<LoadResult> {
  const live = await readLiveInputs(paths); // --cluster and `cluster:` paths (src/cli/cluster-input.ts)
  if (paths.length === 0 && !live.used) throw new CliExit(EXIT_BAD_INPUT, 'netpol: no input: give one or more PATHs (files, directories or - for stdin)');
  const disk = await readInputs(live.paths);
  const read = { files: [...disk.files, ...live.files], problems: [...disk.problems, ...live.problems] };
  const loaded = loadCluster(read.files, opts.namespace !== undefined ? { namespace: opts.namespace } : {});
  const problems = [...read.problems, ...loaded.problems];
  if (!opts.quiet) printProblems(problems);
  if (opts.verbose) {
    err(`loaded ${read.files.length} file(s): ${summarize(loaded.cluster)}`);
    for (const [kind, count] of Object.entries(loaded.skipped).sort()) err(`skipped ${count} ${kind} object(s): not modelled by netpol`);
  }
  const errors = problems.filter((p) => p.severity === 'error').length;
  if (errors > 0 && !opts.keepGoing) {
    throw new CliExit(EXIT_BAD_INPUT, `netpol: ${errors} error(s) in input; nothing was done`);
  }
  return { cluster: loaded.cluster, problems, skipped: loaded.skipped, files: read.files.map((f) => f.file), inputs: read.files };
}

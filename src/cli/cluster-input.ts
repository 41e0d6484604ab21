// `--cluster [--kubeconfig F] [--context C] [--cluster-namespace NS]` for the read commands, and the
// `cluster:` pseudo-path (`cluster:` or `cluster:CONTEXT`) that loadFromPaths accepts anywhere.
import type { Command } from 'commander';
import type { Problem } from '../core/model/types.js';
import type { InputFile } from '../core/parse/index.js';

/** Commands whose PATH... may be replaced by --cluster (they all read through loadFromPaths). */
export const CLUSTER_COMMANDS = ['analyze', 'validate', 'audit', 'pivot', 'can-reach', 'explain', 'compile'];

export interface ClusterFlags {
  cluster?: boolean;
  kubeconfig?: string;
  context?: string;
  clusterNamespace?: string;
}

/** The flags of the command being run (set by the hook before its action). */
let current: ClusterFlags = {};

export function addClusterOptions(cmd: Command): Command {
  return cmd
    .option('--cluster', 'read the live cluster (kubeconfig or in-cluster credentials) instead of, or besides, PATHs')
    .option('--kubeconfig <file>', 'with --cluster: this kubeconfig (default: $KUBECONFIG, ~/.kube/config, in-cluster)')
    .option('--context <name>', 'with --cluster: this kubeconfig context')
    .option('--cluster-namespace <ns>', 'with --cluster: read only this namespace (default: all)');
}

/** Adds the flags to the read commands just before commander parses them; PATHs become optional with --cluster. */
export function register(program: Command): void {
  program.hook('preSubcommand', (_root, sub) => {
    current = {};
    if (!CLUSTER_COMMANDS.includes(sub.name())) return;
    addClusterOptions(sub);
    if ((program as unknown as { rawArgs?: string[] }).rawArgs?.includes('--cluster')) {
      for (const a of sub.registeredArguments) (a as { required: boolean }).required = false;
    }
    sub.hook('preAction', (cmd) => {
      current = cmd.opts<ClusterFlags>();
    });
  });
}

export interface LiveInputs {
  /** The PATHs that are files, directories or stdin. */
  readonly paths: string[];
  readonly files: InputFile[];
  readonly problems: Problem[];
  /** True when the cluster was read (so no PATH is fine). */
  readonly used: boolean;
}

/** Reads the live cluster for --cluster and each `cluster:[CONTEXT]` path; other paths pass through. */
export async function readLiveInputs(paths: readonly string[], flags: ClusterFlags = current): Promise<LiveInputs> {
  const pseudo = paths.filter((p) => p === 'cluster:' || /^cluster:[^/\\]+$/.test(p));
  const rest = paths.filter((p) => !pseudo.includes(p));
  const contexts: (string | undefined)[] = pseudo.map((p) => (p === 'cluster:' ? flags.context : p.slice('cluster:'.length)));
  if (flags.cluster && !contexts.includes(flags.context)) contexts.unshift(flags.context);
  if (contexts.length === 0) return { paths: rest, files: [], problems: [], used: false };
  // loaded only when asked for: the client is large
  const { loadKubeConfig } = await import('../cluster/kubeconfig.js');
  const { fetchCluster, toInputFiles } = await import('../cluster/fetch.js');
  const files: InputFile[] = [];
  const problems: Problem[] = [];
  for (const context of contexts) {
    try {
      const kc = loadKubeConfig({ ...(flags.kubeconfig !== undefined ? { kubeconfig: flags.kubeconfig } : {}), ...(context !== undefined ? { context } : {}) });
      const got = await fetchCluster(kc, flags.clusterNamespace !== undefined ? { namespace: flags.clusterNamespace } : {});
      files.push(...toInputFiles(got.lists));
      problems.push(...got.problems);
    } catch (e) {
      problems.push({ code: 'cluster-unreachable', severity: 'error', message: `cluster: ${(e as Error).message}`, path: '' });
    }
  }
  return { paths: rest, files, problems, used: true };
}

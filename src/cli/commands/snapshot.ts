// `netpol snapshot --cluster [--kubeconfig F] [--context C] [--cluster-namespace NS] --out DIR|-`:
// the live cluster's namespaces, pods, workloads, services and policies as YAML, for offline use.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { addClusterOptions, type ClusterFlags } from '../cluster-input.js';
import { badInput, CliExit, EXIT_BAD_INPUT } from '../errors.js';
import { printProblems } from '../load.js';
import { err, out } from '../output.js';

interface Flags extends ClusterFlags {
  out: string;
}

export function register(program: Command): void {
  addClusterOptions(
    program
      .command('snapshot')
      .description('Save the live cluster\'s namespaces, pods, workloads, services and network policies as YAML (--cluster is implied).'),
  )
    .requiredOption('-o, --out <dir>', 'directory to write <resource>.yaml files into, or - for one YAML stream on stdout')
    .action(async (f: Flags) => {
      const { loadKubeConfig } = await import('../../cluster/kubeconfig.js');
      const { fetchCluster } = await import('../../cluster/fetch.js');
      const { snapshotFiles, snapshotStream } = await import('../../cluster/snapshot.js');
      let kc;
      try {
        kc = loadKubeConfig({ ...(f.kubeconfig !== undefined ? { kubeconfig: f.kubeconfig } : {}), ...(f.context !== undefined ? { context: f.context } : {}) });
      } catch (e) {
        throw badInput(`netpol: ${(e as Error).message}`);
      }
      const got = await fetchCluster(kc, f.clusterNamespace !== undefined ? { namespace: f.clusterNamespace } : {});
      printProblems(got.problems);
      const errors = got.problems.filter((p) => p.severity === 'error').length;
      if (errors > 0) throw new CliExit(EXIT_BAD_INPUT, `netpol: ${errors} error(s) reading the cluster; nothing was written`);
      const files = snapshotFiles(got.lists);
      if (f.out === '-') {
        out(snapshotStream(files).replace(/\n$/, ''));
        return;
      }
      await mkdir(f.out, { recursive: true });
      // write then rename: a reader never sees a half-written file
      for (const file of files) {
        const target = join(f.out, file.name);
        await writeFile(`${target}.tmp`, file.text);
        await rename(`${target}.tmp`, target);
      }
      err(`netpol: wrote ${files.map((x) => `${x.count} ${x.name.replace(/\.yaml$/, '')}`).join(', ') || 'nothing (no objects)'} to ${f.out}`);
    });
}

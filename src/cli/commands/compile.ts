// `netpol compile PATH... --node NODE [--pods ns/a,ns/b] [--format nft|json]`: the nftables ruleset
// that enforces the policies for one node's pods (docs/enforcement.md). Prints only; loads nothing.
import { Option, type Command } from 'commander';
import type { Cluster } from '../../core/model/types.js';
import { podId } from '../../core/model/types.js';
import type { IpBlockScope } from '../../core/engine/types.js';
import { compileRuleset, selectPods, type CompileOptions, type CompileResult } from '../../enforce/compile.js';
import { renderJson } from '../../enforce/render-json.js';
import { renderNft } from '../../enforce/render-nft.js';
import { badInput } from '../errors.js';
import { loadFromPaths } from '../load.js';
import { err, out } from '../output.js';

export interface TargetFlags {
  node?: string;
  pods?: string;
  ipblockScope: IpBlockScope;
  namespace?: string;
}

export function addTargetOptions(cmd: Command): Command {
  return cmd
    .option('--node <node>', 'enforce for the pods whose spec.nodeName is NODE')
    .option('--pods <list>', 'or for these pods: ns/name,ns/name')
    .addOption(new Option('--ipblock-scope <scope>', 'all: ipBlocks match pod IPs too (upstream); external: only addresses outside the cluster').choices(['all', 'external']).default('all'))
    .option('--namespace <ns>', 'namespace for objects without one (default: default)');
}

/** Checks --node/--pods against the cluster and compiles; usage errors exit 2. */
export function compileFor(cluster: Cluster, f: TargetFlags): CompileResult {
  if ((f.node === undefined) === (f.pods === undefined)) throw badInput('netpol: give exactly one of --node NODE or --pods ns/a,ns/b');
  const opts: CompileOptions = {
    ipBlockScope: f.ipblockScope,
    ...(f.node !== undefined ? { node: f.node } : {}),
    ...(f.pods !== undefined ? { pods: f.pods.split(',').map((s) => s.trim()).filter((s) => s !== '') } : {}),
  };
  if (opts.pods) {
    const known = new Set(cluster.pods.map(podId));
    const missing = opts.pods.filter((p) => !known.has(p));
    if (missing.length) throw badInput(`netpol: --pods: no such pod: ${missing.join(', ')} (want ns/name)`);
  } else if (selectPods(cluster, opts).length === 0) {
    const nodes = [...new Set(cluster.pods.flatMap((p) => (p.nodeName ? [p.nodeName] : [])))].sort();
    err(`netpol: warning: no pod has spec.nodeName "${f.node}"${nodes.length ? ` (nodes in the input: ${nodes.join(', ')})` : ''}; the ruleset isolates nothing`);
  }
  const res = compileRuleset(cluster, opts);
  for (const n of res.notes) err(`netpol: note: ${n}`);
  return res;
}

export function register(program: Command): void {
  addTargetOptions(
    program
      .command('compile')
      .description('Print the nftables ruleset (table inet netpol) that enforces the policies for one node')
      .argument('<paths...>', 'manifest files or directories, - for stdin'),
  )
    .addOption(new Option('--format <format>', 'nft text, or libnftables JSON (nft -j -f)').choices(['nft', 'json']).default('nft'))
    .action(async (paths: string[], f: TargetFlags & { format: 'nft' | 'json' }) => {
      const { cluster } = await loadFromPaths(paths, f.namespace !== undefined ? { namespace: f.namespace } : {});
      const res = compileFor(cluster, f);
      out(f.format === 'json' ? `${JSON.stringify(renderJson(res.ruleset), null, 2)}\n` : renderNft(res.ruleset));
    });
}

// `netpol lab up|probe|down PATH... [--name PREFIX] [--nodes N]`: a virtual cluster of network
// namespaces that enforces the compiled rulesets, probed with real packets (docs/enforcement.md).
import { readdir } from 'node:fs/promises';
import process from 'node:process';
import type { Command } from 'commander';
import { nftAvailable } from '../../enforce/exec.js';
import { LAB_DIR, applyLabPolicies, labDown, labUp, readState } from '../../enforce/lab/lab.js';
import { isValidPrefix } from '../../enforce/lab/plan.js';
import { defaultTargets, formatProbe, parseTargets, probeLab } from '../../enforce/lab/probe.js';
import type { IpBlockScope } from '../../core/engine/types.js';
import { CliExit, EXIT_NEGATIVE, badInput } from '../errors.js';
import { loadFromPaths } from '../load.js';
import { err, out } from '../output.js';

interface Flags {
  name?: string;
  nodes?: string;
  ports?: string;
  timeout?: string;
  ipblockScope?: IpBlockScope;
  namespace?: string;
}

async function requireRoot(): Promise<void> {
  const cap = await nftAvailable();
  if (!cap.ok) throw badInput(`netpol: the lab needs root, ip and nft: ${cap.why}`);
}

/** --name, or the only lab that exists. */
async function labName(f: Flags): Promise<string> {
  if (f.name !== undefined) {
    if (!isValidPrefix(f.name)) throw badInput(`netpol: --name: "${f.name}" must be lowercase letters, digits and -, starting with a letter (max 31)`);
    return f.name;
  }
  const labs = await readdir(LAB_DIR).catch(() => [] as string[]);
  if (labs.length === 1) return labs[0]!;
  throw badInput(labs.length === 0 ? 'netpol: no lab is up (netpol lab up PATH...)' : `netpol: several labs are up (${labs.join(', ')}): choose one with --name`);
}

export function register(program: Command): void {
  const lab = program.command('lab').description('Build network namespaces that enforce the policies, and probe them with real packets (root)');
  lab
    .command('up')
    .description('Build the lab: node namespaces, one namespace per pod, servers on every container port, rulesets')
    .argument('<paths...>', 'manifest files or directories, - for stdin')
    .option('--name <prefix>', 'name prefix of every namespace (default: np-<random>)')
    .option('--nodes <n>', 'number of lab nodes (at least 2; default: the nodes named in the input)')
    .option('--namespace <ns>', 'namespace for objects without one')
    .action(async (paths: string[], f: Flags) => {
      await requireRoot();
      const prefix = f.name ?? `np-${Math.random().toString(36).slice(2, 8)}`;
      if (!isValidPrefix(prefix)) throw badInput(`netpol: --name: "${prefix}" must be lowercase letters, digits and -, starting with a letter (max 31)`);
      if (await readState(prefix)) throw badInput(`netpol: lab "${prefix}" is already up (netpol lab down --name ${prefix})`);
      const nodes = f.nodes === undefined ? undefined : Number(f.nodes);
      if (nodes !== undefined && (!Number.isInteger(nodes) || nodes < 2 || nodes > 16)) throw badInput('netpol: --nodes: must be an integer from 2 to 16');
      const { cluster } = await loadFromPaths(paths, f.namespace !== undefined ? { namespace: f.namespace } : {});
      // Ctrl-C while building: remove what exists, by exact name.
      const onSig = () => void labDown(prefix).finally(() => process.exit(130));
      process.once('SIGINT', onSig);
      process.once('SIGTERM', onSig);
      try {
        const { plan } = await labUp(cluster, { prefix, ...(nodes !== undefined ? { nodes } : {}) });
        for (const n of plan.notes) err(`netpol: note: ${n}`);
        out(`lab ${prefix} is up: ${plan.nodes.length} nodes, ${plan.pods.length} pods`);
        for (const p of plan.pods) out(`  ${p.id.padEnd(30)} ${p.ip.padEnd(16)} ${plan.nodes[p.node]}  ports ${p.ports.join(',') || '-'}`);
        out(`next: netpol lab probe PATH... --name ${prefix}   then: netpol lab down --name ${prefix}`);
      } finally {
        process.off('SIGINT', onSig);
        process.off('SIGTERM', onSig);
      }
    });
  lab
    .command('probe')
    .description('Re-apply the policies from PATH, probe every pod pair, and compare with the engine (exit 1 on a difference)')
    .argument('<paths...>', 'manifest files or directories (the same pods as at lab up; policies may change)')
    .option('--name <prefix>', 'the lab (default: the only one up)')
    .option('--ports <list>', 'what to probe, e.g. tcp/80,udp/53,sctp/9000 (default: every container port)')
    .option('--timeout <ms>', 'per-connection timeout', '1000')
    .option('--ipblock-scope <scope>', 'engine semantics: all (upstream) or external', 'all')
    .option('--namespace <ns>', 'namespace for objects without one')
    .action(async (paths: string[], f: Flags) => {
      await requireRoot();
      const prefix = await labName(f);
      const state = await readState(prefix);
      if (!state) throw badInput(`netpol: no lab named "${prefix}"`);
      const timeoutMs = Number(f.timeout);
      if (!Number.isInteger(timeoutMs) || timeoutMs < 50 || timeoutMs > 60_000) throw badInput('netpol: --timeout: milliseconds from 50 to 60000');
      if (f.ipblockScope !== 'all' && f.ipblockScope !== 'external') throw badInput('netpol: --ipblock-scope: all or external');
      const { cluster } = await loadFromPaths(paths, f.namespace !== undefined ? { namespace: f.namespace } : {});
      const known = new Set(state.pods.map((p) => p.id));
      const extra = cluster.pods.filter((p) => !p.hostNetwork && !known.has(`${p.namespace}/${p.name}`));
      if (extra.length) err(`netpol: note: not in the lab (run lab up again to add them): ${extra.map((p) => `${p.namespace}/${p.name}`).join(', ')}`);
      let targets;
      try {
        targets = f.ports ? parseTargets(f.ports) : defaultTargets(cluster);
      } catch (e) {
        throw badInput(`netpol: --ports: ${(e as Error).message}`);
      }
      if (targets.length === 0) throw badInput('netpol: nothing to probe: no container ports in the input; give --ports');
      await applyLabPolicies(state, cluster);
      const res = await probeLab(state, cluster, targets, { timeoutMs, ipBlockScope: f.ipblockScope });
      out(formatProbe(res));
      if (res.mismatches.length) throw new CliExit(EXIT_NEGATIVE, `netpol: ${res.mismatches.length} difference(s) between the dataplane and the engine`);
    });
  lab
    .command('down')
    .description('Remove everything lab up made, by exact name')
    .argument('[paths...]', 'ignored (accepted for symmetry with up)')
    .option('--name <prefix>', 'the lab (default: the only one up)')
    .action(async (_paths: string[], f: Flags) => {
      await requireRoot();
      const prefix = await labName(f);
      const removed = await labDown(prefix);
      out(`lab ${prefix} is down: removed ${removed.length} network namespace(s)`);
    });
}

// `netpol explain PATH... --pod ns/name`: one pod's isolation, selecting policies, and the peers and
// ports it accepts (ingress) and may reach (egress), in plain words or as JSON.
import { Option, type Command } from 'commander';
import { createEngine } from '../../core/engine/index.js';
import { explainPod, type DirectionExplanation, type PodExplanation } from '../../core/engine/explain.js';
import type { IpBlockScope } from '../../core/engine/types.js';
import { badInput } from '../errors.js';
import { loadFromPaths } from '../load.js';
import { color, out } from '../output.js';
import { endpointOrExit } from './can-reach.js';

interface Flags {
  pod: string;
  ipblockScope: IpBlockScope;
  format: 'text' | 'json';
  namespace?: string;
}

const LIST_LIMIT = 12;
const list = (xs: readonly string[]): string =>
  xs.length === 0 ? '(none in the input)' : xs.length <= LIST_LIMIT ? xs.join(', ') : `${xs.slice(0, LIST_LIMIT).join(', ')} and ${xs.length - LIST_LIMIT} more`;

function directionText(d: DirectionExplanation): string[] {
  const ingress = d.direction === 'Ingress';
  const lines = [color.bold(`${ingress ? 'Ingress' : 'Egress'}: ${d.summary}`)];
  for (const r of d.rules) {
    lines.push(`  ${r.ref}:`);
    lines.push(`    ${ingress ? 'from' : 'to'}: ${r.peers.join('; or ')}`);
    lines.push(`    ports: ${r.ports}${ingress && r.resolvedPorts && r.ports !== 'all ports' ? ` (on this pod: ${resolved(r.resolvedPorts)})` : ''}`);
    lines.push(`    pods matched: ${list(r.pods)}`);
    if (r.ipBlocks.length) lines.push(`    addresses: ${list(r.ipBlocks)}`);
  }
  if (d.isolated) {
    lines.push(`  ${ingress ? 'accepts from' : 'may reach'} pods of the input (this pod's policies only${ingress ? '' : '; the destination\'s ingress also applies'}):`);
    for (const g of d.byPod) lines.push(`    ${g.connections}: ${list(g.endpoints)}`);
  }
  return lines;
}

function resolved(json: readonly { protocol: string; ports: readonly (readonly [number, number])[] }[]): string {
  if (json.length === 0) return 'nothing';
  return json.map((e) => `${e.protocol} ${e.ports.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(',')}`).join(', ');
}

export function formatExplanation(x: PodExplanation): string {
  const lines = [
    `Pod ${x.pod} ${x.labels}`,
    `  IPs: ${x.ips.length ? x.ips.join(', ') : 'none (pending)'}${x.hostNetwork ? ' (hostNetwork)' : ''}`,
    `  Selected by: ${x.selectingPolicies.length ? x.selectingPolicies.map((p) => `${p.policy} [${p.policyTypes.join(', ')}]`).join(', ') : 'no policy'}`,
    '',
    ...directionText(x.ingress),
    '',
    ...directionText(x.egress),
  ];
  if (x.notes.length) lines.push('', ...x.notes.map((n) => `note: ${n}`));
  return lines.join('\n');
}

export function register(program: Command): void {
  program
    .command('explain')
    .description('Describe one pod: isolation per direction, the policies selecting it, and the peers and ports it accepts and may reach.')
    .argument('<paths...>', 'manifest files, directories, or - for stdin')
    .requiredOption('--pod <pod>', 'the pod: ns/name, or ns/name[Kind] for a workload\'s pod template')
    .addOption(new Option('--ipblock-scope <scope>', 'all: ipBlocks match pod IPs too (upstream); external: only addresses outside the cluster').choices(['all', 'external']).default('all'))
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('-n, --namespace <ns>', 'namespace for objects and the pod given without one (default "default")')
    .action(async (paths: string[], flags: Flags) => {
      const loaded = await loadFromPaths(paths, flags.namespace !== undefined ? { namespace: flags.namespace } : {});
      const r = endpointOrExit(loaded.cluster, '--pod', flags.pod, flags.namespace);
      if (r.endpoint.kind !== 'pod') throw badInput(`netpol: --pod: "${flags.pod}" is an address outside the cluster, not a pod`);
      const engine = createEngine(loaded.cluster, { ipBlockScope: flags.ipblockScope });
      const x = explainPod(engine, r.endpoint.pod);
      out(flags.format === 'json' ? JSON.stringify(x, null, 2) : formatExplanation(x));
    });
}

// `netpol pivot PATH... --from ENDPOINT`: lateral movement from a compromised endpoint, hop by hop;
// `--rank`: every endpoint by blast radius.
import { Option, type Command } from 'commander';
import { createEngine } from '../../core/engine/index.js';
import type { IpBlockScope } from '../../core/engine/types.js';
import type { Level } from '../../core/analysis/types.js';
import { effectiveConfig } from '../../core/analysis/audit/config.js';
import { buildPivotGraph, defaultTargets, findEndpoint, labelTargets, pivot, rankBlastRadius, type Target } from '../../core/analysis/audit/pivot.js';
import { formatPivotDot, formatPivotText, formatRankDot, formatRankText, pivotToJson, PIVOT_FORMATS, type PivotFormat } from '../../core/report/audit-pivot.js';
import { loadAuditConfig } from '../audit-config.js';
import { badInput } from '../errors.js';
import { loadFromPaths } from '../load.js';
import { out } from '../output.js';

interface PivotFlags {
  from?: string;
  to?: string;
  toLabel?: string;
  hops: string;
  rank?: boolean;
  format: PivotFormat;
  level?: Level;
  config?: string;
  ipblockScope: IpBlockScope;
  namespace?: string;
  verbose?: boolean;
}

export function register(program: Command): void {
  program
    .command('pivot')
    .description('Lateral movement: what a compromised pod or workload reaches in 1..N hops, and the shortest attack paths to databases, kube-system and the internet.')
    .argument('<paths...>', 'manifest files, directories, or - for stdin')
    .option('--from <endpoint>', 'the compromised endpoint: ns/pod, ns/name[Kind], ns/name or an IP')
    .option('--to <endpoint>', 'the one target (default: database-labelled pods, sensitive namespaces, the internet)')
    .option('--to-label <k=v>', 'targets: endpoints whose pods carry this label (k=v, or k for any value)')
    .option('--hops <n>', 'maximum hops', '3')
    .option('--rank', 'rank every endpoint by blast radius (endpoints reachable within --hops)')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...PIVOT_FORMATS]).default('text'))
    .addOption(new Option('--level <level>', 'endpoints: pods, or workloads (default: workload when the input holds workloads)').choices(['pod', 'workload']))
    .option('--config <file>', 'settings (.netpol.yaml audit.targetLabels / sensitiveNamespaces)')
    .addOption(new Option('--ipblock-scope <scope>', 'all: ipBlocks match pod IPs too (upstream); external: only outside addresses').choices(['all', 'external']).default('all'))
    .option('-n, --namespace <ns>', 'namespace for objects without metadata.namespace (default: default)')
    .option('-v, --verbose', 'print what was loaded to stderr')
    .action(async (paths: string[], flags: PivotFlags) => {
      const hops = Number(flags.hops);
      if (!/^\d+$/.test(flags.hops) || hops < 1 || hops > 100) throw badInput(`netpol: --hops: must be a whole number from 1 to 100, not "${flags.hops}"`);
      if (!flags.rank && flags.from === undefined) throw badInput('netpol: pivot needs --from ENDPOINT (or --rank)');
      if (flags.to !== undefined && flags.toLabel !== undefined) throw badInput('netpol: give --to or --to-label, not both');
      if (flags.toLabel !== undefined && !/^[^=\s]+(=[^=\s]*)?$/.test(flags.toLabel)) throw badInput(`netpol: --to-label: expected k=v or k, not "${flags.toLabel}"`);
      const cfg = loadAuditConfig(flags.config);
      const config = effectiveConfig(cfg.config);
      const loaded = await loadFromPaths(paths, { ...(flags.verbose ? { verbose: true } : {}), ...(flags.namespace ? { namespace: flags.namespace } : {}) });
      const engine = createEngine(loaded.cluster, { ipBlockScope: flags.ipblockScope });
      const graph = buildPivotGraph(engine, flags.level);

      let targets: Target[];
      if (flags.to !== undefined) {
        const t = findEndpoint(graph, flags.to);
        if (typeof t === 'string') throw badInput(`netpol: --to: ${t}`);
        targets = [{ id: t.id, reason: '--to' }];
      } else if (flags.toLabel !== undefined) {
        targets = labelTargets(graph, flags.toLabel);
        if (targets.length === 0) throw badInput(`netpol: --to-label: no endpoint has label ${flags.toLabel}`);
      } else targets = defaultTargets(graph, engine, config);

      if (flags.rank) {
        const rank = rankBlastRadius(graph, hops, targets);
        if (flags.format === 'json') out(JSON.stringify({ maxHops: hops, rank }, null, 2));
        else if (flags.format === 'dot') out(formatRankDot(graph, rank));
        else out(formatRankText(rank, hops));
        return;
      }
      const start = findEndpoint(graph, flags.from!);
      if (typeof start === 'string') throw badInput(`netpol: --from: ${start}`);
      const result = pivot(graph, start.id, hops, targets);
      if (flags.format === 'json') out(JSON.stringify(pivotToJson(result), null, 2));
      else if (flags.format === 'dot') out(formatPivotDot(graph, result));
      else out(formatPivotText(result, (id) => graph.byId.get(id)?.type === 'external'));
    });
}

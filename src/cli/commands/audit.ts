// `netpol audit PATH...`: security findings with fixes; exit 1 with --fail-on when findings at or above it exist.
import process from 'node:process';
import { Option, type Command } from 'commander';
import { createEngine, createReferenceEngine } from '../../core/engine/index.js';
import type { IpBlockScope } from '../../core/engine/types.js';
import { failsAt, runAudit, SEVERITIES, type Severity } from '../../core/analysis/audit/index.js';
import { AUDIT_FORMATS, formatAuditJson, formatAuditMarkdown, formatAuditText, type AuditFormat } from '../../core/report/audit-text.js';
import { formatSarif } from '../../core/report/sarif.js';
import { loadAuditConfig } from '../audit-config.js';
import { CliExit, EXIT_BAD_INPUT, EXIT_NEGATIVE } from '../errors.js';
import { loadFromPaths, printProblems } from '../load.js';
import { err, out, useColor } from '../output.js';

interface AuditFlags {
  format: AuditFormat;
  failOn?: Severity;
  config?: string;
  ipblockScope: IpBlockScope;
  namespace?: string;
  verbose?: boolean;
}

export function register(program: Command): void {
  program
    .command('audit')
    .description('Audit policies for security gaps and mistakes: missing isolation, selectors that match nothing, over-broad rules, broken ports, DNS outages, redundancy. Rules: docs/audit.md.')
    .argument('<paths...>', 'manifest files, directories, or - for stdin')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...AUDIT_FORMATS]).default('text'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding at or above this severity exists').choices([...SEVERITIES]))
    .option('--config <file>', `audit settings (default: ${'.netpol.yaml'} in the current directory, when present)`)
    .addOption(new Option('--ipblock-scope <scope>', 'all: ipBlocks match pod IPs too (upstream); external: only addresses outside the cluster').choices(['all', 'external']).default('all'))
    .option('-n, --namespace <ns>', 'namespace for objects without metadata.namespace (default: default)')
    .option('-v, --verbose', 'print what was loaded to stderr')
    .action(async (paths: string[], flags: AuditFlags) => {
      const cfg = loadAuditConfig(flags.config);
      // Warnings become NP801 findings, so only errors are printed here.
      const loaded = await loadFromPaths(paths, { quiet: true, keepGoing: true, ...(flags.verbose ? { verbose: true } : {}), ...(flags.namespace ? { namespace: flags.namespace } : {}) });
      const errors = loaded.problems.filter((p) => p.severity === 'error');
      if (errors.length > 0) {
        printProblems(errors);
        throw new CliExit(EXIT_BAD_INPUT, `netpol: ${errors.length} error(s) in input; nothing was audited`);
      }
      const scope = flags.ipblockScope;
      const result = runAudit({
        cluster: loaded.cluster,
        problems: loaded.problems,
        engineFactory: (c) => createEngine(c, { ipBlockScope: scope }),
        // Redundancy checks build an engine per modified copy: the per-query engine compiles nothing.
        derivedEngineFactory: (c) => createReferenceEngine(c, { ipBlockScope: scope }),
        config: cfg.config,
      });
      for (const n of result.notes) err(`netpol: note: ${n}`);
      switch (flags.format) {
        case 'text': out(formatAuditText(result, { color: useColor(process.stdout) })); break;
        case 'json': out(formatAuditJson(result)); break;
        case 'md': out(formatAuditMarkdown(result)); break;
        case 'sarif': out(formatSarif(result)); break;
      }
      const failOn = flags.failOn ?? cfg.failOn;
      if (failOn !== undefined && failsAt(result, failOn)) throw new CliExit(EXIT_NEGATIVE);
    });
}

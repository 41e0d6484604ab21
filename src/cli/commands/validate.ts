// `netpol validate PATH...`: load manifests, apply the API server's validation, report problems.
import { Option, type Command } from 'commander';
import { formatProblem } from '../../core/validate/format.js';
import { CliExit, EXIT_BAD_INPUT } from '../errors.js';
import { summarize, loadFromPaths } from '../load.js';
import { color, err, out, useColor } from '../output.js';

interface ValidateFlags {
  format: 'text' | 'json';
  namespace?: string;
  verbose?: boolean;
  strict?: boolean;
}

export function register(program: Command): void {
  program
    .command('validate')
    .description('Check manifests as the API server would (NetworkPolicy and label-selector rules), plus warnings for likely mistakes.')
    .argument('<paths...>', 'manifest files, directories (recursive: .yaml, .yml, .json), or - for stdin')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('-n, --namespace <ns>', 'namespace for objects without metadata.namespace (default: "default")')
    .option('-v, --verbose', 'also print skipped kinds to stderr')
    .option('--strict', 'treat warnings as errors (exit 2)')
    .addHelpText('after', '\nExit codes: 0 valid (warnings allowed), 2 errors (or warnings with --strict).')
    .action(async (paths: string[], flags: ValidateFlags) => {
      const loaded = await loadFromPaths(paths, {
        ...(flags.namespace !== undefined ? { namespace: flags.namespace } : {}),
        quiet: true,
        keepGoing: true,
      });
      const errors = loaded.problems.filter((p) => p.severity === 'error').length;
      const warnings = loaded.problems.length - errors;
      const failed = errors > 0 || (flags.strict === true && warnings > 0);
      const c = loaded.cluster;
      if (flags.format === 'json') {
        const summary = {
          files: loaded.files.length,
          namespaces: c.namespaces.length,
          pods: c.pods.length,
          workloads: c.workloads.length,
          services: c.services.length,
          policies: c.policies.length,
        };
        out(JSON.stringify({ valid: !failed, errors, warnings, summary, skipped: loaded.skipped, problems: loaded.problems }, null, 2));
      } else {
        const on = useColor();
        for (const p of loaded.problems) {
          const line = formatProblem(p);
          out(p.severity === 'error' ? color.red(line, on) : color.yellow(line, on));
        }
        const verdict = failed ? color.red('invalid', on) : color.green('valid', on);
        out(`${verdict}: ${loaded.files.length} file(s): ${summarize(c)}; ${errors} error(s), ${warnings} warning(s)`);
      }
      if (flags.verbose) {
        for (const [kind, n] of Object.entries(loaded.skipped).sort()) err(`skipped ${n} ${kind} object(s): not modelled by netpol`);
      }
      if (failed) throw new CliExit(EXIT_BAD_INPUT);
    });
}

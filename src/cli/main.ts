// The `netpol` command line. Each command lives in src/cli/commands/<name>.ts and exports
// `register(program)`; this file only wires them and turns errors into exit codes.
import process from 'node:process';
import { Command, CommanderError } from 'commander';
import { CliExit, EXIT_BAD_INPUT } from './errors.js';
import { err } from './output.js';
import { VERSION } from '../core/version.js';
import { commands } from './commands/index.js';

export function buildProgram(): Command {
  const program = new Command('netpol')
    .description('Kubernetes NetworkPolicy: validate, explain, analyze, audit and enforce network policies.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ sortSubcommands: false })
    .addHelpText(
      'after',
      '\nExit codes: 0 success, 1 negative answer or findings, 2 bad input or usage.\nDocs: docs/cli.md',
    );
  program.exitOverride();
  for (const register of commands) register(program);
  for (const c of program.commands) c.exitOverride();
  return program;
}

export async function main(argv: string[] = process.argv): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CliExit) {
      if (e.message) err(e.message);
      return e.code;
    }
    if (e instanceof CommanderError) {
      // help and version are "errors" to commander; usage problems are exit 2
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return EXIT_BAD_INPUT;
    }
    err(`netpol: internal error: ${e instanceof Error ? e.message : String(e)}`);
    if (process.env.NETPOL_DEBUG) err(e instanceof Error ? (e.stack ?? '') : '');
    return 70;
  }
}

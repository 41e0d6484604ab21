// `netpol serve PATH...`: the local web UI. The server only hands the input texts to the browser,
// which parses, validates and analyses them with the core in a Web Worker; so invalid input is
// shown in the UI (editor) rather than refused here. Missing paths are still bad usage (exit 2).
import { spawn } from 'node:child_process';
import process from 'node:process';
import type { Command } from 'commander';
import { badInput } from '../errors.js';
import { err, out } from '../output.js';
import { expandPaths } from '../../web/server-files.js';
import { startServer } from '../../web/server.js';

interface ServeFlags {
  port: string;
  host: string;
  open?: boolean;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function openBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(cmd, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => err(`netpol serve: could not open a browser; visit ${url}`));
    child.unref();
  } catch {
    err(`netpol serve: could not open a browser; visit ${url}`);
  }
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('Serve the web UI: graph, matrix, explain, pod panel, audit and a what-if policy editor')
    .argument('<paths...>', 'YAML/JSON files or directories ("-" for stdin)')
    .option('-p, --port <port>', 'TCP port (0 picks a free one)', '8080')
    .option('--host <host>', 'address to bind (loopback by default: the UI shows your cluster)', '127.0.0.1')
    .option('--open', 'open the UI in the default browser')
    .action(async (paths: string[], flags: ServeFlags) => {
      const port = Number(flags.port);
      if (!/^\d+$/.test(flags.port) || port > 65535) throw badInput(`netpol serve: invalid --port "${flags.port}"`);
      for (const p of paths) {
        if (p === '-') continue;
        try {
          await expandPaths([p]);
        } catch {
          throw badInput(`netpol serve: ${p}: no such file or directory`);
        }
      }
      const stdinText = paths.includes('-') ? await readStdin() : undefined;
      let running;
      try {
        running = await startServer({ paths, host: flags.host, port, ...(stdinText !== undefined ? { stdinText } : {}) });
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        throw badInput(`netpol serve: ${msg}`);
      }
      if (flags.host !== '127.0.0.1' && flags.host !== 'localhost' && flags.host !== '::1') {
        err(`netpol serve: warning: listening on ${flags.host}; anyone who can reach it sees your cluster`);
      }
      out(`netpol: serving ${running.url}`);
      err('netpol serve: watching the input files; press Ctrl-C to stop');
      if (flags.open) openBrowser(running.url);
      const server = running;
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          void server.close().then(resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}

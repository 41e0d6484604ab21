// `netpol enforce PATH... --node NODE [--dry-run] [--watch] [--netns NAME]`: compile and load the
// ruleset in one nft transaction. If input or compile fails, the loaded ruleset stays as it was.
import { statSync, unwatchFile, watch, watchFile, type FSWatcher } from 'node:fs';
import process from 'node:process';
import type { Command } from 'commander';
import { applyRuleset, dryRun } from '../../enforce/apply.js';
import { nftAvailable, run } from '../../enforce/exec.js';
import { renderNft } from '../../enforce/render-nft.js';
import { CliExit, EXIT_NEGATIVE, badInput } from '../errors.js';
import { loadFromPaths } from '../load.js';
import { err, out } from '../output.js';
import { addTargetOptions, compileFor, type TargetFlags } from './compile.js';

interface Flags extends TargetFlags {
  dryRun?: boolean;
  watch?: boolean;
  netns?: string;
}

async function compileText(paths: string[], f: Flags): Promise<{ text: string; pods: number }> {
  const { cluster } = await loadFromPaths(paths, f.namespace !== undefined ? { namespace: f.namespace } : {});
  const res = compileFor(cluster, f);
  return { text: renderNft(res.ruleset), pods: res.pods.length };
}

async function once(paths: string[], f: Flags): Promise<void> {
  const { text, pods } = await compileText(paths, f);
  const where = f.netns ? `network namespace ${f.netns}` : 'this host';
  if (f.dryRun) {
    const d = await dryRun(text, f.netns);
    if (!d.changed) out(`no change: table inet netpol in ${where} already holds this ruleset`);
    else {
      out(d.base === 'none' ? `table inet netpol is not loaded in ${where}; it would be created:` : `changes to table inet netpol in ${where}:`);
      out(d.diff);
    }
    return;
  }
  try {
    await applyRuleset(text, f.netns !== undefined ? { netns: f.netns } : {});
  } catch (e) {
    throw new CliExit(EXIT_NEGATIVE, `netpol: ${(e as Error).message}\nnetpol: the previously loaded ruleset is unchanged`);
  }
  err(`netpol: applied table inet netpol in ${where}: ${pods} pod(s) enforced`);
}

export function register(program: Command): void {
  addTargetOptions(
    program
      .command('enforce')
      .description('Compile the policies for one node and load them atomically with nft (root)')
      .argument('<paths...>', 'manifest files or directories, - for stdin'),
  )
    .option('--dry-run', 'show the change against the loaded table; load nothing')
    .option('--watch', 're-apply whenever the input files change (Ctrl-C to stop; the rules stay)')
    .option('--netns <name>', 'apply inside this network namespace (ip netns) instead of the host')
    .action(async (paths: string[], f: Flags) => {
      const cap = await nftAvailable();
      if (!cap.ok) throw badInput(`netpol: enforce needs nft as root: ${cap.why}`);
      if (f.netns !== undefined) {
        const list = await run('ip', ['netns', 'list']);
        if (!list.stdout.split('\n').some((l) => l.split(' ')[0] === f.netns)) throw badInput(`netpol: --netns: no network namespace named "${f.netns}"`);
      }
      if (f.watch && paths.includes('-')) throw badInput('netpol: --watch needs files or directories, not stdin');
      if (!f.watch) return once(paths, f);
      await watchAndApply(paths, f);
    });
}

/** Re-applies on change (debounced). A bad edit is reported and the last good ruleset stays loaded. */
function watchAndApply(paths: string[], f: Flags): Promise<void> {
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    let busy = Promise.resolve();
    const watchers: FSWatcher[] = [];
    const trigger = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        busy = busy.then(async () => {
          try {
            await once(paths, f);
          } catch (e) {
            const msg = e instanceof Error ? e.message : String(e);
            if (msg) err(msg);
            err('netpol: keeping the last good ruleset; fix the input and save again');
          }
        });
      }, 300);
    };
    // Directories: inotify (recursive). Files: stat polling, which survives editors that replace the file.
    const files: string[] = [];
    for (const p of paths) {
      let dir = false;
      try {
        dir = statSync(p).isDirectory();
      } catch {
        // a missing path: the first apply reports it as bad input
      }
      if (dir) watchers.push(watch(p, { recursive: true }, trigger));
      else {
        files.push(p);
        watchFile(p, { interval: 250 }, trigger);
      }
    }
    const close = () => {
      clearTimeout(timer);
      for (const w of watchers) w.close();
      for (const x of files) unwatchFile(x);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    };
    const stop = () => {
      close();
      void busy.then(() => resolve());
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    // Watch first, then apply: an edit made during the first apply is not missed.
    busy = busy.then(() => once(paths, f)).then(
      () => err(`netpol: watching ${paths.join(', ')} (Ctrl-C to stop; the loaded rules stay in place)`),
      (e: unknown) => {
        close();
        reject(e);
      },
    );
  });
}

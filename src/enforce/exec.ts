// Running ip/nft, optionally inside a network namespace. nft reads rulesets from a temporary file:
// `nft -f /dev/stdin` fails when fed from Node.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ExecResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

export function run(cmd: string, args: readonly string[], opts: { timeoutMs?: number } = {}): Promise<ExecResult> {
  return new Promise((resolve) => {
    execFile(cmd, [...args], { maxBuffer: 256 * 1024 * 1024, timeout: opts.timeoutMs ?? 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ stdout: String(stdout), stderr: String(stderr) || (error && code !== 0 ? error.message : ''), code });
    });
  });
}

/** Runs a command, throwing with its stderr when it fails. */
export async function runOk(cmd: string, args: readonly string[]): Promise<string> {
  const r = await run(cmd, args);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr.trim() || `exit ${r.code}`}`);
  return r.stdout;
}

/** `nft ARGS`, inside `netns` when given (ip netns exec). */
export function nft(args: readonly string[], netns?: string): Promise<ExecResult> {
  return netns ? run('ip', ['netns', 'exec', netns, 'nft', ...args]) : run('nft', args);
}

/** Loads an nft file's text in one transaction (`nft -f tmpfile`); `check` only validates (`nft -c`). */
export async function nftLoad(text: string, opts: { netns?: string; check?: boolean; json?: boolean } = {}): Promise<ExecResult> {
  const dir = await mkdtemp(join(tmpdir(), 'netpol-nft-'));
  const file = join(dir, opts.json ? 'ruleset.json' : 'ruleset.nft');
  try {
    await writeFile(file, text);
    const args = [...(opts.json ? ['-j'] : []), ...(opts.check ? ['-c'] : []), '-f', file];
    return await nft(args, opts.netns);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** True when `nft` can run here (root, nf_tables): checks an empty transaction. */
export async function nftAvailable(): Promise<{ ok: boolean; why: string }> {
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return { ok: false, why: 'not running as root' };
  const v = await run('nft', ['--version']);
  if (v.code !== 0) return { ok: false, why: `nft not usable: ${v.stderr.trim()}` };
  const ip = await run('ip', ['-V']);
  if (ip.code !== 0) return { ok: false, why: `ip (iproute2) not usable: ${ip.stderr.trim()}` };
  return { ok: true, why: '' };
}

// netpol-analyzer (np-guard), the most used open-source analyzer, as the peer for `peerRatio`.
// Installed as a Go module at a pinned version into a cache OUTSIDE the repo; skipped loudly when Go
// or the module is unavailable.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Pinned; override with NETPOL_PEER_VERSION. */
export const PEER_VERSION = process.env.NETPOL_PEER_VERSION ?? 'v1.0.0';
const MODULE = 'github.com/np-guard/netpol-analyzer/cmd/netpolicy';
const CACHE = join(homedir(), '.cache', 'netpol-peers', PEER_VERSION);
const BIN = join(CACHE, 'bin', 'netpolicy');

let tried: string | undefined | null = null;

/** The netpolicy binary, installing it once; undefined (with a warning on stderr) when unavailable. */
export function peerBinary(): string | undefined {
  if (tried !== null) return tried;
  tried = undefined;
  if (existsSync(BIN)) return (tried = BIN);
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.status !== 0) {
    process.stderr.write('bench: peerRatio skipped: Go is not installed\n');
    return undefined;
  }
  mkdirSync(CACHE, { recursive: true });
  const r = spawnSync('go', ['install', `${MODULE}@${PEER_VERSION}`], {
    encoding: 'utf8',
    env: { ...process.env, GOBIN: join(CACHE, 'bin'), GOFLAGS: '-mod=mod' },
    timeout: 300_000,
  });
  if (r.status !== 0 || !existsSync(BIN)) {
    const why = (r.stderr || r.error?.message || '').trim().split('\n').slice(-2).join(' | ');
    process.stderr.write(`bench: peerRatio skipped: cannot install ${MODULE}@${PEER_VERSION}: ${why}\n`);
    return undefined;
  }
  return (tried = BIN);
}

/** Wall time of `netpolicy list --dirpath DIR` (its whole connectivity analysis), in ms. */
export function timePeer(bin: string, dir: string): number {
  const t0 = performance.now();
  execFileSync(bin, ['list', '--dirpath', dir], { stdio: ['ignore', 'ignore', 'ignore'], maxBuffer: 1 << 30, timeout: 3_600_000 });
  return performance.now() - t0;
}

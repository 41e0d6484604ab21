// Where scripts/peers/install.sh puts the peers (a cache outside the repo).
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const peersDir = (): string => process.env.NETPOL_PEERS_DIR ?? join(homedir(), '.cache', 'netpol-peers');

/** Absolute path of an installed peer binary, or undefined with the reason it is missing. */
export function peerBinary(name: 'cyclonus-shim' | 'netpolicy'): { path?: string; why: string } {
  const path = join(peersDir(), 'bin', name);
  if (existsSync(path)) return { path, why: '' };
  return { why: `${path} is missing: run scripts/peers/install.sh (needs Go${name === 'netpolicy' ? ' and NETPOL_ANALYZER_VERSION' : ''})` };
}

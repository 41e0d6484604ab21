// Shared lab setup for the network tests: capability check (loud skip), unique prefixes, cleanup on
// failure and on signals, by exact name.
import { nftAvailable, run } from '../../src/enforce/exec.js';
import { labDown } from '../../src/enforce/lab/lab.js';

export interface LabCapability {
  readonly ok: boolean;
  readonly why: string;
  readonly sctp: boolean;
  readonly sctpWhy: string;
}

export async function labCapability(): Promise<LabCapability> {
  const base = await nftAvailable();
  if (!base.ok) return { ...base, sctp: false, sctpWhy: base.why };
  const netns = await run('ip', ['netns', 'list']);
  if (netns.code !== 0) return { ok: false, why: `ip netns unusable: ${netns.stderr}`, sctp: false, sctpWhy: '' };
  const py = await run('python3', ['-c', 'import socket; socket.socket(socket.AF_INET, socket.SOCK_RAW, 132)']);
  return { ok: true, why: '', sctp: py.code === 0, sctpWhy: py.code === 0 ? '' : `python3 raw sockets unavailable: ${py.stderr.trim()}` };
}

export const uniquePrefix = (tag: string): string => `np${tag}-${process.pid.toString(36)}${Math.random().toString(36).slice(2, 6)}`;

const live = new Set<string>();
let hooked = false;

/** Remembers a lab prefix so a signal (Ctrl-C, CI timeout) still removes it. */
export function track(prefix: string): void {
  live.add(prefix);
  if (hooked) return;
  hooked = true;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      void Promise.all([...live].map((p) => labDown(p))).finally(() => process.exit(130));
    });
  }
}

export async function untrack(prefix: string): Promise<void> {
  live.delete(prefix);
  await labDown(prefix);
}

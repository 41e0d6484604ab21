// Machine-readable classifier of known disagreements between netpol and a peer. Each class names
// the upstream rule or test that decides it; docs/peer-differences.md records them with examples.
// Anything not matched here is UNCLASSIFIED and fails CI: fix netpol, or classify with evidence.
import type { GenCase } from './case.js';
import type { Probe } from './probe.js';

export type PeerName = 'assistant' | 'analyzer';
export type DifferenceKind = 'netpol-bug' | 'peer-bug' | 'semantic';

export interface Classification {
  readonly id: string;
  readonly kind: DifferenceKind;
}

export interface KnownDifference extends Classification {
  readonly peers: readonly PeerName[];
  /** Where the truth is decided (upstream doc, test or source). */
  readonly decidedBy: string;
  readonly matches: (c: GenCase, d: { probe: Probe; netpol: boolean; peer: boolean }) => boolean;
}

export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  {
    id: 'self-traffic-allowed',
    kind: 'semantic',
    peers: ['assistant', 'analyzer'],
    decidedBy:
      'kubernetes test/e2e/network/netpol reachability.go AllowLoopback: "all communication from a pod to itself" is expected allowed, whatever the policies',
    matches: (_c, d) => d.netpol && !d.peer && d.probe.src.id === d.probe.dst.id && d.probe.src.pod !== undefined,
  },
];

export function classify(peer: PeerName, c: GenCase, d: { probe: Probe; netpol: boolean; peer: boolean }): Classification | undefined {
  const k = KNOWN_DIFFERENCES.find((x) => x.peers.includes(peer) && x.matches(c, d));
  return k ? { id: k.id, kind: k.kind } : undefined;
}

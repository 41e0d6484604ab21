// Machine-readable classifier of known disagreements between netpol and a peer. Each class names
// the upstream rule or source that decides it; docs/peer-differences.md records them with examples.
// A class either matches a disagreement directly, or *emulates* the peer: it rewrites the case so
// that upstream semantics give the peer's reading, and the disagreement is that class when netpol
// on the rewritten case gives the peer's answer. Anything else is UNCLASSIFIED and fails CI.
import { clone, type GenCase, type Json } from './case.js';
import type { Probe } from './probe.js';

export type PeerName = 'assistant' | 'analyzer';
export type DifferenceKind = 'netpol-bug' | 'peer-bug' | 'semantic';

export interface Classification {
  readonly id: string;
  readonly kind: DifferenceKind;
}

export interface Observed {
  readonly probe: Probe;
  readonly netpol: boolean;
  readonly peer: boolean;
}

export interface KnownDifference extends Classification {
  readonly peers: readonly PeerName[];
  /** Where the truth is decided (upstream doc, test or source). */
  readonly decidedBy: string;
  readonly matches?: (c: GenCase, d: Observed) => boolean;
  /** The case rewritten so that upstream semantics reproduce the peer's reading; undefined when it changes nothing. */
  readonly emulate?: (c: GenCase) => GenCase | undefined;
}

/** Applies `f` to every matchExpressions list in the policies; undefined when nothing changed. */
function rewriteExpressions(c: GenCase, f: (req: { [k: string]: Json }) => { [k: string]: Json }[]): GenCase | undefined {
  let changed = false;
  const walk = (x: Json): Json => {
    if (Array.isArray(x)) return x.map(walk);
    if (x === null || typeof x !== 'object') return x;
    const out: { [k: string]: Json } = {};
    for (const [k, v] of Object.entries(x)) {
      if (k === 'matchExpressions' && Array.isArray(v)) {
        out[k] = v.flatMap((r) => {
          const next = f(r as { [k: string]: Json });
          if (next.length !== 1 || next[0] !== r) changed = true;
          return next;
        });
      } else out[k] = walk(v);
    }
    return out;
  };
  const policies = clone(c.policies).map((p) => walk(p) as { [k: string]: Json });
  return changed ? { ...c, policies } : undefined;
}

export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  {
    id: 'self-traffic-allowed',
    kind: 'semantic',
    peers: ['assistant', 'analyzer'],
    decidedBy:
      'kubernetes test/e2e/network/netpol reachability.go AllowLoopback: all communication from a pod to itself is expected allowed, whatever the policies',
    matches: (_c, d) => d.netpol && !d.peer && d.probe.src.id === d.probe.dst.id && d.probe.src.pod !== undefined,
  },
  {
    id: 'notin-absent-key',
    kind: 'peer-bug',
    peers: ['assistant'],
    decidedBy:
      'k8s.io/apimachinery pkg/labels selector.go Requirement.Matches: NotIn matches when the label key is absent; policy-assistant (pkg/kube/labelselector.go, in cyclonus v0.5.6 and network-policy-api cmd/policy-assistant alike) returns no match',
    // The peer reads `k NotIn [v]` as `k Exists, k NotIn [v]`.
    emulate: (c) => rewriteExpressions(c, (r) => (r.operator === 'NotIn' ? [{ key: r.key ?? '', operator: 'Exists' }, r] : [r])),
  },
];

/** netpol's answers on a rewritten case, memoised by class id (so each rewrite is evaluated once per case). */
export type EmulatedNetpol = (id: string, rewrite: () => GenCase | undefined) => ((p: Probe) => boolean) | undefined;

export function classify(peer: PeerName, c: GenCase, d: Observed, netpolOn: EmulatedNetpol): Classification | undefined {
  const known = KNOWN_DIFFERENCES.filter((x) => x.peers.includes(peer));
  for (const k of known) if (k.matches?.(c, d)) return { id: k.id, kind: k.kind };
  for (const k of known) {
    const emulate = k.emulate;
    const f = emulate ? netpolOn(k.id, () => emulate(c)) : undefined;
    if (f && f(d.probe) === d.peer) return { id: k.id, kind: k.kind };
  }
  return undefined;
}

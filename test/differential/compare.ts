// Comparison of netpol and one peer on a case's probes, and the classification of each disagreement.
import type { GenCase } from './case.js';
import { classify, type Classification, type EmulatedNetpol, type PeerName } from './known-differences.js';
import { probeKey, probesOf, runNetpol, type Probe } from './probe.js';
import { runCyclonus } from './peers/cyclonus.js';
import { runAnalyzer } from './peers/analyzer.js';
import type { IpBlockScope } from '../../src/core/engine/types.js';

export interface Disagreement {
  readonly probe: Probe;
  readonly key: string;
  readonly netpol: boolean;
  readonly peer: boolean;
  /** Undefined: unclassified, which CI fails on. */
  readonly classification?: Classification;
}

export interface CaseResult {
  readonly c: GenCase;
  readonly probes: number;
  readonly disagreements: Disagreement[];
  /** Harness-level failures: netpol rejected generated input, or the peer crashed. */
  readonly failures: string[];
}

/** Compares a batch of cases against one peer (one peer process per batch). */
export interface CompareOptions {
  /** policy-assistant: run its policy simplifier first (the CLI default) or match the policies as written. */
  readonly simplify?: boolean;
}

export function compareCases(peer: PeerName, cases: readonly GenCase[], opts: CompareOptions = {}): CaseResult[] {
  const withProbes = cases.map((c) => ({ c, probes: probesOf(c) }));
  // Semantic switch: netpol-analyzer's ipBlocks never match pods (netpol's --ipblock-scope external).
  const scope: IpBlockScope = peer === 'analyzer' ? 'external' : 'all';
  const probeMap = new Map(withProbes.map((x) => [x.c, x.probes]));
  const peerRuns = peer === 'assistant' ? runCyclonus(cases, opts.simplify ?? true, (c) => probeMap.get(c) ?? probesOf(c)) : cases.map(runAnalyzer);
  return withProbes.map(({ c, probes }, i) => {
    const np = runNetpol(c, scope);
    const pr = peerRuns[i];
    const failures = [...np.errors.map((e) => `netpol rejected generated input: ${e}`)];
    if (!pr || pr.error !== undefined) failures.push(`peer failed: ${pr?.error ?? 'no answer'}`);
    const disagreements: Disagreement[] = [];
    // netpol on a peer-emulating rewrite of the case, memoised per rewrite (see known-differences.ts).
    const emulated = new Map<string, ((p: Probe) => boolean) | undefined>();
    const netpolOn: EmulatedNetpol = (id, rewrite) => {
      if (!emulated.has(id)) {
        const e = rewrite();
        emulated.set(id, e ? runNetpol(e, scope).allowed : undefined);
      }
      return emulated.get(id);
    };
    if (failures.length === 0 && pr) {
      for (const probe of probes) {
        const a = np.allowed(probe);
        const b = pr.allowed(probe);
        if (a === b) continue;
        const d = { probe, key: probeKey(probe), netpol: a, peer: b };
        const classification = classify(peer, c, d, netpolOn);
        disagreements.push(classification ? { ...d, classification } : d);
      }
    }
    return { c, probes: probes.length, disagreements, failures };
  });
}

export const unclassified = (r: CaseResult): Disagreement[] => r.disagreements.filter((d) => !d.classification);

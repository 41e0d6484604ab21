// `analyze --format summary`: counts only (endpoints, allowed pod pairs, isolated pods per direction),
// from any Engine. The compiled engine answers from its class rows without listing a pair; another
// engine is asked pair by pair (quadratic, but never more than a counter in memory).
import type { Engine, PairSummary } from '../types.js';

export function summarize(engine: Engine): PairSummary {
  if (engine.summary) return engine.summary();
  const pods = engine.cluster.pods;
  let allowedPairs = 0;
  let isolatedIngress = 0;
  let isolatedEgress = 0;
  for (const p of pods) {
    const iso = engine.isolation(p);
    if (iso.ingress.length) isolatedIngress++;
    if (iso.egress.length) isolatedEgress++;
  }
  for (const s of pods) {
    for (const d of pods) {
      if (s !== d && !engine.allowed({ kind: 'pod', pod: s }, { kind: 'pod', pod: d }).isEmpty()) allowedPairs++;
    }
  }
  return { endpoints: pods.length, allowedPairs, isolatedIngress, isolatedEgress };
}

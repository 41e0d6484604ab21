// Pods of one owner are meant to be alike. When some policy's pod selector matches only part of an
// owner's pods, "the same" workload is treated differently per pod: the API server accepts it, netpol
// warns (np-guard refuses such input: its cases `…labels_gap…`).
import { matchesSelector } from '../engine/selectors.js';
import type { LabelSelector, NetworkPolicy, Pod, Problem } from '../model/types.js';

interface UsedSelector {
  readonly sel: LabelSelector;
  readonly policy: string;
  readonly where: string;
}

/** Pod selectors of policies (policy podSelector and rule peer podSelectors), with where they appear. */
function podSelectors(policies: readonly NetworkPolicy[]): UsedSelector[] {
  const out: UsedSelector[] = [];
  for (const np of policies) {
    const policy = `${np.namespace}/${np.name}`;
    out.push({ sel: np.podSelector, policy, where: 'spec.podSelector' });
    for (const dir of ['ingress', 'egress'] as const) {
      np[dir].forEach((r, i) =>
        r.peers.forEach((p, j) => {
          if (p.podSelector) out.push({ sel: p.podSelector, policy, where: `spec.${dir}[${i}].${dir === 'ingress' ? 'from' : 'to'}[${j}].podSelector` });
        }),
      );
    }
  }
  return out;
}

export function ownerLabelGaps(pods: readonly Pod[], policies: readonly NetworkPolicy[]): Problem[] {
  const groups = new Map<string, Pod[]>();
  for (const p of pods) {
    if (!p.owner || p.fromTemplate) continue;
    const id = `${p.namespace}/${p.owner.name}[${p.owner.kind}]`;
    groups.set(id, [...(groups.get(id) ?? []), p]);
  }
  const selectors = podSelectors(policies);
  const problems: Problem[] = [];
  for (const [id, group] of groups) {
    if (group.length < 2) continue;
    const ns = group[0]!.namespace;
    const hit = selectors.find((u) => {
      // a policy's own podSelector only concerns pods of its namespace
      if (u.where === 'spec.podSelector' && !u.policy.startsWith(`${ns}/`)) return false;
      const m = group.map((p) => matchesSelector(u.sel, p.labels));
      return m.some((x) => x) && m.some((x) => !x);
    });
    if (!hit) continue;
    const matched = group.filter((p) => matchesSelector(hit.sel, p.labels)).map((p) => p.name);
    const first = group[0]!;
    const p: Problem = {
      code: 'owner-label-gap',
      severity: 'warning',
      message: `pods of ${id} have different labels, and ${hit.where} of NetworkPolicy ${hit.policy} selects only some of them (${matched.join(', ')}): one workload is treated differently per pod`,
      path: 'metadata.labels',
      object: `Pod ${first.namespace}/${first.name}`,
    };
    problems.push(first.source ? { ...p, source: first.source } : p);
  }
  return problems;
}

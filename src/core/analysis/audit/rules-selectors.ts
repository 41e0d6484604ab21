// Selectors that match nothing. Upstream peer semantics: namespaceSelector alone = every pod of the
// matching namespaces, podSelector alone = the policy's namespace, both = AND. Every namespace
// carries kubernetes.io/metadata.name (API server, since 1.21), so that is the label to select by name.
import type { Cluster, LabelSelector, NetworkPolicy, Peer, PolicyType } from '../../model/types.js';
import { formatSelector, isEmptySelector, matchesSelector } from '../../engine/selectors.js';
import type { Finding, RuleContext } from './types.js';
import { finding, peerField, policyResource, rulePath, ruleSource, selectedPods } from './helpers.js';

const NAME_LABEL = 'kubernetes.io/metadata.name';
const sel2text = (s: LabelSelector): string => (isEmptySelector(s) ? '{}' : formatSelector(s));

/** When a selector looks for a namespace by a made-up name label, the namespace it meant. */
function meantNamespace(cluster: Cluster, sel: LabelSelector): { key: string; value: string } | undefined {
  for (const [k, v] of Object.entries(sel.matchLabels)) {
    if (k === NAME_LABEL) continue;
    if (cluster.namespaces.some((n) => n.name === v && n.labels[k] !== v)) return { key: k, value: v };
  }
  return undefined;
}

function checkPeer(ctx: RuleContext, policy: NetworkPolicy, dir: PolicyType, ri: number, pi: number, peer: Peer): Finding | undefined {
  if (peer.ipBlock) return undefined;
  const { cluster } = ctx;
  const rule = (dir === 'Ingress' ? policy.ingress : policy.egress)[ri];
  const path = `${rulePath(dir, ri)}.${peerField(dir)}[${pi}]`;
  const base = { resource: policyResource(policy), source: ruleSource(policy, rule) };
  let namespaces = [policy.namespace];
  if (peer.namespaceSelector) {
    const sel = peer.namespaceSelector;
    namespaces = cluster.namespaces.filter((n) => matchesSelector(sel, n.labels)).map((n) => n.name);
    const meant = namespaces.length === 0 ? meantNamespace(cluster, sel) : undefined;
    // Without any declared namespace the input says nothing about namespace labels: only the
    // made-up name label is certain to be wrong.
    if (namespaces.length === 0 && (meant || cluster.namespaces.some((n) => !n.implicit))) {
      const hint = meant
        ? ` No namespace carries the label ${meant.key}; select namespace ${meant.value} by ${NAME_LABEL}, which every namespace has.`
        : '';
      return finding(ctx, 'NP201', {
        ...base,
        path: `${path}.namespaceSelector`,
        message: `namespaceSelector ${formatSelector(sel)} matches no namespace of the input, so this peer admits nothing.${hint}`,
        fix: meant
          ? `namespaceSelector:\n  matchLabels:\n    ${NAME_LABEL}: ${meant.value}`
          : `# label the namespaces this peer means, or fix the selector:\nkubectl label namespace <name> ${Object.entries(sel.matchLabels).map(([k, v]) => `${k}=${v}`).join(' ') || '<key>=<value>'}`,
      });
    }
  }
  if (peer.podSelector && cluster.pods.length > 0) {
    const sel = peer.podSelector;
    const any = cluster.pods.some((p) => !p.hostNetwork && namespaces.includes(p.namespace) && matchesSelector(sel, p.labels));
    if (!any) {
      const where = peer.namespaceSelector ? `namespaces ${namespaces.join(', ')}` : `namespace ${policy.namespace}`;
      const elsewhere = !peer.namespaceSelector && cluster.pods.some((p) => p.namespace !== policy.namespace && matchesSelector(sel, p.labels));
      return finding(ctx, 'NP201', {
        ...base,
        path: `${path}.podSelector`,
        message: `podSelector ${sel2text(sel)} matches no pod in ${where}, so this peer admits nothing.${elsewhere ? ' Matching pods exist in other namespaces: a podSelector alone only looks in the policy namespace.' : ''}`,
        fix: elsewhere
          ? `- namespaceSelector:\n    matchLabels:\n      ${NAME_LABEL}: <their namespace>\n  podSelector:\n    matchLabels: {${Object.entries(sel.matchLabels).map(([k, v]) => `${k}: ${v}`).join(', ')}}`
          : `# fix the labels so that they match the intended pods (kubectl get pods -n ${policy.namespace} --show-labels)`,
      });
    }
  }
  return undefined;
}

export function peersMatchingNothing(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const policy of ctx.cluster.policies) {
    for (const dir of ['Ingress', 'Egress'] as const) {
      const rules = dir === 'Ingress' ? policy.ingress : policy.egress;
      rules.forEach((r, ri) => r.peers.forEach((peer, pi) => {
        const f = checkPeer(ctx, policy, dir, ri, pi, peer);
        if (f) out.push(f);
      }));
    }
  }
  return out;
}

export function policiesSelectingNothing(ctx: RuleContext): Finding[] {
  if (ctx.cluster.pods.length === 0) {
    ctx.notes.push('the input has no pods or workloads: checks that need pods (NP103, NP104, NP201 podSelector, NP202, NP401) found nothing to check');
    return [];
  }
  return ctx.cluster.policies
    .filter((p) => selectedPods(ctx.cluster, p).length === 0)
    .map((p) => finding(ctx, 'NP202', {
      resource: policyResource(p),
      source: p.source,
      path: 'spec.podSelector',
      message: `podSelector ${sel2text(p.podSelector)} selects no pod in namespace ${p.namespace}, so the policy has no effect.`,
      fix: `# match the labels of the intended pods (kubectl get pods -n ${p.namespace} --show-labels), e.g.\nspec:\n  podSelector:\n    matchLabels:\n      app: <app>`,
    }));
}

/**
 * `- namespaceSelector: ...` followed by `- podSelector: ...` in one rule is two peers (OR): every pod of
 * those namespaces, plus those pods of the policy namespace. Upstream docs ("Behavior of to and from
 * selectors") warn about exactly this one-dash difference; one peer with both fields is the AND.
 */
export function peersOrInsteadOfAnd(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const policy of ctx.cluster.policies) {
    for (const dir of ['Ingress', 'Egress'] as const) {
      (dir === 'Ingress' ? policy.ingress : policy.egress).forEach((r, ri) => {
        const nsOnly = r.peers.findIndex((p) => p.namespaceSelector && !p.podSelector && !p.ipBlock);
        const podOnly = r.peers.findIndex((p) => p.podSelector && !p.namespaceSelector && !p.ipBlock);
        if (nsOnly < 0 || podOnly < 0) return;
        const ns = r.peers[nsOnly]!.namespaceSelector!;
        const pod = r.peers[podOnly]!.podSelector!;
        const f = peerField(dir);
        out.push(finding(ctx, 'NP203', {
          resource: policyResource(policy),
          source: ruleSource(policy, r),
          path: `${rulePath(dir, ri)}.${f}`,
          message: `${f}[${nsOnly}] (namespaceSelector ${formatSelector(ns)}) and ${f}[${podOnly}] (podSelector ${formatSelector(pod)}) are two peers, so every pod of those namespaces is admitted, not only ${formatSelector(pod)}; one peer with both selectors means "these pods in these namespaces".`,
          fix: `${f}:\n- namespaceSelector:\n    matchLabels: {${Object.entries(ns.matchLabels).map(([k, v]) => `${k}: ${v}`).join(', ')}}\n  podSelector:      # no dash: same peer\n    matchLabels: {${Object.entries(pod.matchLabels).map(([k, v]) => `${k}: ${v}`).join(', ')}}`,
        }));
      });
    }
  }
  return out;
}

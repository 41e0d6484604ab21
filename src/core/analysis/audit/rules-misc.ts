// Ungoverned pods and manifest mistakes.
import type { Problem } from '../../model/types.js';
import type { Finding, RuleContext } from './types.js';
import { finding, podResource } from './helpers.js';

/** hostNetwork pods use the node's network namespace: NetworkPolicy neither isolates nor selects them. */
export function hostNetworkPods(ctx: RuleContext): Finding[] {
  return ctx.cluster.pods.filter((p) => p.hostNetwork).map((pod) => {
    const selecting = ctx.engine.selectingPolicies(pod).map((p) => `${p.namespace}/${p.name}`);
    const note = selecting.length ? ` Policies ${selecting.join(', ')} select it but have no effect.` : '';
    return finding(ctx, 'NP701', {
      resource: podResource(pod),
      source: pod.source,
      path: 'spec.hostNetwork',
      message: `${podResource(pod)} uses hostNetwork, so NetworkPolicy does not govern its traffic and peers see it as its node.${note}`,
      fix: 'spec:\n  hostNetwork: false   # or guard the node with host firewall rules; NetworkPolicy cannot',
    });
  });
}

const fixFor = (p: Problem): string => {
  const m = /did you mean ([\w.[\]]+?)\??$/i.exec(p.message);
  if (m) return `# write it as ${m[1]}`;
  return `# fix ${p.path || 'the object'} as the message says`;
};

/** Validation warnings (errors stop the CLI before the audit) become findings. */
export function manifestMistakes(ctx: RuleContext): Finding[] {
  return ctx.problems.map((p) => {
    const f = finding(ctx, 'NP801', {
      resource: p.object ?? (p.source ? p.source.file : 'input'),
      source: p.source,
      path: p.path,
      message: p.path && !p.message.includes(p.path) ? `${p.path}: ${p.message}` : p.message,
      fix: fixFor(p),
    });
    // An error is worse than any warning: nothing of the object was applied.
    return p.severity === 'error' ? { ...f, severity: 'high' as const } : f;
  });
}

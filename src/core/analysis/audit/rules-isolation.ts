// Missing isolation: namespaces without a default-deny policy (CIS 5.3.2, kubeaudit's missing
// default deny) and pods that no policy isolates. Upstream: a pod is isolated for a direction
// when any policy selecting it lists that direction in policyTypes.
import type { NetworkPolicy, PolicyType } from '../../model/types.js';
import { isEmptySelector } from '../../engine/selectors.js';
import type { Finding, RuleContext } from './types.js';
import { alsoText, defaultDenyYaml, finding, labelsYaml, podGroups, podResource } from './helpers.js';

/** A namespace-wide isolating policy: podSelector {} with this type, not undone by an allow-all rule. */
function isDefaultDeny(p: NetworkPolicy, type: PolicyType): boolean {
  if (!isEmptySelector(p.podSelector) || !p.policyTypes.includes(type)) return false;
  const rules = type === 'Ingress' ? p.ingress : p.egress;
  return !rules.some((r) => r.peers.length === 0 && r.ports.length === 0);
}

/** Namespaces that hold pods or were declared, minus the ignored (system) ones. */
function auditedNamespaces(ctx: RuleContext): string[] {
  const names = new Set<string>();
  for (const n of ctx.cluster.namespaces) if (!n.implicit) names.add(n.name);
  for (const p of ctx.cluster.pods) if (!p.hostNetwork) names.add(p.namespace);
  return [...names].filter((n) => !ctx.config.ignoreNamespaces.includes(n)).sort();
}

export function namespaceDefaultDeny(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const ns of auditedNamespaces(ctx)) {
    const policies = ctx.cluster.policies.filter((p) => p.namespace === ns);
    const decl = ctx.cluster.namespaces.find((n) => n.name === ns);
    const source = decl?.source ?? ctx.cluster.pods.find((p) => p.namespace === ns)?.source;
    for (const [type, id] of [['Ingress', 'NP101'], ['Egress', 'NP102']] as const) {
      if (policies.some((p) => isDefaultDeny(p, type))) continue;
      const what = type === 'Ingress' ? 'accepts connections from anywhere' : 'may connect anywhere';
      out.push(finding(ctx, id, {
        resource: `Namespace ${ns}`,
        source,
        message: `Namespace ${ns} has no default-deny ${type.toLowerCase()} policy, so every pod no other policy selects ${what}.`,
        fix: defaultDenyYaml(ns, type),
      }));
    }
  }
  return out;
}

export function podIsolation(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const pods = ctx.cluster.pods.filter((p) => !p.hostNetwork && !ctx.config.ignoreNamespaces.includes(p.namespace));
  for (const { rep: pod, others } of podGroups(pods)) {
    const iso = ctx.engine.isolation(pod);
    for (const [type, id, list] of [['Ingress', 'NP103', iso.ingress], ['Egress', 'NP104', iso.egress]] as const) {
      if (list.length > 0) continue;
      const lower = type.toLowerCase();
      const msg = type === 'Ingress'
        ? `${podResource(pod)} is not isolated for ingress: every pod and every address may connect to it on any port.`
        : `${podResource(pod)} is not isolated for egress: it may connect to any pod and any address, the internet included.`;
      out.push(finding(ctx, id, {
        resource: podResource(pod),
        source: pod.source,
        message: msg + alsoText(others),
        fix: [
          'apiVersion: networking.k8s.io/v1',
          'kind: NetworkPolicy',
          'metadata:',
          `  name: ${(pod.owner?.name ?? pod.name)}-${lower}`,
          `  namespace: ${pod.namespace}`,
          'spec:',
          '  podSelector:',
          '    matchLabels:',
          labelsYaml(pod.labels, 6),
          `  policyTypes: [${type}]`,
          `  ${lower}: []   # then allow only what it needs`,
        ].join('\n'),
      }));
    }
  }
  return out;
}

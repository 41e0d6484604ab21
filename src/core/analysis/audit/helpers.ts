// Small shared helpers for the audit rules: who a policy selects, resource names, fix snippets.
import type { Cluster, Labels, NetworkPolicy, Pod, PolicyType, Rule, SourceRef } from '../../model/types.js';
import { matchesSelector } from '../../engine/selectors.js';
import { namespaceLabels } from '../../engine/peers.js';
import type { AuditConfig, Finding, RuleContext } from './types.js';
import { ruleMeta } from './catalogue.js';

/** Pods in the policy namespace whose labels match spec.podSelector. */
export function selectedPods(cluster: Cluster, policy: NetworkPolicy): Pod[] {
  return cluster.pods.filter((p) => p.namespace === policy.namespace && matchesSelector(policy.podSelector, p.labels));
}

/**
 * Pods grouped by namespace and labels: policies select by nothing else, so isolation and egress
 * decisions are the same for the whole group (replicas, a workload and its running pods). The
 * representative is the workload template when there is one.
 */
export function podGroups(pods: readonly Pod[]): { rep: Pod; others: Pod[] }[] {
  const groups = new Map<string, Pod[]>();
  for (const p of pods) {
    const key = `${p.namespace}\u0000${p.hostNetwork}\u0000${JSON.stringify(Object.entries(p.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))}`;
    const g = groups.get(key);
    if (g) g.push(p);
    else groups.set(key, [p]);
  }
  return [...groups.values()].map((g) => {
    const rep = g.find((p) => p.fromTemplate) ?? g[0]!;
    return { rep, others: g.filter((p) => p !== rep) };
  });
}

/** " Same for Pod a, Pod b and 3 more (same labels)." or "". */
export function alsoText(others: readonly Pod[]): string {
  if (others.length === 0) return '';
  const names = others.slice(0, 3).map(podResource).join(', ');
  return ` Same for ${names}${others.length > 3 ? ` and ${others.length - 3} more` : ''} (same labels).`;
}

export const policyResource = (p: NetworkPolicy): string => `NetworkPolicy ${p.namespace}/${p.name}`;

/** "Deployment prod/api" for a workload's template pod, "Pod prod/api-0" otherwise. */
export function podResource(p: Pod): string {
  return p.fromTemplate && p.owner ? `${p.owner.kind} ${p.namespace}/${p.owner.name}` : `Pod ${p.namespace}/${p.name}`;
}

export const ruleSource = (p: NetworkPolicy, r: Rule | undefined): SourceRef | undefined => r?.source ?? p.source;

export const rulePath = (dir: PolicyType, i: number): string => `spec.${dir === 'Ingress' ? 'ingress' : 'egress'}[${i}]`;
export const peerField = (dir: PolicyType): string => (dir === 'Ingress' ? 'from' : 'to');

export function isSensitiveNamespace(cluster: Cluster, config: AuditConfig, ns: string): boolean {
  if (config.sensitiveNamespaces.includes(ns)) return true;
  const labels = namespaceLabels(cluster, ns);
  const want = Object.entries(config.sensitiveLabels);
  return want.length > 0 && want.every(([k, v]) => labels[k] === v);
}

/** Builds a finding with the catalogue name and the configured severity. */
export function finding(
  ctx: RuleContext,
  id: string,
  f: { resource: string; source: SourceRef | undefined; path?: string; message: string; fix: string },
): Finding {
  const meta = ruleMeta(id);
  const sev = ctx.config.severity[meta.id] ?? meta.severity;
  const base = { ruleId: meta.id, rule: meta.name, severity: sev, resource: f.resource, path: f.path ?? '', message: f.message, fix: f.fix };
  return f.source ? { ...base, source: f.source } : base;
}

const q = (s: string): string => (/^[A-Za-z0-9._/-]+$/.test(s) && !/^(true|false|null|yes|no|on|off|~|[0-9.]+)$/i.test(s) ? s : JSON.stringify(s));

/** `matchLabels:` block lines at `indent`. */
export function labelsYaml(labels: Labels, indent: number): string {
  const pad = ' '.repeat(indent);
  const entries = Object.entries(labels);
  if (entries.length === 0) return `${pad}{}`;
  return entries.map(([k, v]) => `${pad}${q(k)}: ${q(v)}`).join('\n');
}

export function defaultDenyYaml(ns: string, type: PolicyType): string {
  const lower = type === 'Ingress' ? 'ingress' : 'egress';
  return [
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata:',
    `  name: default-deny-${lower}`,
    `  namespace: ${q(ns)}`,
    'spec:',
    '  podSelector: {}',
    `  policyTypes: [${type}]`,
  ].join('\n');
}

/** A namespace-wide DNS allowance, kept apart from the default deny so that stays a pure deny. */
export function allowDnsYaml(ns: string): string {
  return [
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata:',
    '  name: allow-dns',
    `  namespace: ${q(ns)}`,
    'spec:',
    '  podSelector: {}',
    '  policyTypes: [Egress]',
    '  egress:',
    '  - to:',
    '    - namespaceSelector:',
    '        matchLabels:',
    '          kubernetes.io/metadata.name: kube-system',
    '      podSelector:',
    '        matchLabels:',
    '          k8s-app: kube-dns',
    '    ports:',
    '    - {protocol: UDP, port: 53}',
    '    - {protocol: TCP, port: 53}',
  ].join('\n');
}

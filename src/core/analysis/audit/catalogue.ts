// The rule catalogue: stable ids and names (never renumber; docs/audit.md mirrors this list).
import type { RuleMeta } from './types.js';

export const RULES: readonly RuleMeta[] = [
  { id: 'NP101', name: 'namespace-no-default-deny-ingress', category: 'isolation', severity: 'medium', summary: 'Namespace has no default-deny ingress policy (podSelector: {} with policyTypes Ingress).' },
  { id: 'NP102', name: 'namespace-no-default-deny-egress', category: 'isolation', severity: 'low', summary: 'Namespace has no default-deny egress policy (podSelector: {} with policyTypes Egress).' },
  { id: 'NP103', name: 'pod-not-isolated-ingress', category: 'isolation', severity: 'medium', summary: 'No policy selects the pod for ingress: every pod and address may connect to it.' },
  { id: 'NP104', name: 'pod-not-isolated-egress', category: 'isolation', severity: 'low', summary: 'No policy selects the pod for egress: it may connect anywhere.' },
  { id: 'NP201', name: 'peer-matches-nothing', category: 'selectors', severity: 'medium', summary: 'A podSelector/namespaceSelector peer matches no namespace or no pod of the input.' },
  { id: 'NP202', name: 'policy-selects-no-pod', category: 'selectors', severity: 'medium', summary: 'The policy podSelector selects no pod, so the policy does nothing.' },
  { id: 'NP203', name: 'peers-or-instead-of-and', category: 'selectors', severity: 'medium', summary: 'A namespaceSelector-only peer next to a podSelector-only peer: two peers (OR), where one peer (AND) was likely meant.' },
  { id: 'NP301', name: 'rule-allows-every-peer', category: 'over-broad', severity: 'low', summary: 'A rule of an isolating policy has no from/to: every pod and every address (internet included) on its ports.' },
  { id: 'NP302', name: 'rule-allows-everything', category: 'over-broad', severity: 'high', summary: 'A rule of an isolating policy has no peers and no ports: it allows everything, undoing the isolation.' },
  { id: 'NP303', name: 'ipblock-internet-wide', category: 'over-broad', severity: 'medium', summary: 'An ipBlock of 0.0.0.0/0 or ::/0 admits the whole internet (and, upstream, every pod IP).' },
  { id: 'NP304', name: 'sensitive-namespace-open-to-all-namespaces', category: 'over-broad', severity: 'high', summary: 'Ingress into a sensitive namespace (kube-system or configured) from every namespace.' },
  { id: 'NP305', name: 'rule-allows-every-pod', category: 'over-broad', severity: 'low', summary: 'A peer `namespaceSelector: {}` (with no or an empty podSelector) admits every pod of every namespace.' },
  { id: 'NP401', name: 'named-port-unresolved', category: 'ports', severity: 'medium', summary: 'A named port matches no container port of the destination pods, so the rule admits nothing on it.' },
  { id: 'NP402', name: 'port-protocol-mismatch', category: 'ports', severity: 'medium', summary: 'The port entry protocol contradicts the container port it names.' },
  { id: 'NP501', name: 'egress-deny-blocks-dns', category: 'outage', severity: 'high', summary: 'The pod is isolated for egress and may not reach DNS on UDP 53 (kube-system k8s-app=kube-dns).' },
  { id: 'NP502', name: 'egress-dns-tcp-missing', category: 'outage', severity: 'low', summary: 'DNS over UDP 53 is allowed but TCP 53 is not: large (truncated) answers fail.' },
  { id: 'NP601', name: 'redundant-rule', category: 'redundancy', severity: 'low', summary: 'Removing the rule changes no connection: other rules already allow all it allows.' },
  { id: 'NP602', name: 'redundant-policy', category: 'redundancy', severity: 'low', summary: 'Removing the whole policy changes no connection.' },
  { id: 'NP701', name: 'host-network-pod', category: 'ungoverned', severity: 'medium', summary: 'A hostNetwork pod is not governed by NetworkPolicy: policies neither isolate nor match it.' },
  { id: 'NP801', name: 'manifest-warning', category: 'manifest', severity: 'medium', summary: 'A manifest mistake reported by validation (e.g. an unknown field that is silently ignored).' },
];

const byKey = new Map<string, RuleMeta>();
for (const r of RULES) {
  byKey.set(r.id.toLowerCase(), r);
  byKey.set(r.name, r);
  byKey.set(`${r.id}-${r.name}`.toLowerCase(), r);
}

/** Looks a rule up by id ("NP101"), name, or "NP101-name". */
export function findRule(key: string): RuleMeta | undefined {
  return byKey.get(key.trim().toLowerCase());
}

export function ruleMeta(id: string): RuleMeta {
  const r = findRule(id);
  if (!r) throw new Error(`unknown audit rule ${id}`);
  return r;
}

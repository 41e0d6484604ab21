// Test helpers: load manifests as the CLI does and run the audit.
import { loadCluster } from '../../src/core/parse/index.js';
import { createEngine } from '../../src/core/engine/index.js';
import { runAudit, type AuditConfig, type Finding } from '../../src/core/analysis/audit/index.js';
import type { Cluster } from '../../src/core/model/types.js';

export function load(yaml: string): { cluster: Cluster; problems: ReturnType<typeof loadCluster>['problems'] } {
  const r = loadCluster([{ file: 'test.yaml', text: yaml }]);
  const errors = r.problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new Error(`fixture does not load: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return { cluster: r.cluster, problems: r.problems };
}

export function audit(yaml: string, config: Partial<AuditConfig> = {}): Finding[] {
  const { cluster, problems } = load(yaml);
  return [...runAudit({ cluster, problems, engineFactory: (c) => createEngine(c), config }).findings];
}

export const ids = (fs: readonly Finding[], id: string): Finding[] => fs.filter((f) => f.ruleId === id);

export const ns = (name: string, labels: Record<string, string> = {}): string =>
  `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  labels: ${JSON.stringify(labels)}\n---\n`;

export const pod = (namespace: string, name: string, labels: Record<string, string>, extra = ''): string =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n  labels: ${JSON.stringify(labels)}\nspec:\n  containers:\n  - name: c\n    image: x${extra}\n---\n`;

export const denyAll = (namespace: string): string =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny-all\n  namespace: ${namespace}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n---\n`;

/** Egress to cluster DNS, so that isolated pods do not trigger NP501. */
export const allowDns = (namespace: string): string =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-dns\n  namespace: ${namespace}\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}\n      podSelector: {matchLabels: {k8s-app: kube-dns}}\n    ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]\n---\n`;

export function policy(namespace: string, name: string, spec: string): string {
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n${spec.replace(/^/gm, '  ')}\n---\n`;
}

import { loadCluster } from '../../src/core/parse/index.js';

/** A NetworkPolicy in namespace `ns` whose spec is `spec` (YAML flow text, indented by the caller). */
export const policy = (spec: string, name = 'np'): string =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ns\nspec:\n${spec}\n`;

/** `path: message` of every problem of a severity, in order. */
export function found(text: string, severity: 'error' | 'warning' = 'error'): string[] {
  return loadCluster([{ file: 'np.yaml', text }])
    .problems.filter((p) => p.severity === severity)
    .map((p) => `${p.path}: ${p.message}`);
}

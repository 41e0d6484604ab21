// Every policy of the upstream e2e corpus (../shared/conformance/k8s-e2e, embedded in the case
// files' steps[].policies) is valid: the API server accepted each one on a real cluster.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadCluster } from '../../src/core/parse/index.js';
import { formatProblem } from '../../src/core/validate/format.js';

const CORPUS = path.resolve(import.meta.dirname, '../../../shared/conformance/k8s-e2e');
const present = fs.existsSync(path.join(CORPUS, 'cases'));
if (!present) console.warn(`validate k8s-e2e conformance SKIPPED LOUDLY: corpus not found at ${CORPUS}`);
const files = present ? fs.readdirSync(path.join(CORPUS, 'cases')).filter((f) => f.endsWith('.yaml')).sort() : [];

describe.skipIf(!present)('validate: k8s e2e policies', () => {
  it('the corpus has its 48 cases', () => expect(files).toHaveLength(48));

  for (const f of files) {
    it(f, () => {
      const doc = parse(fs.readFileSync(path.join(CORPUS, 'cases', f), 'utf8')) as { steps: { policies?: unknown[] }[] };
      const policies = doc.steps.flatMap((s) => s.policies ?? []);
      expect(policies.length).toBeGreaterThan(0);
      // each step's policies as the multi-document YAML a user would apply
      const text = policies.map((p) => stringify(p, { version: '1.1' })).join('---\n');
      const r = loadCluster([{ file: f, text }]);
      expect(r.problems.filter((p) => p.severity === 'error').map(formatProblem)).toEqual([]);
      const names = new Set(policies.map((p) => `${(p as { metadata: { namespace: string; name: string } }).metadata.namespace}/${(p as { metadata: { name: string } }).metadata.name}`));
      expect(new Set(r.cluster.policies.map((p) => `${p.namespace}/${p.name}`))).toEqual(names);
    });
  }
});

// `netpol validate` on np-guard's corpus (../shared/conformance/np-guard, read in place):
// every good case loads without errors; every error case is reported, as an error where the API
// server would reject the object and as a warning where it would accept it (pinned below).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInputs } from '../../src/cli/read-inputs.js';
import { loadCluster } from '../../src/core/parse/index.js';
import { formatProblem } from '../../src/core/validate/format.js';

const CORPUS = path.resolve(import.meta.dirname, '../../../shared/conformance/np-guard');
const present = fs.existsSync(path.join(CORPUS, 'cases.tsv'));
if (!present) console.warn(`validate np-guard conformance SKIPPED LOUDLY: corpus not found at ${CORPUS}`);

interface Row {
  readonly name: string;
  readonly group: string;
}
const rows: Row[] = present
  ? fs
      .readFileSync(path.join(CORPUS, 'cases.tsv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split('\t'))
      .map(([name, group]) => ({ name: name!, group: group! }))
  : [];

async function validate(name: string) {
  const read = await readInputs([path.join(CORPUS, name, 'input')]);
  const r = loadCluster(read.files);
  const problems = [...read.problems, ...r.problems];
  return { ...r, problems, errors: problems.filter((p) => p.severity === 'error'), warnings: problems.filter((p) => p.severity === 'warning') };
}

/** Which of np-guard's fatal cases the API server rejects (error) or accepts (warning), and how netpol says it. */
const ERROR_CASES: Record<string, { severity: 'error' | 'warning'; code: string; path: string }> = {
  bad_netpols_subdir1: { severity: 'error', code: 'invalid-value', path: 'spec.ingress[2].from[0].ipBlock.cidr' },
  bad_netpols_subdir2: { severity: 'error', code: 'invalid-value', path: 'spec.podSelector.matchLabels' },
  bad_netpols_subdir3: { severity: 'error', code: 'forbidden', path: 'spec.ingress[0].from[0]' },
  bad_netpols_subdir4: { severity: 'error', code: 'required-value', path: 'spec.ingress[0].from[0]' },
  // the API server accepts a named port next to an ipBlock peer; it simply never matches
  bad_netpols_subdir6: { severity: 'warning', code: 'named-port-ip-block', path: 'spec.egress[0].ports[0].port' },
  bad_netpols_subdir7: { severity: 'error', code: 'invalid-value', path: 'spec.egress[0].to[0].podSelector.matchLabels' },
  // two objects with one name: a manifest set may hold both (apply would update), so a warning
  np_bad_path_test_1: { severity: 'warning', code: 'duplicate-name', path: 'metadata.name' },
  np_bad_path_test_2: { severity: 'error', code: 'invalid-value', path: 'spec.ingress[1].ports[0].endPort' },
  np_test_with_empty_port_range: { severity: 'error', code: 'invalid-value', path: 'spec.egress[0].ports[1].endPort' },
  bad_path_namespace_with_same_name: { severity: 'warning', code: 'duplicate-name', path: 'metadata.name' },
  // pods of one owner with different labels are legal objects; np-guard refuses the analysis
  'semanticDiff-same-topologies-illegal-podlist': { severity: 'warning', code: 'owner-label-gap', path: 'metadata.labels' },
  example_pods_w_same_owner_and_labels_gap_with_bad_match_expression: { severity: 'warning', code: 'owner-label-gap', path: 'metadata.labels' },
};

describe.skipIf(!present)('validate: np-guard corpus', () => {
  it('the pinned table covers exactly the corpus error cases', () => {
    expect(rows.filter((r) => r.group === 'error').map((r) => r.name).sort()).toEqual(Object.keys(ERROR_CASES).sort());
  });

  for (const row of rows.filter((r) => r.group !== 'error')) {
    it(`${row.group}/${row.name}: no errors`, async () => {
      const r = await validate(row.name);
      expect(r.errors.map(formatProblem)).toEqual([]);
      expect(r.cluster.namespaces.length + r.cluster.policies.length).toBeGreaterThan(0);
      if (row.group === 'anp') {
        const skipped = Object.keys(r.skipped);
        expect(skipped.some((k) => k === 'AdminNetworkPolicy' || k === 'BaselineAdminNetworkPolicy')).toBe(true);
      }
    });
  }

  for (const [name, want] of Object.entries(ERROR_CASES)) {
    it(`error case ${name}: reported as ${want.severity} ${want.code} at ${want.path}`, async () => {
      const r = await validate(name);
      const hits = r.problems.filter((p) => p.code === want.code && p.path === want.path);
      expect(hits.map((p) => p.severity)).toContain(want.severity);
      if (want.severity === 'warning') expect(r.errors.map(formatProblem)).toEqual([]);
      for (const p of hits) expect(p.source?.file).toContain(path.join(CORPUS, name));
    });
  }
});

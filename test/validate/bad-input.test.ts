// Malformed input becomes problems with positions, never exceptions.
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../../src/core/parse/index.js';
import { formatProblem } from '../../src/core/validate/format.js';
import { policy } from './helpers.js';

const lines = (text: string, file = 'in.yaml') => loadCluster([{ file, text }]).problems.map(formatProblem);

describe('syntax', () => {
  it('YAML syntax errors carry line and column', () => {
    const out = lines('kind: Pod\nmetadata:\n  name: [a\n');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^in\.yaml:\d+:\d+: Invalid value: YAML syntax: /);
    expect(lines('a: b\n  c: d\n')[0]).toMatch(/^in\.yaml:1:4: Invalid value: YAML syntax: /);
  });
  it('broken JSON is reported the same way', () => {
    expect(lines('{"kind": "Pod", "metadata": {', 'x.json')[0]).toMatch(/^x\.json:1:\d+: Invalid value: YAML syntax: /);
  });
  it('duplicate keys are errors at the second key', () => {
    expect(lines('kind: Pod\nmetadata:\n  name: a\n  name: b\n')).toEqual(['in.yaml:4:3: Duplicate value: key "name" already set in this mapping']);
  });
  it('a bad document does not hide the good ones next to it', () => {
    const r = loadCluster([{ file: 'a.yaml', text: 'kind: Pod\nmetadata: {name: ok}\n---\nkind: [\n' }]);
    expect(r.cluster.pods.map((p) => p.name)).toEqual(['ok']);
    expect(r.problems).toHaveLength(1);
  });
  it('alias bombs are bounded', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    const out = lines(`${bomb.join('\n')}\n`);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^in\.yaml:1:1: Invalid value: .*aliases expand to more than 100 nodes/);
  });
  it('binary content is refused', () => {
    expect(lines('kind: Pod\u0000\u0001')).toEqual(['in.yaml:1:1: Invalid value: file looks binary (contains NUL bytes), not YAML or JSON']);
  });
  it('empty files and comment-only files are fine', () => {
    expect(lines('')).toEqual([]);
    expect(lines('# nothing here\n---\n')).toEqual([]);
  });
});

describe('structure and types', () => {
  it('a document that is not a mapping', () => {
    expect(lines('- a\n- b\n')).toEqual(['in.yaml:1:1: Invalid value: expected a Kubernetes object (a mapping with apiVersion and kind), got array']);
  });
  it('kind is required (outside lists that imply it)', () => {
    expect(lines('metadata: {name: a}\n')).toEqual(['in.yaml:1:1: kind: Required value: kind must be set']);
  });
  it('wrong types are errors at the field', () => {
    expect(lines(policy('  podSelector: {}\n  ingress: "everything"'))).toEqual([
      'in.yaml:8:12: spec.ingress: Invalid type: got "string", expected "array"',
    ]);
    expect(lines(policy('  podSelector: {matchLabels: {version: 2}}'))).toEqual([
      'in.yaml:7:40: spec.podSelector.matchLabels.version: Invalid type: got "integer", expected "string"',
    ]);
    expect(lines(policy('  podSelector: {}\n  ingress:\n  - ports: [{port: 80.5}]'))[0]).toMatch(
      /spec\.ingress\[0\]\.ports\[0\]\.port: Invalid type: got "number", expected "integer or string"$/,
    );
  });
  it('objects with type errors are left out; the rest loads', () => {
    const r = loadCluster([{ file: 'a.yaml', text: 'kind: Pod\nmetadata: {name: a}\nspec: {containers: 3}\n---\nkind: Pod\nmetadata: {name: b}\n' }]);
    expect(r.cluster.pods.map((p) => p.name)).toEqual(['b']);
  });
});

describe('warnings', () => {
  const warnings = (text: string) =>
    loadCluster([{ file: 'in.yaml', text }]).problems.filter((p) => p.severity === 'warning').map((p) => `${p.path}: ${p.message}`);

  it('a CIDR with host bits set names the network it means', () => {
    expect(warnings(policy('  podSelector: {}\n  egress:\n  - to: [{ipBlock: {cidr: 10.0.1.1/8, except: [10.0.1.1/24]}}]'))).toEqual([
      'spec.egress[0].to[0].ipBlock.cidr: CIDR value "10.0.1.1/8" has host bits set: it means the network 10.0.0.0/8 (10.0.0.0-10.255.255.255); write "10.0.0.0/8", or "10.0.1.1/32" for the single address',
      'spec.egress[0].to[0].ipBlock.except[0]: CIDR value "10.0.1.1/24" has host bits set: it means the network 10.0.1.0/24 (10.0.1.0-10.0.1.255); write "10.0.1.0/24", or "10.0.1.1/32" for the single address',
    ]);
  });
  it('a misplaced known field gets a "did you mean"', () => {
    const text = 'kind: NetworkPolicy\nmetadata: {name: a}\nspec:\n  podSelector: {}\npolicyTypes: [Egress]\n';
    expect(warnings(text)).toEqual(['policyTypes: unknown field "policyTypes"; did you mean spec.policyTypes?']);
    const p = loadCluster([{ file: 'in.yaml', text }]).problems[0]!;
    expect(p.source).toMatchObject({ line: 5, column: 1 });
  });
  it('a misspelt field gets the nearest sibling', () => {
    expect(warnings(policy('  podselector: {}\n  ingres: []'))).toEqual([
      'spec.podselector: unknown field "spec.podselector"; did you mean spec.podSelector?',
      'spec.ingres: unknown field "spec.ingres"; did you mean spec.ingress?',
    ]);
  });
  it('duplicate names (same kind, namespace and name): the first one wins', () => {
    const r = loadCluster([{ file: 'a.yaml', text: `${policy('  podSelector: {}')}---\n${policy('  podSelector: {matchLabels: {a: b}}')}` }]);
    expect(r.problems.map((p) => `${p.severity} ${p.path}: ${p.message}`)).toEqual([
      'warning metadata.name: Duplicate value: "np": NetworkPolicy ns/np is already defined at a.yaml:1; this one is ignored',
    ]);
    expect(r.cluster.policies).toHaveLength(1);
    expect(r.cluster.policies[0]!.podSelector.matchLabels).toEqual({});
  });
  it('a named port toward an ipBlock peer can never match', () => {
    expect(warnings(policy('  podSelector: {}\n  egress:\n  - to: [{ipBlock: {cidr: 10.0.0.0/8}}]\n    ports: [{port: dns}]'))).toEqual([
      'spec.egress[0].ports[0].port: named port "dns" cannot match traffic to or from the ipBlock peers of this rule (only pods have named ports)',
    ]);
  });
  it('rules of a direction missing from policyTypes are ignored', () => {
    expect(warnings(policy('  podSelector: {}\n  policyTypes: [Ingress]\n  egress: [{}]'))).toEqual([
      'spec.egress: egress rules are ignored: spec.policyTypes does not include "Egress"',
    ]);
  });
  it('pods of one owner that a selector splits', () => {
    const pod = (name: string, app: string) =>
      `kind: Pod\nmetadata: {name: ${name}, namespace: ns, labels: {app: ${app}}, ownerReferences: [{kind: DaemonSet, name: ds, controller: true}]}\n---\n`;
    const text = `${pod('p1', 'a')}${pod('p2', 'b')}${policy('  podSelector: {matchLabels: {app: a}}')}`;
    expect(warnings(text)).toEqual([
      'metadata.labels: pods of ns/ds[DaemonSet] have different labels, and spec.podSelector of NetworkPolicy ns/np selects only some of them (p1): one workload is treated differently per pod',
    ]);
    expect(warnings(`${pod('p1', 'a')}${pod('p2', 'b')}${policy('  podSelector: {matchExpressions: [{key: app, operator: In, values: [a, b]}]}')}`)).toEqual([]);
  });
});

describe('YAML 1.1 booleans, as Kubernetes reads them', () => {
  it('unquoted yes/no/on/off/y/n: a warning at the scalar (the API server would see a boolean)', () => {
    expect(lines(policy('  podSelector: {matchLabels: {enabled: yes}}'))).toEqual([
      'in.yaml:7:40: warning: unquoted "yes" is a boolean for Kubernetes (YAML 1.1), not a string: write "yes" in quotes',
    ]);
    expect(lines('kind: Pod\nmetadata: {name: a, namespace: "y"}\n')).toEqual([]);
  });
  it('real booleans where strings belong are type errors', () => {
    expect(lines(policy('  podSelector: {matchLabels: {enabled: true}}'))).toEqual([
      'in.yaml:7:40: spec.podSelector.matchLabels.enabled: Invalid type: got "boolean", expected "string" (quote the value to make it a string)',
    ]);
  });
});

describe('deep nesting', () => {
  it('is refused with a message, never a stack overflow', () => {
    for (const n of [600, 20000]) {
      expect(lines('['.repeat(n) + ']'.repeat(n), 'deep.json')).toEqual(['deep.json:1:1: Invalid value: nesting deeper than 512 levels']);
      expect(lines('{"a":'.repeat(n) + '1' + '}'.repeat(n), 'deep.json')).toEqual(['deep.json:1:1: Invalid value: nesting deeper than 512 levels']);
      // YAML: the parser's own limit, or a document without kind; either way a problem, no exception
      const out = loadCluster([{ file: 'in.yaml', text: `a: ${'['.repeat(n)}${']'.repeat(n)}` }]).problems;
      expect(out.some((p) => p.severity === 'error')).toBe(true);
    }
  });
});

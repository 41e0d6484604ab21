// ValidateLabelSelector / ValidateLabels / IsQualifiedName / IsValidLabelValue, with upstream's text.
import { describe, expect, it } from 'vitest';
import { isQualifiedName, isValidLabelValue } from '../../src/core/validate/names.js';
import { found, policy } from './helpers.js';

const sel = (s: string) => policy(`  podSelector: ${s}`);
const QN_REGEX = "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const NAME_PART = `name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character ${QN_REGEX}`;
const VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('label keys (IsQualifiedName)', () => {
  it('accepts names with and without a DNS prefix', () => {
    for (const k of ['app', 'App.v1_x-y', 'kubernetes.io/metadata.name', 'a.b.c/x', 'x'.repeat(63)]) expect(isQualifiedName(k)).toEqual([]);
  });
  it('rejects bad characters, with the path of the matchLabels map', () => {
    expect(found(sel('{matchLabels: {"app@b": x}}'))).toEqual([`spec.podSelector.matchLabels: Invalid value: "app@b": ${NAME_PART}`]);
  });
  it('empty, too long, bad prefix, too many slashes', () => {
    expect(isQualifiedName('')).toEqual(['name part must be non-empty', `name part ${NAME_PART.slice('name part '.length)}`]);
    expect(isQualifiedName('x'.repeat(64))).toEqual(['name part must be no more than 63 characters']);
    expect(isQualifiedName('/app')).toEqual(['prefix part must be non-empty']);
    expect(isQualifiedName('Foo.io/app')[0]).toMatch(/^prefix part a lowercase RFC 1123 subdomain must consist of/);
    expect(isQualifiedName('a/b/c')).toEqual([
      `a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character ${QN_REGEX} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ]);
  });
});

describe('label values (IsValidLabelValue)', () => {
  it('accepts empty and up to 63 characters', () => {
    for (const v of ['', 'v1', 'my_value.X-1', 'x'.repeat(63)]) expect(isValidLabelValue(v)).toEqual([]);
  });
  it('rejects bad characters and length', () => {
    expect(found(sel('{matchLabels: {app: $backendservice}}'))).toEqual([`spec.podSelector.matchLabels: Invalid value: "$backendservice": ${VALUE_MSG}`]);
    expect(isValidLabelValue('x'.repeat(64))).toEqual(['must be no more than 63 characters']);
  });
  it('metadata.labels follow the same rules', () => {
    const text = 'kind: Pod\nmetadata: {name: p, namespace: ns, labels: {"-x": "y"}}\n';
    expect(found(text)).toEqual([`metadata.labels: Invalid value: "-x": ${NAME_PART}`]);
  });
});

describe('matchExpressions (ValidateLabelSelectorRequirement)', () => {
  const expr = (e: string) => sel(`{matchExpressions: [${e}]}`);
  it('In and NotIn need values', () => {
    expect(found(expr('{key: app, operator: In, values: []}'))).toEqual([
      "spec.podSelector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    ]);
    expect(found(expr('{key: app, operator: NotIn}'))).toEqual([
      "spec.podSelector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    ]);
    expect(found(expr('{key: app, operator: In, values: [a, b]}'))).toEqual([]);
  });
  it('Exists and DoesNotExist forbid values', () => {
    expect(found(expr('{key: app, operator: Exists, values: [a]}'))).toEqual([
      "spec.podSelector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
    ]);
    expect(found(expr('{key: app, operator: DoesNotExist}'))).toEqual([]);
  });
  it('no other operator', () => {
    expect(found(expr('{key: app, operator: Equals, values: [a]}'))).toEqual([
      'spec.podSelector.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator',
    ]);
  });
  it('keys and values are checked', () => {
    expect(found(expr('{key: "a b", operator: In, values: ["c d"]}'))).toEqual([
      `spec.podSelector.matchExpressions[0].key: Invalid value: "a b": ${NAME_PART}`,
      `spec.podSelector.matchExpressions[0].values[0]: Invalid value: "c d": ${VALUE_MSG}`,
    ]);
  });
  it('applies to peer selectors too', () => {
    const text = policy('  podSelector: {}\n  ingress:\n  - from: [{namespaceSelector: {matchExpressions: [{key: a, operator: Exists, values: [x]}]}}]');
    expect(found(text)).toEqual([
      "spec.ingress[0].from[0].namespaceSelector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
    ]);
  });
});

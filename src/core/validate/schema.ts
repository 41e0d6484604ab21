// Field types and known fields of the kinds netpol reads. Wrong types are errors (the API server's
// decoder rejects them); unknown fields are warnings (kubectl's default field validation warns).
import { isRecord, typeName } from '../parse/manifests.js';
import { formatPath, type PathSeg } from '../parse/yaml-docs.js';
import type { Findings } from './field-errors.js';

export type Schema =
  | 'string'
  | 'int'
  | 'bool'
  | 'int-or-string'
  | 'string-map'
  | 'any'
  | { readonly list: Schema }
  | { readonly fields: Readonly<Record<string, Schema>>; readonly open?: boolean };

const list = (s: Schema): Schema => ({ list: s });
const obj = (fields: Record<string, Schema>, open = false): Schema => ({ fields, open });

const META = obj({
  name: 'string', generateName: 'string', namespace: 'string', labels: 'string-map', annotations: 'string-map',
  uid: 'string', resourceVersion: 'string', generation: 'int', selfLink: 'string', creationTimestamp: 'any',
  deletionTimestamp: 'any', deletionGracePeriodSeconds: 'int', finalizers: list('string'), managedFields: 'any',
  ownerReferences: list(obj({ apiVersion: 'string', kind: 'string', name: 'string', uid: 'string', controller: 'bool', blockOwnerDeletion: 'bool' })),
});
const SELECTOR = obj({
  matchLabels: 'string-map',
  matchExpressions: list(obj({ key: 'string', operator: 'string', values: list('string') })),
});
const PEER = obj({ podSelector: SELECTOR, namespaceSelector: SELECTOR, ipBlock: obj({ cidr: 'string', except: list('string') }) });
const NP_PORT = obj({ protocol: 'string', port: 'int-or-string', endPort: 'int' });
const top = (spec: Schema, status: Schema = 'any'): Schema =>
  obj({ apiVersion: 'string', kind: 'string', metadata: META, spec, status });

const CONTAINER = obj(
  { name: 'string', ports: list(obj({ name: 'string', containerPort: 'int', protocol: 'string', hostPort: 'int', hostIP: 'string' })) },
  true,
);
const POD_SPEC = obj({ containers: list(CONTAINER), initContainers: list(CONTAINER), hostNetwork: 'bool', nodeName: 'string' }, true);
const POD_TEMPLATE = obj({ metadata: META, spec: POD_SPEC });

export const SCHEMAS: Readonly<Record<string, Schema>> = {
  NetworkPolicy: top(
    obj({
      podSelector: SELECTOR,
      ingress: list(obj({ from: list(PEER), ports: list(NP_PORT) })),
      egress: list(obj({ to: list(PEER), ports: list(NP_PORT) })),
      policyTypes: list('string'),
    }),
  ),
  Namespace: top('any'),
  Pod: top(
    POD_SPEC,
    obj({ phase: 'string', podIP: 'string', podIPs: list(obj({ ip: 'string' })), hostIP: 'string' }, true),
  ),
  Service: top(
    obj(
      {
        selector: 'string-map', clusterIP: 'string', clusterIPs: list('string'),
        ports: list(obj({ name: 'string', port: 'int', targetPort: 'int-or-string', protocol: 'string', nodePort: 'int', appProtocol: 'string' })),
      },
      true,
    ),
  ),
  Workload: top(obj({ replicas: 'int', template: POD_TEMPLATE }, true)),
  CronJob: top(obj({ jobTemplate: obj({ metadata: META, spec: obj({ template: POD_TEMPLATE }, true) }) }, true)),
};

const KNOWN = new WeakMap<object, Map<string, string[]>>();

/** Every path at which a field name is known, for "did you mean" hints. */
function knownPaths(s: Schema, prefix: PathSeg[], out: Map<string, string[]>): void {
  if (typeof s === 'string') return;
  if ('list' in s) return knownPaths(s.list, [...prefix, 0], out);
  for (const [k, sub] of Object.entries(s.fields)) {
    const p = formatPath([...prefix, k]).replace(/\[0\]/g, '[*]');
    out.set(k, [...(out.get(k) ?? []), p]);
    knownPaths(sub, [...prefix, k], out);
  }
}

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return d[b.length]!;
}

function hint(key: string, siblings: readonly string[], here: PathSeg[], known: Map<string, string[]>): string {
  const near = siblings.find((s) => s.toLowerCase() === key.toLowerCase() || (key.length > 3 && editDistance(s, key) <= 2));
  if (near) return `; did you mean ${formatPath([...here, near])}?`;
  const elsewhere = known.get(key);
  if (elsewhere && elsewhere.length > 0) return `; did you mean ${elsewhere.slice(0, 2).join(' or ')}?`;
  return '';
}

/** Checks types (errors) and unknown fields (warnings) of `value` against `schema`. Returns false on type errors. */
const BOOL_HINT = ' (quote the value to make it a string)';

export function checkSchema(f: Findings, schema: Schema, value: unknown, path: PathSeg[], root: Exclude<Schema, string> | undefined = typeof schema === 'object' ? schema : undefined): boolean {
  if (value === null || value === undefined || schema === 'any') return true; // null is Go's zero value
  let known = root ? KNOWN.get(root) : undefined;
  if (!known) {
    known = new Map<string, string[]>();
    if (root) {
      knownPaths(root, [], known);
      KNOWN.set(root, known);
    }
  }
  const hints = known;
  let ok = true;
  // one closure per call, not per node: this walk visits every field of every object
  const bad = (at: PathSeg[], got: string, expected: string): void => {
    f.invalidType(at, got, expected, got === 'boolean' && expected === 'string' ? BOOL_HINT : '');
    ok = false;
  };
  const walk = (s: Schema, v: unknown, p: PathSeg[]): void => {
    if (v === null || v === undefined || s === 'any') return;
    const got = typeName(v);
    if (s === 'string') return void (typeof v !== 'string' && bad(p, got, 'string'));
    if (s === 'int') return void (!(typeof v === 'number' && Number.isInteger(v)) && bad(p, got, 'integer'));
    if (s === 'bool') return void (typeof v !== 'boolean' && bad(p, got, 'boolean'));
    if (s === 'int-or-string') {
      return void (!(typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v))) && bad(p, got, 'integer or string'));
    }
    if (s === 'string-map') {
      if (!isRecord(v)) return bad(p, got, 'object');
      for (const [k, x] of Object.entries(v)) {
        if (x !== null && typeof x !== 'string') {
          f.invalidType([...p, k], typeName(x), 'string', typeof x === 'boolean' ? BOOL_HINT : '');
          ok = false;
        }
      }
      return;
    }
    if ('list' in s) {
      if (!Array.isArray(v)) return bad(p, got, 'array');
      for (let i = 0; i < v.length; i++) walk(s.list, v[i], [...p, i]);
      return;
    }
    if (!isRecord(v)) return bad(p, got, 'object');
    for (const [k, x] of Object.entries(v)) {
      const sub = s.fields[k];
      if (sub) walk(sub, x, [...p, k]);
      else if (!s.open) {
        const rel = p.length === 0 ? k : `${formatPath(p)}.${k}`;
        f.warn([...p, k], 'unknown-field', `unknown field "${rel}"${hint(k, Object.keys(s.fields), p, hints)}`, true);
      }
    }
  };
  walk(schema, value, path);
  return ok;
}

// Random small clusters that hit every NetworkPolicy feature: the four selector operators,
// namespace+pod peers, ipBlocks with except over pod and external IPs, numeric/named ports,
// endPort, TCP/UDP/SCTP, every policyTypes combination, and empty vs missing rule lists.
import { Rng } from './prng.js';
import { NS_NAME_LABEL, type GenCase, type GenNamespace, type GenPod, type GenPort, type Obj, type Json } from './case.js';

const NS_NAMES = ['alpha', 'beta', 'gamma', 'delta'];
const NS_LABELS: Record<string, string[]> = { team: ['red', 'blue'], env: ['prod', 'dev'] };
const POD_LABELS: Record<string, string[]> = { app: ['web', 'db', 'api'], tier: ['fe', 'be'], role: ['x', 'y'] };
const PORT_CHOICES: GenPort[] = [
  { name: 'http', containerPort: 80, protocol: 'TCP' },
  { name: 'http', containerPort: 8080, protocol: 'TCP' },
  { name: 'dns', containerPort: 53, protocol: 'UDP' },
  { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
  { name: 'metrics', containerPort: 9090, protocol: 'TCP' },
  { name: 'db', containerPort: 5432, protocol: 'TCP' },
  { name: 'sig', containerPort: 7000, protocol: 'SCTP' },
  { containerPort: 443, protocol: 'TCP' },
];
const NUMERIC_PORTS = [53, 80, 443, 5432, 7000, 8080, 9090];
const PORT_NAMES = ['http', 'dns', 'dns-tcp', 'metrics', 'db', 'sig', 'nope'];
const EXTERNALS = ['10.0.0.200', '192.168.5.5', '192.168.7.1', '8.8.8.8', '2001:db8::5'];

function labelsFrom(rng: Rng, vocab: Record<string, string[]>, p: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, vs] of Object.entries(vocab)) if (rng.bool(p)) out[k] = rng.pick(vs);
  return out;
}

function selector(rng: Rng, vocab: Record<string, string[]>): Obj {
  if (rng.bool(0.25)) return {};
  const sel: Obj = {};
  const keys = Object.keys(vocab);
  if (rng.bool(0.6)) {
    const ml = labelsFrom(rng, vocab, 0.35);
    if (Object.keys(ml).length > 0) sel.matchLabels = ml;
  }
  if (rng.bool(0.6)) {
    const exprs: Json[] = [];
    for (let i = rng.int(1, 2); i > 0; i--) {
      const key = rng.bool(0.15) ? 'zone' : rng.pick(keys);
      const values = vocab[key] ?? ['a', 'b'];
      const op = rng.pick(['In', 'NotIn', 'Exists', 'DoesNotExist'] as const);
      exprs.push(op === 'In' || op === 'NotIn' ? { key, operator: op, values: rng.bool(0.5) ? [rng.pick(values)] : [...values] } : { key, operator: op });
    }
    sel.matchExpressions = exprs;
  }
  return sel;
}

function ipBlock(rng: Rng, pods: readonly GenPod[]): Obj {
  const pod = pods.length > 0 ? rng.pick(pods) : undefined;
  const choices: Obj[] = [
    { cidr: '10.0.0.0/16', except: ['10.0.1.0/24'] },
    { cidr: '10.0.0.0/24' },
    { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] },
    { cidr: '0.0.0.0/0', except: ['192.168.0.0/16', '8.8.8.8/32'] },
    { cidr: '192.168.0.0/16', except: ['192.168.5.0/24'] },
    { cidr: '10.0.0.0/8', except: ['10.0.0.192/26'] },
    { cidr: '8.8.8.8/32' },
    { cidr: '::/0' },
    { cidr: '2001:db8::/32', except: ['2001:db8::/120'] },
  ];
  if (pod) {
    choices.push({ cidr: `${pod.ip}/32` });
    choices.push({ cidr: '10.0.0.0/16', except: [`${pod.ip}/32`] });
  }
  return rng.pick(choices);
}

function peer(rng: Rng, pods: readonly GenPod[]): Obj {
  const r = rng.next();
  if (r < 0.25) return { ipBlock: ipBlock(rng, pods) };
  if (r < 0.5) return { podSelector: selector(rng, POD_LABELS) };
  const nsVocab = { ...NS_LABELS, [NS_NAME_LABEL]: NS_NAMES };
  if (r < 0.75) return { namespaceSelector: selector(rng, nsVocab) };
  return { namespaceSelector: selector(rng, nsVocab), podSelector: selector(rng, POD_LABELS) };
}

function policyPort(rng: Rng): Obj {
  const out: Obj = {};
  if (rng.bool(0.7)) out.protocol = rng.pick(['TCP', 'UDP', 'SCTP']);
  const r = rng.next();
  if (r < 0.2) return out; // every port of the protocol
  if (r < 0.45) return { ...out, port: rng.pick(PORT_NAMES) };
  const port = rng.pick(NUMERIC_PORTS);
  if (rng.bool(0.3)) return { ...out, port, endPort: port + rng.int(0, 3000) };
  return { ...out, port };
}

/** Missing (undefined), empty, or 1..max items: upstream treats missing and empty alike. */
function list(rng: Rng, max: number, item: () => Obj): Obj[] | undefined | 'empty' {
  const r = rng.next();
  if (r < 0.3) return undefined;
  if (r < 0.4) return 'empty';
  return Array.from({ length: rng.int(1, max) }, item);
}

function rule(rng: Rng, peersKey: 'from' | 'to', pods: readonly GenPod[]): Obj {
  const out: Obj = {};
  const peers = list(rng, 3, () => peer(rng, pods));
  if (peers !== undefined) out[peersKey] = peers === 'empty' ? [] : peers;
  const ports = list(rng, 3, () => policyPort(rng));
  if (ports !== undefined) out.ports = ports === 'empty' ? [] : ports;
  return out;
}

function policy(rng: Rng, i: number, namespaces: readonly GenNamespace[], pods: readonly GenPod[]): Obj {
  const ns = rng.pick(namespaces).name;
  const spec: Obj = { podSelector: selector(rng, POD_LABELS) };
  const types = rng.pick([[], ['Ingress'], ['Egress'], ['Ingress', 'Egress'], ['Egress', 'Ingress'], []]);
  if (types.length > 0) spec.policyTypes = types; // [] stands for a missing field: defaulted upstream
  for (const [dir, key] of [['ingress', 'from'], ['egress', 'to']] as const) {
    const rules = list(rng, 3, () => rule(rng, key, pods));
    if (rules !== undefined) spec[dir] = rules === 'empty' ? [] : rules;
  }
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: `np${i}`, namespace: ns }, spec };
}

function podPorts(rng: Rng): GenPort[] {
  const out: GenPort[] = [];
  for (const p of rng.subset(PORT_CHOICES, 0.3)) {
    // A container's port names and (port, protocol) pairs are unique (upstream pod validation).
    if (out.some((q) => (p.name !== undefined && q.name === p.name) || (q.containerPort === p.containerPort && q.protocol === p.protocol))) continue;
    out.push(p);
  }
  return out;
}

export function generateCase(seed: number): GenCase {
  const rng = new Rng(seed);
  const namespaces: GenNamespace[] = NS_NAMES.slice(0, rng.int(2, 4)).map((name) => ({ name, labels: labelsFrom(rng, NS_LABELS, 0.6) }));
  const pods: GenPod[] = Array.from({ length: rng.int(3, 12) }, (_, i) => ({
    namespace: rng.pick(namespaces).name,
    name: `pod${i}`,
    labels: labelsFrom(rng, POD_LABELS, 0.6),
    ip: `10.0.${i % 2}.${10 + i}`,
    ports: podPorts(rng),
  }));
  const policies = Array.from({ length: rng.int(1, 8) }, (_, i) => policy(rng, i, namespaces, pods));
  const externals = rng.subset(EXTERNALS, 0.6);
  return { seed, namespaces, pods, policies, externals: externals.length > 0 ? externals : [EXTERNALS[1] as string] };
}

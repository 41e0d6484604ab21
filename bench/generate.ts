// Synthetic cluster generator: deterministic by seed, plain Kubernetes YAML, so the very same input
// feeds netpol and other tools (netpol-analyzer). Also a CLI:
//   node --import tsx bench/generate.ts --pods N --namespaces K --policies M --seed S --out DIR|-
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface GenerateOptions {
  readonly pods: number;
  readonly namespaces: number;
  readonly policies: number;
  readonly seed: number;
}

export interface GeneratedFiles {
  /** file name → YAML text (namespaces.yaml, pods.yaml, policies.yaml). */
  readonly files: { readonly file: string; readonly text: string }[];
  readonly pods: number;
  readonly namespaces: number;
  readonly policies: number;
}

/** mulberry32: tiny, fast and deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEAMS = ['payments', 'search', 'identity', 'platform', 'data', 'growth', 'ml', 'infra'];
const ENVS = ['prod', 'staging', 'dev'];
interface AppKind {
  readonly app: string;
  readonly tier: string;
  readonly ports: readonly { name: string; port: number; protocol?: string }[];
}
const APPS: readonly AppKind[] = [
  { app: 'frontend', tier: 'web', ports: [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9102 }] },
  { app: 'api', tier: 'api', ports: [{ name: 'https', port: 8443 }, { name: 'grpc', port: 9090 }] },
  { app: 'auth', tier: 'api', ports: [{ name: 'https', port: 8443 }] },
  { app: 'orders', tier: 'api', ports: [{ name: 'http', port: 8000 }, { name: 'metrics', port: 9102 }] },
  { app: 'postgres', tier: 'data', ports: [{ name: 'pg', port: 5432 }] },
  { app: 'redis', tier: 'data', ports: [{ name: 'redis', port: 6379 }] },
  { app: 'kafka', tier: 'data', ports: [{ name: 'broker', port: 9092 }, { name: 'jmx', port: 9999 }] },
  { app: 'worker', tier: 'batch', ports: [{ name: 'metrics', port: 9102 }] },
  { app: 'statsd', tier: 'ops', ports: [{ name: 'statsd', port: 8125, protocol: 'UDP' }] },
  { app: 'sctp-gw', tier: 'edge', ports: [{ name: 'sig', port: 3868, protocol: 'SCTP' }] },
];

interface GenPod {
  readonly ns: number;
  readonly name: string;
  readonly kind: AppKind;
  readonly appName: string;
  readonly ip4: string;
  readonly ip6?: string;
}
interface GenNs {
  readonly name: string;
  readonly team: string;
  readonly env: string;
  readonly dual: boolean;
  readonly apps: { kind: AppKind; appName: string; first: number; count: number }[];
}

const ip4Of = (i: number): string => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${(i & 255) + 0}`;
const ip6Of = (i: number): string => `fd00::${(i >> 16).toString(16)}:${(i & 0xffff).toString(16)}`;

/** Builds the cluster: namespaces and pods first, then the policy mix, all from one seeded stream. */
export function generate(opts: GenerateOptions): GeneratedFiles {
  const r = rng(opts.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const nsCount = Math.max(1, opts.namespaces);
  const namespaces: GenNs[] = [];
  const pods: GenPod[] = [];
  for (let n = 0; n < nsCount; n++) {
    namespaces.push({ name: `ns-${n}`, team: pick(TEAMS), env: ENVS[n % 3]!, dual: n % 5 === 0, apps: [] });
  }
  // Pods: replicas of apps; an app's replicas share labels and ports (one class per app).
  let ipIndex = 256; // 10.0.1.0 upward; 10.0.0.x stays for kube-dns
  for (let i = 0; i < opts.pods; ) {
    const nsIdx = Math.floor(i / Math.ceil(opts.pods / nsCount)) % nsCount;
    const ns = namespaces[nsIdx]!;
    const kind = pick(APPS);
    const replicas = Math.min(opts.pods - i, 1 + Math.floor(r() * 9));
    const appName = `${kind.app}-${ns.apps.length}`;
    ns.apps.push({ kind, appName, first: pods.length, count: replicas });
    for (let k = 0; k < replicas; k++, i++, ipIndex++) {
      const pod: GenPod = ns.dual
        ? { ns: nsIdx, name: `${appName}-${k}`, kind, appName, ip4: ip4Of(ipIndex), ip6: ip6Of(ipIndex) }
        : { ns: nsIdx, name: `${appName}-${k}`, kind, appName, ip4: ip4Of(ipIndex) };
      pods.push(pod);
    }
  }
  const nsDocs: string[] = [
    'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: kube-system\n',
    ...namespaces.map(
      (ns) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns.name}\n  labels:\n    team: ${ns.team}\n    env: ${ns.env}\n`,
    ),
  ];
  const podDocs: string[] = [];
  for (let k = 0; k < 2; k++) {
    podDocs.push(
      podYaml('kube-system', `coredns-${k}`, { 'k8s-app': 'kube-dns' }, `10.0.0.${10 + k}`, undefined, [
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53 },
      ]),
    );
  }
  for (const p of pods) {
    const ns = namespaces[p.ns]!;
    const labels = { app: p.appName, tier: p.kind.tier, team: ns.team, env: ns.env };
    podDocs.push(podYaml(ns.name, p.name, labels, p.ip4, p.ip6, p.kind.ports));
  }
  const policyDocs = generatePolicies(opts.policies, namespaces, pods, r);
  return {
    files: [
      { file: 'namespaces.yaml', text: nsDocs.join('---\n') },
      { file: 'pods.yaml', text: podDocs.join('---\n') },
      { file: 'policies.yaml', text: policyDocs.join('---\n') },
    ],
    pods: pods.length + 2,
    namespaces: namespaces.length + 1,
    policies: policyDocs.length,
  };
}

function podYaml(
  ns: string,
  name: string,
  labels: Record<string, string>,
  ip4: string,
  ip6: string | undefined,
  ports: readonly { name: string; port: number; protocol?: string }[],
): string {
  const lab = Object.entries(labels)
    .map(([k, v]) => `    ${k}: ${v}\n`)
    .join('');
  const cports = ports
    .map((p) => `    - name: ${p.name}\n      containerPort: ${p.port}\n      protocol: ${p.protocol ?? 'TCP'}\n`)
    .join('');
  const ips = ip6 ? `  - ip: ${ip4}\n  - ip: ${ip6}\n` : `  - ip: ${ip4}\n`;
  return (
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n  labels:\n${lab}` +
    `spec:\n  containers:\n  - name: main\n    image: example/app:1\n` +
    (cports ? `    ports:\n${cports}` : '') +
    `status:\n  phase: Running\n  podIP: ${ip4}\n  podIPs:\n${ips}`
  );
}

type Emit = (name: string, ns: string, body: string) => void;

/** The policy mix; each namespace gets the baseline first, then app-to-app rules fill up to `count`. */
function generatePolicies(count: number, namespaces: GenNs[], pods: GenPod[], r: () => number): string[] {
  const out: string[] = [];
  const emit: Emit = (name, ns, body) => {
    if (out.length < count) out.push(`apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n${body}`);
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  // Baseline for every other namespace (the rest stay open, as real clusters do).
  for (let n = 0; n < namespaces.length && out.length < count; n += 2) {
    const ns = namespaces[n]!;
    emit('default-deny', ns.name, '  podSelector: {}\n  policyTypes: [Ingress, Egress]\n');
    emit('allow-dns', ns.name,
      '  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: kube-system\n' +
      '      podSelector:\n        matchLabels:\n          k8s-app: kube-dns\n    ports:\n    - protocol: UDP\n      port: 53\n    - protocol: TCP\n      port: 53\n');
    if (n % 4 === 0) emit('namespace-isolation', ns.name, '  podSelector: {}\n  ingress:\n  - from:\n    - podSelector: {}\n');
  }
  const all = namespaces.flatMap((ns) => ns.apps.map((a) => ({ ns, a })));
  for (let i = 0; out.length < count && all.length > 0; i++) {
    const { ns, a } = pick(all);
    const variant = i % 8;
    const sel = `  podSelector:\n    matchLabels:\n      app: ${a.appName}\n`;
    const port0 = a.kind.ports[0];
    const proto = port0?.protocol ?? 'TCP';
    if (variant <= 2) {
      // app-to-app in the same namespace, numeric or named port
      const from = pick(ns.apps);
      const port = variant === 0 ? `${port0?.port ?? 80}` : port0?.name ?? 'http';
      emit(`allow-${from.appName}-to-${a.appName}-${i}`, ns.name, `${sel}  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          app: ${from.appName}\n    ports:\n    - protocol: ${proto}\n      port: ${port}\n`);
    } else if (variant === 3) {
      // cross-namespace: namespaceSelector + podSelector with matchExpressions, endPort range
      const base = 8000 + Math.floor(r() * 100);
      emit(`allow-team-${i}`, ns.name, `${sel}  policyTypes: [Ingress]\n  ingress:\n  - from:\n    - namespaceSelector:\n        matchExpressions:\n        - {key: team, operator: In, values: [${ns.team}, ${pick(TEAMS)}]}\n        - {key: env, operator: NotIn, values: [dev]}\n      podSelector:\n        matchExpressions:\n        - {key: tier, operator: In, values: [web, api]}\n        - {key: team, operator: Exists}\n    ports:\n    - protocol: TCP\n      port: ${base}\n      endPort: ${base + 500}\n`);
    } else if (variant === 4) {
      // egress to an external range with except, and to part of another namespace's pod range
      const other = pods[Math.floor(r() * pods.length)];
      const cidr = other ? `${other.ip4.split('.').slice(0, 3).join('.')}.0/24` : '10.9.9.0/24';
      const ex = other ? `${other.ip4.split('.').slice(0, 3).join('.')}.128/26` : '10.9.9.128/26';
      emit(`egress-ipblock-${i}`, ns.name, `${sel}  policyTypes: [Egress]\n  egress:\n  - to:\n    - ipBlock:\n        cidr: 0.0.0.0/0\n        except: [10.0.0.0/8, 192.168.0.0/16]\n    ports:\n    - port: 443\n  - to:\n    - ipBlock:\n        cidr: ${cidr}\n        except: [${ex}]\n`);
    } else if (variant === 5) {
      // egress app-to-app across namespaces by namespace labels
      const target = pick(all);
      const tp = target.a.kind.ports[0];
      emit(`egress-${a.appName}-to-${target.a.appName}-${i}`, ns.name, `${sel}  policyTypes: [Egress]\n  egress:\n  - to:\n    - namespaceSelector:\n        matchLabels:\n          team: ${target.ns.team}\n      podSelector:\n        matchLabels:\n          app: ${target.a.appName}\n    ports:\n    - protocol: ${tp?.protocol ?? 'TCP'}\n      port: ${tp?.name ?? 'http'}\n`);
    } else if (variant === 6) {
      // ingress from an ipBlock that covers some pod IPs, with except
      const other = pods[Math.floor(r() * pods.length)];
      const p3 = other ? other.ip4.split('.').slice(0, 3).join('.') : '10.9.9';
      emit(`ingress-ipblock-${i}`, ns.name, `${sel}  ingress:\n  - from:\n    - ipBlock:\n        cidr: ${p3}.0/24\n        except: [${p3}.64/27]\n    - ipBlock:\n        cidr: 172.16.0.0/12\n`);
    } else {
      // tier rule with matchExpressions in the policy's own podSelector, UDP metrics
      emit(`allow-monitoring-${i}`, ns.name, `  podSelector:\n    matchExpressions:\n    - {key: tier, operator: In, values: [${a.kind.tier}]}\n  ingress:\n  - from:\n    - namespaceSelector:\n        matchLabels:\n          env: ${ns.env}\n    ports:\n    - port: metrics\n    - protocol: UDP\n      port: 8125\n`);
    }
  }
  return out;
}

function main(argv: string[]): void {
  const get = (flag: string, dflt: string): string => {
    const i = argv.indexOf(flag);
    return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : dflt;
  };
  const pods = Number(get('--pods', '1000'));
  const opts: GenerateOptions = {
    pods,
    namespaces: Number(get('--namespaces', String(Math.max(1, Math.round(pods / 100))))),
    policies: Number(get('--policies', String(Math.max(1, Math.round(pods / 10))))),
    seed: Number(get('--seed', '1')),
  };
  const out = get('--out', '-');
  const g = generate(opts);
  if (out === '-') {
    process.stdout.write(g.files.map((f) => f.text).join('---\n'));
    return;
  }
  mkdirSync(out, { recursive: true });
  for (const f of g.files) writeFileSync(join(out, f.file), f.text);
  process.stderr.write(`wrote ${g.pods} pods, ${g.namespaces} namespaces, ${g.policies} policies to ${out}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main(process.argv.slice(2));

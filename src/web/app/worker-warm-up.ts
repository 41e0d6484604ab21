// The worker's first analysis runs cold (bytecode compiled on first call, no inline caches): at
// 1,000 pods that costs more than the analysis itself (bench/web-bench.ts). The worker is idle
// until the page has fetched the inputs, so it runs the same pipeline once on a tiny made-up
// cluster then. Pure: nothing of it is kept.
import { loadCluster } from '../../core/parse/index.js';
import { createCompiledEngine } from '../../core/engine/compiled/index.js';
import { buildSnapshot } from './worker-snapshot.js';
import { largeEndpoints, LinkAggregator } from './worker-scale.js';

const pod = (name: string, ns: string, app: string, ip: string, port: number): string => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
    app: ${app}
spec:
  containers:
  - name: main
    image: warm/up:1
    ports:
    - name: web
      containerPort: ${port}
      protocol: TCP
status:
  phase: Running
  podIP: ${ip}
  podIPs:
  - ip: ${ip}
`;

const SAMPLE = [
  `apiVersion: v1
kind: Namespace
metadata:
  name: warm
  labels:
    env: test
`,
  pod('front', 'warm', 'front', '10.9.0.1', 8080),
  pod('back', 'warm', 'back', '10.9.0.2', 5432),
  `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: back-in
  namespace: warm
spec:
  podSelector:
    matchLabels:
      app: back
  policyTypes: [Ingress, Egress]
  ingress:
  - from:
    - podSelector:
        matchExpressions:
        - key: app
          operator: In
          values: [front]
      namespaceSelector:
        matchLabels:
          env: test
    ports:
    - port: 5432
      protocol: TCP
  egress:
  - to:
    - ipBlock:
        cidr: 192.168.0.0/16
        except:
        - 192.168.1.0/24
    ports:
    - port: web
`,
].join('---\n');

export function warmUp(): void {
  try {
    const { cluster, problems } = loadCluster([{ file: 'warm-up.yaml', text: SAMPLE }]);
    const large = largeEndpoints(cluster);
    const engine = createCompiledEngine(cluster);
    const pairs = engine.summary().allowedPairs;
    buildSnapshot(engine, { level: large.level, endpoints: large.endpoints, connections: [] }, problems, [], undefined, true, pairs, 0);
    new LinkAggregator(engine, large.endpoints).links(new Set());
  } catch {
    // only a warm-up: the real load reports its own errors
  }
}

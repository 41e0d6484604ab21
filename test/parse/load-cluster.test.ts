import { describe, expect, it } from 'vitest';
import { loadCluster } from '../../src/core/parse/index.js';

const load = (text: string, file = 'in.yaml', opts = {}) => loadCluster([{ file, text }], opts);

describe('loadCluster: kinds and defaults', () => {
  it('defaults namespace, protocol and policyTypes as the API server does', () => {
    const r = load(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: np}
spec:
  podSelector: {}
  ingress:
  - ports: [{port: 80}]
  egress:
  - to: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]
`);
    expect(r.problems).toEqual([]);
    const np = r.cluster.policies[0]!;
    expect(np.namespace).toBe('default');
    expect(np.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(np.ingress[0]!.ports).toEqual([{ protocol: 'TCP', port: 80 }]);
    expect(np.egress[0]!.peers[0]!.ipBlock).toEqual({ cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] });
    expect(np.source).toEqual({ file: 'in.yaml', line: 2, column: 1 });
    expect(r.cluster.namespaces).toEqual([
      { name: 'default', labels: { 'kubernetes.io/metadata.name': 'default' }, implicit: true },
    ]);
  });

  it('policyTypes default to Ingress only without egress rules; explicit ones are kept', () => {
    const r = load(`
kind: NetworkPolicy
metadata: {name: a, namespace: x}
spec: {podSelector: {}}
---
kind: NetworkPolicy
metadata: {name: b, namespace: x}
spec: {podSelector: {}, policyTypes: [Egress]}
`);
    expect(r.cluster.policies.map((p) => p.policyTypes)).toEqual([['Ingress'], ['Egress']]);
  });

  it('--namespace replaces a missing metadata.namespace only', () => {
    const r = load('kind: Pod\nmetadata: {name: a}\n---\nkind: Pod\nmetadata: {name: b, namespace: y}\n', 'p.yaml', {
      namespace: 'x',
    });
    expect(r.cluster.pods.map((p) => `${p.namespace}/${p.name}`)).toEqual(['x/a', 'y/b']);
  });

  it('declared namespaces get the name label; referenced ones are created implicitly', () => {
    const r = load(`
kind: Namespace
metadata: {name: front, labels: {team: web}}
---
kind: Pod
metadata: {name: p, namespace: back}
`);
    expect(r.cluster.namespaces).toEqual([
      { name: 'front', labels: { team: 'web', 'kubernetes.io/metadata.name': 'front' }, implicit: false, source: { file: 'in.yaml', line: 2, column: 1 } },
      { name: 'back', labels: { 'kubernetes.io/metadata.name': 'back' }, implicit: true },
    ]);
  });

  it('keeps pod IPs (v4 and v6, canonical), ports, hostNetwork, phase, node and owner', () => {
    const r = load(`
kind: Pod
metadata:
  name: web-1
  namespace: shop
  labels: {app: web}
  ownerReferences: [{kind: ReplicaSet, name: web-abc, controller: true}]
spec:
  nodeName: node-1
  containers:
  - name: c
    ports: [{name: http, containerPort: 8080}, {containerPort: 53, protocol: UDP}]
status:
  phase: Running
  podIP: 10.0.0.5
  podIPs: [{ip: 10.0.0.5}, {ip: "fd00:0::5"}]
`);
    expect(r.cluster.pods[0]).toMatchObject({
      namespace: 'shop',
      name: 'web-1',
      labels: { app: 'web' },
      ips: ['10.0.0.5', 'fd00::5'],
      ports: [
        { name: 'http', containerPort: 8080, protocol: 'TCP' },
        { containerPort: 53, protocol: 'UDP' },
      ],
      hostNetwork: false,
      phase: 'Running',
      nodeName: 'node-1',
      owner: { kind: 'ReplicaSet', name: 'web-abc' },
      fromTemplate: false,
    });
  });

  it('turns each workload into one template pod; CronJob uses jobTemplate', () => {
    const r = load(`
kind: Deployment
metadata: {name: api, namespace: b}
spec:
  replicas: 3
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: c, ports: [{containerPort: 80, name: web}]}]}
---
kind: CronJob
metadata: {name: nightly, namespace: b}
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        metadata: {labels: {app: batch}}
        spec: {hostNetwork: true, containers: [{name: c}]}
`);
    expect(r.cluster.workloads.map((w) => [w.kind, w.name, w.labels, w.replicas])).toEqual([
      ['Deployment', 'api', { app: 'api' }, 3],
      ['CronJob', 'nightly', { app: 'batch' }, undefined],
    ]);
    expect(r.cluster.pods.map((p) => [p.name, p.owner, p.fromTemplate, p.hostNetwork])).toEqual([
      ['api', { kind: 'Deployment', name: 'api' }, true, false],
      ['nightly', { kind: 'CronJob', name: 'nightly' }, true, true],
    ]);
    expect(r.cluster.pods[0]!.ports).toEqual([{ name: 'web', containerPort: 80, protocol: 'TCP' }]);
  });

  it('keeps services with selector, ports and cluster IPs', () => {
    const r = load(`
kind: Service
metadata: {name: db}
spec: {selector: {app: db}, clusterIP: 10.96.0.10, ports: [{name: pg, port: 5432, targetPort: pg}]}
`);
    expect(r.cluster.services[0]).toMatchObject({
      name: 'db',
      selector: { app: 'db' },
      clusterIPs: ['10.96.0.10'],
      ports: [{ name: 'pg', port: 5432, targetPort: 'pg', protocol: 'TCP' }],
    });
  });
});

describe('loadCluster: lists, JSON, skipped kinds', () => {
  it('unwraps List kinds and infers kinds of items that lack one', () => {
    const r = load(
      JSON.stringify({
        kind: 'PodList',
        items: [{ metadata: { name: 'a', namespace: 'n' } }],
      }) +
        '\n',
      'pods.json',
    );
    expect(r.problems).toEqual([]);
    expect(r.cluster.pods.map((p) => p.name)).toEqual(['a']);
    expect(r.cluster.pods[0]!.source).toEqual({ file: 'pods.json', line: 1, column: 28 });
  });

  it('a generic List mixes kinds; unknown kinds are counted, not errors', () => {
    const r = load(`
apiVersion: v1
kind: List
items:
- {kind: Namespace, metadata: {name: a}}
- {kind: Route, metadata: {name: r}}
- {kind: Route, metadata: {name: s}}
- {kind: ConfigMap, metadata: {name: c}}
`);
    expect(r.problems).toEqual([]);
    expect(r.cluster.namespaces.map((n) => n.name)).toEqual(['a']);
    expect(r.skipped).toEqual({ Route: 2, ConfigMap: 1 });
  });

  it('empty files and empty documents are fine', () => {
    const r = loadCluster([
      { file: 'a.yaml', text: '' },
      { file: 'b.yaml', text: '---\n---\n# nothing\n' },
    ]);
    expect(r.problems).toEqual([]);
    expect(r.cluster.pods).toEqual([]);
  });
});

describe('loadCluster: API groups', () => {
  it('a kind of the same name from another API group is skipped, not validated', () => {
    const r = load(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: calico}
spec: {selector: "role == 'db'", types: [Ingress]}
---
apiVersion: extensions/v1beta1
kind: NetworkPolicy
metadata: {name: legacy}
spec: {podSelector: {}}
---
apiVersion: apps/v1
kind: Pod
metadata: {name: odd}
`);
    expect(r.problems).toEqual([]);
    expect(r.cluster.policies.map((p) => p.name)).toEqual(['legacy']);
    expect(r.skipped).toEqual({ 'NetworkPolicy (projectcalico.org/v3)': 1, 'Pod (apps/v1)': 1 });
  });
});

describe('loadCluster: real kubectl output', () => {
  it('`kubectl get pods,namespaces,networkpolicies -A -o yaml` loads as is, without a warning', async () => {
    const fs = await import('node:fs');
    const file = new URL('./fixtures/kubectl-get-all.yaml', import.meta.url);
    const r = loadCluster([{ file: 'get.yaml', text: fs.readFileSync(file, 'utf8') }]);
    expect(r.problems).toEqual([]);
    expect(r.cluster.pods[0]).toMatchObject({
      name: 'web-5d8f7c9b6-k2x7m',
      ips: ['10.244.1.7', 'fd00:10:244:1::7'],
      owner: { kind: 'ReplicaSet', name: 'web-5d8f7c9b6' },
      phase: 'Running',
      nodeName: 'node-1',
      ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
    });
    expect(r.cluster.namespaces).toMatchObject([{ name: 'shop', labels: { env: 'prod', 'kubernetes.io/metadata.name': 'shop' }, implicit: false }]);
    expect(r.cluster.policies[0]).toMatchObject({ name: 'web', policyTypes: ['Ingress'] });
    expect(r.cluster.policies[0]!.ingress[0]!.source).toEqual({ file: 'get.yaml', line: 124, column: 7 });
  });
});

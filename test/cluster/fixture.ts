// A small live-cluster picture for the fake API server: what `kubectl get -o json` would hold.
export const ns = (name: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels: { 'kubernetes.io/metadata.name': name, ...labels } },
});

export const pod = (namespace: string, name: string, labels: Record<string, string>, ip: string, node: string, port = 80) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, labels, managedFields: [{ manager: 'kubelet' }] },
  spec: { nodeName: node, containers: [{ name: 'c', image: 'nginx', ports: [{ name: 'http', containerPort: port }] }] },
  status: { phase: 'Running', podIP: ip, podIPs: [{ ip }] },
});

export const policy = (namespace: string, name: string, spec: Record<string, unknown>) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name, namespace },
  spec,
});

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api', namespace: 'shop' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'api' } },
    template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image: 'api', ports: [{ containerPort: 8080 }] }] } },
  },
};

/** A ReplicaSet run by the Deployment: fetch leaves it out (the Deployment stands for it). */
export const ownedReplicaSet = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'api-7d9f', namespace: 'shop', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'api', controller: true, uid: 'u1' }] },
  spec: deployment.spec,
};

const service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { selector: { app: 'web' }, clusterIP: '10.96.0.10', ports: [{ port: 80, targetPort: 'http' }] },
};

export const objects: Record<string, unknown>[] = [
  ns('shop', { team: 'shop' }),
  ns('mon', { team: 'ops' }),
  pod('shop', 'web-1', { app: 'web' }, '10.0.1.5', 'node-a'),
  pod('shop', 'db-1', { app: 'db' }, '10.0.1.6', 'node-a', 5432),
  pod('mon', 'prom-1', { app: 'prom' }, '10.0.2.7', 'node-b', 9090),
  deployment,
  service,
  policy('shop', 'db-ingress', {
    podSelector: { matchLabels: { app: 'db' } },
    ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 5432 }] }],
  }),
  policy('shop', 'default-deny', { podSelector: {}, policyTypes: ['Ingress'] }),
];

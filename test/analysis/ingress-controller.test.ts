import { describe, expect, it } from 'vitest';
import { analyzeConnectivity } from '../../src/core/analysis/connectivity.js';
import { analyzeDiff } from '../../src/core/analysis/diff.js';
import { exposuresOf, withIngressController } from '../../src/core/analysis/ingress-controller.js';
import { createEngine } from '../../src/core/engine/index.js';
import type { Service } from '../../src/core/model/types.js';
import { collectObjects, parseDocs } from '../../src/core/parse/index.js';
import { formatText } from '../../src/core/report/text.js';
import { cluster, pod, policy, rule, sel, tcp } from './model.js';

const raw = (text: string) => {
  const problems: never[] = [];
  return collectObjects(parseDocs('t.yaml', text, problems), problems);
};

const ROUTE = `
apiVersion: route.openshift.io/v1
kind: Route
metadata: {name: web, namespace: shop}
spec: {to: {kind: Service, name: web-svc}, port: {targetPort: http}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: api}
spec:
  defaultBackend: {service: {name: api-svc, port: {number: 80}}}
  rules:
  - http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web-svc, port: {name: admin}}}}]}
`;

describe('{ingress-controller}', () => {
  it('reads the Service backends of Routes and Ingresses', () => {
    expect(exposuresOf(raw(ROUTE))).toEqual([
      { kind: 'Route', namespace: 'shop', name: 'web', service: 'web-svc', port: 'http' },
      { kind: 'Ingress', namespace: 'default', name: 'api', service: 'api-svc', port: 80 },
      { kind: 'Ingress', namespace: 'default', name: 'api', service: 'web-svc', port: 'admin' },
    ]);
  });

  it('lists exposed target ports ∩ what policies allow from the controller, last in the text', () => {
    const svc: Service = { namespace: 'shop', name: 'web-svc', selector: { app: 'web' }, clusterIPs: [], ports: [{ name: 'http', port: 80, targetPort: 'web', protocol: 'TCP' }, { name: 'admin', port: 9000, targetPort: 9000, protocol: 'TCP' }] };
    const base = cluster(
      [pod('shop', 'web-1', { app: 'web' }, { ports: [{ name: 'web', containerPort: 8080, protocol: 'TCP' }], owner: { kind: 'ReplicaSet', name: 'web-rs' } }), pod('shop', 'db', { app: 'db' })],
      [policy('shop', 'web-in', { app: 'web' }, { ingress: [rule([{ namespaceSelector: sel() }], [tcp(8080)])] })],
    );
    const c = { ...base, services: [svc] };
    const exposures = exposuresOf(raw(ROUTE));
    const result = analyzeConnectivity(createEngine(withIngressController(c)), { level: 'workload', exposures });
    const lines = formatText(result).trim().split('\n');
    // the Route names port http → target `web` → 8080, allowed; the Ingress names admin (9000), denied by web-in
    expect(lines[lines.length - 1]).toBe('{ingress-controller} => shop/web-rs[ReplicaSet] : TCP 8080');
    expect(lines.filter((l) => l.startsWith('{ingress-controller}'))).toHaveLength(1);
    // the fake pod is no ordinary endpoint
    expect(result.connections.some((x) => x.to === '{ingress-controller}' || x.from.startsWith('ingress-controller-ns/'))).toBe(false);
    // without exposures nothing changes
    const plain = analyzeConnectivity(createEngine(c), { level: 'workload' });
    expect(formatText(plain)).toBe(lines.slice(0, -1).join('\n') + '\n');
    // diff: adding the Route adds the controller and its connection
    const d = analyzeDiff(createEngine(c), createEngine(withIngressController(c)), { level: 'workload' }, { after: exposures });
    expect(d.endpointsAdded.map((e) => e.id)).toEqual(['{ingress-controller}']);
    expect(d.added.map((x) => `${x.from} => ${x.to} : ${x.allowed.toString()}`)).toEqual(['{ingress-controller} => shop/web-rs[ReplicaSet] : TCP 8080']);
    expect(d.removed).toEqual([]);
    expect(d.changed).toEqual([]);
  });
});

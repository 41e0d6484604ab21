import { describe, expect, it } from 'vitest';
import { clusterEndpoints, defaultLevel, workloadOf } from '../../src/core/analysis/endpoints.js';
import { endpointMatches } from '../../src/core/analysis/filters.js';
import { externalEndpoint } from '../../src/core/analysis/endpoints.js';
import { cluster, pod } from './model.js';

describe('endpoints', () => {
  it('groups by controlling owner as netpol-analyzer: ReplicaSet kept, Node-owned and kind-less owners are [Pod]', () => {
    expect(workloadOf(pod('x', 'web-7d9-abc', {}, { owner: { kind: 'ReplicaSet', name: 'web-7d9' } }))).toEqual({ kind: 'ReplicaSet', name: 'web-7d9' });
    expect(workloadOf(pod('kube-system', 'etcd-node1', {}, { owner: { kind: 'Node', name: 'node1' } }))).toEqual({ kind: 'Pod', name: 'etcd-node1' });
    expect(workloadOf(pod('x', 'p-1', {}, { owner: { kind: '', name: 'p' } }))).toEqual({ kind: 'Pod', name: 'p' });
    expect(workloadOf(pod('x', 'bare'))).toEqual({ kind: 'Pod', name: 'bare' });
  });

  it('workload endpoints hold all their pods and the union of their IPs; ids sort by byte order', () => {
    const c = cluster([
      pod('x', 'a-2', {}, { owner: { kind: 'StatefulSet', name: 'a' }, ips: ['10.0.0.2'] }),
      pod('x', 'a-1', {}, { owner: { kind: 'StatefulSet', name: 'a' }, ips: ['10.0.0.1'] }),
      pod('x', 'a-b'),
    ]);
    const eps = clusterEndpoints(c, 'workload');
    expect(eps.map((e) => e.id)).toEqual(['x/a-b[Pod]', 'x/a[StatefulSet]']);
    expect(eps[1]!.pods.map((p) => p.name)).toEqual(['a-2', 'a-1']);
    expect(eps[1]!.ips).toEqual(['10.0.0.2', '10.0.0.1']);
    expect(clusterEndpoints(c, 'pod').map((e) => e.id)).toEqual(['x/a-1', 'x/a-2', 'x/a-b']);
  });

  it('default level: workload when the input holds workload manifests', () => {
    const plain = cluster([pod('x', 'a')]);
    expect(defaultLevel(plain)).toBe('pod');
    expect(defaultLevel({ ...plain, workloads: [{ kind: 'Deployment', namespace: 'x', name: 'w', labels: {}, ports: [] }] })).toBe('workload');
  });

  it('focus matches ids, workload names, pod names, pod IPs and addresses inside a block', () => {
    const c = cluster([pod('x', 'a-1', {}, { owner: { kind: 'Job', name: 'a' }, ips: ['10.0.0.1'] })]);
    const [w] = clusterEndpoints(c, 'workload');
    for (const t of ['x/a[Job]', 'x/a', 'x/a-1', '10.0.0.1']) expect(endpointMatches(w!, t)).toBe(true);
    expect(endpointMatches(w!, 'x/b')).toBe(false);
    const block = externalEndpoint({ family: 4, first: 167772160n, last: 184549375n }); // 10.0.0.0/8
    expect(block.id).toBe('10.0.0.0-10.255.255.255');
    expect(block.cidrs).toEqual(['10.0.0.0/8']);
    expect(endpointMatches(block, '10.1.2.3')).toBe(true);
    expect(endpointMatches(block, '11.0.0.0')).toBe(false);
    expect(endpointMatches(block, '::1')).toBe(false);
  });
});

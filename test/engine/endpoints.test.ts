// resolveEndpoint / endpointId: the names users type for can-reach and explain.
import { describe, expect, it } from 'vitest';
import { endpointId, resolveEndpoint } from '../../src/core/engine/endpoints.js';
import type { Cluster, Pod } from '../../src/core/model/types.js';
import { cluster, cport, pod } from './fixtures.js';

const template: Pod = { ...pod('prod/api', { app: 'api' }), owner: { kind: 'Deployment', name: 'api' }, fromTemplate: true };
const real = pod('prod/api-7d9f-x2', { app: 'api' }, { ips: ['10.0.0.7', 'fd00::7'] });
const sts: Pod = { ...pod('prod/db-0', { app: 'db' }, { ips: ['10.0.0.8'] }), owner: { kind: 'StatefulSet', name: 'db' } };
const host = pod('kube-system/node-exporter', {}, { ips: ['192.168.0.1'], hostNetwork: true });
const host2 = pod('kube-system/kube-proxy', {}, { ips: ['192.168.0.1'], hostNetwork: true });
const c: Cluster = {
  ...cluster([template, real, sts, host, host2]),
  workloads: [{ kind: 'CronJob', namespace: 'prod', name: 'backup', labels: { job: 'backup' }, ports: [cport(9000, 'm')] }],
};

const ok = (text: string) => {
  const r = resolveEndpoint(c, text);
  if (!r.ok) throw new Error(r.error);
  return r;
};

describe('resolveEndpoint', () => {
  it('ns/pod', () => {
    expect(ok('prod/api-7d9f-x2').endpoint).toEqual({ kind: 'pod', pod: real });
    expect(ok('prod/api-7d9f-x2').id).toBe('prod/api-7d9f-x2');
  });

  it('ns/name[Kind] is the workload template pod; kind is case-insensitive', () => {
    expect(ok('prod/api[Deployment]').endpoint).toEqual({ kind: 'pod', pod: template });
    expect(ok('prod/api[deployment]').id).toBe('prod/api[Deployment]');
  });

  it('falls back to a pod the workload owns, then to the workload itself (a pending template pod)', () => {
    expect(ok('prod/db[StatefulSet]').endpoint).toEqual({ kind: 'pod', pod: sts });
    const r = ok('prod/backup[CronJob]');
    expect(r.id).toBe('prod/backup[CronJob]');
    expect(r.endpoint.kind === 'pod' && r.endpoint.pod).toMatchObject({ labels: { job: 'backup' }, ips: [], ports: [cport(9000, 'm')] });
  });

  it('an IP of exactly one pod is that pod (IPv4 and IPv6, any spelling)', () => {
    expect(ok('10.0.0.7').endpoint).toEqual({ kind: 'pod', pod: real });
    expect(ok('fd00:0:0::7').endpoint).toEqual({ kind: 'pod', pod: real });
    expect(ok('10.0.0.7').note).toContain('prod/api-7d9f-x2');
  });

  it('other IPs, and node IPs shared by hostNetwork pods, are external addresses', () => {
    expect(ok('8.8.8.8').endpoint).toEqual({ kind: 'ip', ip: '8.8.8.8' });
    expect(ok('2001:db8::1').endpoint).toEqual({ kind: 'ip', ip: '2001:db8::1' });
    expect(ok('192.168.0.1').endpoint).toEqual({ kind: 'ip', ip: '192.168.0.1' });
  });

  it.each([
    ['prod/nope', 'no pod prod/nope'],
    ['prod/api[Widget]', 'unknown workload kind "Widget"'],
    ['prod/web[Deployment]', 'no Deployment prod/web'],
    ['just-a-name', 'expected ns/pod, ns/name[Kind] or an IP address'],
    ['10.0.0.300', 'expected ns/pod'],
    ['a/b/c', 'expected ns/pod'],
  ])('%s is an error', (text, message) => {
    const r = resolveEndpoint(c, text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });
});

describe('endpointId', () => {
  it('names pods, template pods and addresses', () => {
    expect(endpointId({ kind: 'pod', pod: real })).toBe('prod/api-7d9f-x2');
    expect(endpointId({ kind: 'pod', pod: template })).toBe('prod/api[Deployment]');
    expect(endpointId({ kind: 'pod', pod: sts })).toBe('prod/db-0');
    expect(endpointId({ kind: 'ip', ip: '1.2.3.4' })).toBe('1.2.3.4');
  });
});

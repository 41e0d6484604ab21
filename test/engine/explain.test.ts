// explainPod: the data behind `netpol explain` (the CLI only formats it).
import { describe, expect, it } from 'vitest';
import { createReferenceEngine } from '../../src/core/engine/reference.js';
import { explainPod } from '../../src/core/engine/explain.js';
import { cluster, cport, ipPeer, pod, podPeer, policy, port, rule, sel } from './fixtures.js';

const web = pod('x/web', { app: 'web' }, { ips: ['10.0.0.1'], ports: [cport(8080, 'http')] });
const db = pod('x/db', { app: 'db' }, { ips: ['10.0.0.2'], ports: [cport(5432, 'pg')] });
const other = pod('y/o', { app: 'web' }, { ips: ['10.0.1.1'] });
const host = pod('x/host', { app: 'web' }, { ips: ['192.168.0.1'], hostNetwork: true });
const pending = pod('x/pending', { app: 'new' });
const c = cluster([web, db, other, host, pending], [
  policy('x/web-in', { podSelector: sel({ app: 'web' }), ingress: [rule([podPeer(sel({ app: 'db' }))], [port('http')]), rule([ipPeer('10.0.1.0/24')], [port(9000, 'UDP')])] }),
  policy('x/db-out', { podSelector: sel({ app: 'db' }), policyTypes: ['Egress'], egress: [rule([podPeer(sel({ app: 'web' }))], [port('http')])] }),
  policy('x/deny', { podSelector: sel({ app: 'new' }), policyTypes: ['Ingress', 'Egress'] }),
]);
const e = createReferenceEngine(c);

describe('explainPod', () => {
  it('ingress rules: peers in words, named ports resolved on the pod, matched pods and addresses', () => {
    const x = explainPod(e, web);
    expect(x.selectingPolicies).toEqual([{ policy: 'x/web-in', policyTypes: ['Ingress'] }]);
    expect(x.ingress).toMatchObject({ isolated: true, policies: ['x/web-in'] });
    expect(x.ingress.rules[0]).toMatchObject({
      ref: 'x/web-in spec.ingress[0]', peers: ['pods matching app=db in namespace x'], ports: '[http/TCP]',
      resolvedPorts: [{ protocol: 'TCP', ports: [[8080, 8080]] }], pods: ['x/db'], ipBlocks: [],
    });
    expect(x.ingress.rules[1]).toMatchObject({ pods: ['y/o'], ipBlocks: ['10.0.1.0/24'], resolvedPorts: [{ protocol: 'UDP', ports: [[9000, 9000]] }] });
    const byPod = Object.fromEntries(x.ingress.byPod.map((g) => [g.connections, g.endpoints]));
    expect(byPod).toEqual({ 'TCP 8080': ['x/db'], 'UDP 9000': ['y/o'], 'No Connections': ['x/host', 'x/pending'] });
    expect(x.egress).toMatchObject({ isolated: false, rules: [], byPod: [] });
    expect(x.egress.summary).toContain('not isolated for egress');
  });

  it('egress named ports resolve per destination', () => {
    const x = explainPod(e, db);
    expect(x.egress.rules[0]!.ports).toContain('named ports resolve on each destination pod');
    expect(x.egress.rules[0]!.resolvedPorts).toBeUndefined();
    const byPod = Object.fromEntries(x.egress.byPod.map((g) => [g.connections, g.endpoints]));
    expect(byPod['TCP 8080']).toEqual(['x/web']);
  });

  it('hostNetwork and pending pods get their notes; no rules = nothing allowed', () => {
    const h = explainPod(e, host);
    expect(h.ingress).toMatchObject({ isolated: false });
    expect(h.ingress.summary).toContain('hostNetwork');
    expect(h.selectingPolicies.map((p) => p.policy)).toEqual(['x/web-in']);
    const p = explainPod(e, pending);
    expect(p.notes.join('\n')).toContain('no IP (pending)');
    expect(p.ingress.summary).toContain('with no rules: accepts no connections');
    expect(p.egress.summary).toContain('may connect to nothing');
  });
});

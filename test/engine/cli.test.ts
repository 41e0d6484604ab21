// can-reach and explain through the real CLI entry point (in process), on test/engine/data/shop.yaml.
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const SHOP = fileURLToPath(new URL('./data/shop.yaml', import.meta.url));

const run = runCli;

beforeEach(() => { process.env.NO_COLOR = '1'; });
afterEach(() => { delete process.env.NO_COLOR; });

describe('netpol can-reach', () => {
  it('ALLOWED, exit 0, names the exact rule; a named port resolves on the destination', async () => {
    const r = await run('can-reach', SHOP, '--from', 'frontend/web', '--to', 'backend/api', '--port', 'http');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('ALLOWED frontend/web -> backend/api 8080/TCP (http)');
    expect(r.stdout).toContain('allowed by backend/api-from-frontend spec.ingress[0] from[0] ports[0]');
    expect(r.stdout).toContain('isolated for ingress by backend/api-from-frontend, backend/default-deny');
    expect(r.stderr).toBe('');
  });

  it('DENIED, exit 1, says why each rule failed', async () => {
    const r = await run('can-reach', SHOP, '--from', 'backend/api', '--to', 'backend/db', '--port', '8080');
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('DENIED backend/api -> backend/db 8080/TCP');
    expect(r.stdout).toContain('backend/db-from-api spec.ingress[0] from[0]: peer matched, port 8080/TCP not in [6379/TCP]');
    expect(r.stdout).toContain('backend/default-deny has no egress rules');
  });

  it('reports the namespace that no peer matches', async () => {
    const r = await run('can-reach', SHOP, '--from', 'backend/db', '--to', 'backend/api', '--port', '8080');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('namespace backend does not match namespaceSelector team=web');
  });

  it('--format json carries the same verdict as data', async () => {
    const r = await run('can-reach', SHOP, '--from', 'backend/api', '--to', '1.1.1.1', '--protocol', 'udp', '--port', '53', '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ from: 'backend/api', to: '1.1.1.1', protocol: 'UDP', port: 53, allowed: true });
    expect(j.egress.allowedBy).toEqual([{ policy: 'backend/api-from-frontend', direction: 'Egress', ruleIndex: 1, peerIndex: 0, portIndex: 0, text: 'backend/api-from-frontend spec.egress[1] to[0] ports[0]' }]);
    expect(j.ingress.isolated).toBe(false);
  });

  it('a workload endpoint is its pod template; an IP of a pod is that pod', async () => {
    const r = await run('can-reach', SHOP, '--from', '10.1.0.10', '--to', 'backend/worker[Deployment]', '--port', '80', '--format', 'json');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.from).toBe('frontend/web');
    expect(j.to).toBe('backend/worker[Deployment]');
    expect(j.notes).toContain('10.1.0.10 is the IP of pod frontend/web');
  });

  it('without --port lists every allowed connection', async () => {
    const r = await run('can-reach', SHOP, '--from', 'backend/api', '--to', 'backend/db', '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).connectionsText).toBe('TCP 6379');
    const d = await run('can-reach', SHOP, '--from', 'backend/db', '--to', 'backend/api');
    expect(d.code).toBe(1);
    expect(d.stdout.split('\n')[0]).toBe('DENIED backend/db -> backend/api any protocol: No Connections');
  });

  it('--ipblock-scope external stops ipBlocks from matching pods', async () => {
    const all = await run('can-reach', SHOP, '--from', 'backend/api', '--to', 'frontend/web', '--protocol', 'UDP', '--port', '53');
    expect(all.code).toBe(1); // 10.1.0.10 is inside the except
    const ext = await run('can-reach', SHOP, '--from', 'backend/api', '--to', '10.1.0.10', '--protocol', 'UDP', '--port', '53', '--ipblock-scope', 'external');
    expect(ext.code).toBe(1);
    expect(ext.stdout).toContain('never matches pods (--ipblock-scope external)');
  });

  it.each([
    [['--from', 'backend/nope', '--to', 'backend/api', '--port', '80'], 'no pod backend/nope'],
    [['--from', 'backend/api', '--to', '8.8.8.8', '--port', 'http'], 'named port needs a pod destination'],
    [['--from', 'backend/api', '--to', 'backend/db', '--port', 'nope'], 'has no container port named "nope"'],
    [['--from', 'backend/api', '--to', 'backend/db', '--port', '70000'], 'must be 1-65535'],
    [['--from', 'backend/api', '--to', 'backend/db', '--protocol', 'ICMP', '--port', '1'], 'must be TCP, UDP or SCTP'],
    [['--from', 'backend/x[Gadget]', '--to', 'backend/db', '--port', '1'], 'unknown workload kind'],
  ])('bad input exits 2 with a message: %j', async (args, message) => {
    const r = await run('can-reach', SHOP, ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });

  it('a missing --to is a usage error (exit 2)', async () => {
    const r = await run('can-reach', SHOP, '--from', 'backend/api');
    expect(r.code).toBe(2);
  });
});

describe('netpol explain', () => {
  it('text: isolation, selecting policies, effective peers and ports', async () => {
    const r = await run('explain', SHOP, '--pod', 'backend/api');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Selected by: backend/api-from-frontend [Ingress, Egress], backend/default-deny [Ingress, Egress]');
    expect(r.stdout).toContain('from: pods matching app=web in namespaces matching team=web');
    expect(r.stdout).toContain('ports: [http/TCP] (on this pod: TCP 8080)');
    expect(r.stdout).toContain('TCP 6379: backend/db');
  });

  it('json: the same as data; a pod no policy selects is not isolated', async () => {
    const r = await run('explain', SHOP, '--pod', 'frontend/web', '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.pod).toBe('frontend/web');
    expect(j.ingress).toMatchObject({ isolated: false, policies: [], rules: [] });
    expect(j.egress.summary).toContain('not isolated for egress');
    const db = JSON.parse((await run('explain', SHOP, '--pod', 'backend/db', '--format', 'json')).stdout);
    expect(db.ingress.rules[0]).toMatchObject({ ref: 'backend/db-from-api spec.ingress[0]', pods: ['backend/api'], resolvedPorts: [{ protocol: 'TCP', ports: [[6379, 6379]] }] });
    expect(db.egress.summary).toContain('with no rules: may connect to nothing');
  });

  it('bad input exits 2', async () => {
    expect((await run('explain', SHOP, '--pod', 'backend/ghost')).code).toBe(2);
    expect((await run('explain', SHOP, '--pod', '1.2.3.4')).code).toBe(2);
    expect((await run('explain', '/nonexistent/file.yaml', '--pod', 'a/b')).code).toBe(2);
  });
});

// The UI server without a browser: security headers, Host check, methods, path traversal, the
// input endpoint, change events when a file changes, and the serve command's usage errors.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/web/server.js';
import { hostAllowed } from '../../src/web/server-security.js';
import { ROOT } from './browser.js';

interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(url: string, opts: { method?: string; host?: string; path?: string } = {}): Promise<Res> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: u.hostname, port: u.port, path: opts.path ?? u.pathname, method: opts.method ?? 'GET', headers: opts.host ? { host: opts.host } : {} },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('web server', () => {
  let dir: string;
  let web: string;
  let srv: RunningServer;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'netpol-serve-'));
    web = path.join(dir, 'web');
    mkdirSync(path.join(web, 'assets'), { recursive: true });
    writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(path.join(web, 'assets/app.js'), 'export {};');
    mkdirSync(path.join(dir, 'in/sub'), { recursive: true });
    writeFileSync(path.join(dir, 'in/a.yaml'), 'kind: Namespace\n');
    writeFileSync(path.join(dir, 'in/sub/b.json'), '{}');
    writeFileSync(path.join(dir, 'in/notes.txt'), 'not an input');
    writeFileSync(path.join(dir, 'secret.txt'), 'top secret');
    srv = await startServer({ paths: [path.join(dir, 'in')], host: '127.0.0.1', port: 0, webRoot: web, pollMs: 100 });
  });

  afterAll(async () => {
    await srv?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('binds loopback and sends a strict CSP and hardening headers', async () => {
    const addr = srv.server.address();
    expect(typeof addr === 'object' && addr?.address).toBe('127.0.0.1');
    const r = await get(srv.url);
    expect(r.status).toBe(200);
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("worker-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-frame-options']).toBe('DENY');
    const js = await get(`${srv.url}assets/app.js`);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    expect(js.headers['content-security-policy']).toBe(csp);
  });

  it('refuses foreign Host headers (DNS rebinding) and non-GET methods', async () => {
    expect((await get(srv.url, { host: 'evil.example:8080' })).status).toBe(403);
    expect((await get(srv.url, { host: 'localhost:1234' })).status).toBe(200);
    expect((await get(srv.url, { method: 'POST' })).status).toBe(405);
    expect((await get(srv.url, { method: 'DELETE', path: '/api/inputs' })).status).toBe(405);
    const req = (host: string | undefined) => ({ headers: host === undefined ? {} : { host } }) as Parameters<typeof hostAllowed>[0];
    expect(hostAllowed(req('[::1]:80'), '127.0.0.1')).toBe(true);
    expect(hostAllowed(req(undefined), '127.0.0.1')).toBe(false);
    expect(hostAllowed(req('10.0.0.5:8080'), '10.0.0.5')).toBe(true);
    expect(hostAllowed(req('10.0.0.6:8080'), '10.0.0.5')).toBe(false);
  });

  it('never serves files outside the app directory', async () => {
    for (const p of ['/../secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt']) {
      const r = await get(srv.url, { path: p });
      expect(r.body, p).not.toContain('top secret');
    }
  });

  it('hands out the input texts (YAML/JSON, recursively) and announces changes', async () => {
    const first = JSON.parse((await get(`${srv.url}api/inputs`)).body) as { version: string; files: { file: string; text: string }[] };
    expect(first.files.map((f) => path.relative(dir, f.file)).sort()).toEqual(['in/a.yaml', 'in/sub/b.json']);
    // Subscribe to the change events, then edit a file.
    const changed = new Promise<string>((resolve, reject) => {
      const u = new URL(`${srv.url}api/events`);
      const req = request({ host: u.hostname, port: u.port, path: u.pathname }, (res) => {
        expect(res.headers['content-type']).toBe('text/event-stream');
        let buf = '';
        res.on('data', (d: Buffer) => {
          buf += d.toString();
          const m = /event: change\ndata: (.*)\n/.exec(buf);
          if (m?.[1]) {
            req.destroy();
            resolve((JSON.parse(m[1]) as { version: string }).version);
          }
        });
      });
      req.on('error', (e) => (e.message.includes('aborted') ? undefined : reject(e)));
      req.end();
      setTimeout(() => writeFileSync(path.join(dir, 'in/a.yaml'), 'kind: Namespace\nmetadata: {name: x}\n'), 300);
    });
    const version = await changed;
    expect(version).not.toBe(first.version);
    const next = JSON.parse((await get(`${srv.url}api/inputs`)).body) as { version: string; files: { file: string; text: string }[] };
    expect(next.version).toBe(version);
    expect(next.files.find((f) => f.file.endsWith('a.yaml'))?.text).toContain('name: x');
  });
});

describe('netpol serve (command line)', () => {
  const cli = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'test/web/run-cli.ts', 'serve', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });

  it('exits 2 on a missing path or a bad port, without a stack trace', () => {
    const missing = cli(['no/such/dir']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no/such/dir');
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const port = cli(['examples', '--port', 'http']);
    expect(port.status).toBe(2);
    expect(port.stderr).toContain('--port');
  });

  it('documents its options', () => {
    const help = execFileSync(process.execPath, ['--import', 'tsx', 'test/web/run-cli.ts', 'serve', '--help'], { cwd: ROOT, encoding: 'utf8' });
    for (const o of ['--port', '--host', '--open', '127.0.0.1']) expect(help).toContain(o);
  });
});

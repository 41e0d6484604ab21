// A HAND-WRITTEN FAKE of the Kubernetes API server, for tests only (last resort: no real API server,
// kind or docker can run here). It speaks just enough of the list/watch JSON protocol for the kinds
// netpol reads: GET lists (all namespaces or one, limit/continue paging, items without kind/apiVersion
// as the real server sends them), GET one namespace, and `?watch=true` streams of {type, object}
// lines, replaying the changes after the given resourceVersion. It listens on 127.0.0.1 only; the official client is pointed at it by a generated kubeconfig.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { READ_RESOURCES, listPath, type Resource } from '../../src/cluster/resources.js';

type Obj = Record<string, unknown> & { metadata: { name: string; namespace?: string; [k: string]: unknown } };

interface Watcher {
  readonly res: Resource;
  readonly ns?: string;
  readonly out: ServerResponse;
}

export class FakeApiServer {
  private readonly objects = new Map<Resource, Map<string, Obj>>();
  private readonly watchers = new Set<Watcher>();
  /** Every change, so a watch from a resourceVersion replays what happened since (as the real server does). */
  private readonly log: { res: Resource; type: string; object: Obj }[] = [];
  private server?: Server;
  private rv = 100;
  url = '';
  /** Resources (plural) answered with 403 Forbidden, as RBAC would. */
  readonly forbidden = new Set<string>();
  /** Paths requested, for assertions. */
  readonly requests: string[] = [];

  constructor(seed: readonly Record<string, unknown>[] = []) {
    for (const r of READ_RESOURCES) this.objects.set(r, new Map());
    for (const o of seed) this.put(o, false);
  }

  private resourceOf(o: Record<string, unknown>): Resource {
    const r = READ_RESOURCES.find((x) => x.kind === o.kind);
    if (!r) throw new Error(`fake apiserver: kind ${String(o.kind)} not served`);
    return r;
  }

  /** Stores an object as the server would: kind/apiVersion stripped, resourceVersion stamped. */
  private put(o: Record<string, unknown>, notify: boolean): void {
    const res = this.resourceOf(o);
    const { kind: _k, apiVersion: _a, ...rest } = o;
    const meta = { ...(rest.metadata as Obj['metadata']) };
    if (res.namespaced && meta.namespace === undefined) meta.namespace = 'default';
    meta.resourceVersion = String(++this.rv);
    const obj = { ...rest, metadata: meta } as Obj;
    const key = `${meta.namespace ?? ''}/${meta.name}`;
    const map = this.objects.get(res)!;
    const type = map.has(key) ? 'MODIFIED' : 'ADDED';
    map.set(key, obj);
    if (notify) this.emit(res, type, obj);
  }

  /** Everything stored, as a client would read it back (kind and apiVersion restored). */
  all(): Record<string, unknown>[] {
    return [...this.objects].flatMap(([res, m]) => [...m.values()].map((o) => ({ apiVersion: res.apiVersion, kind: res.kind, ...o })));
  }

  apply(o: Record<string, unknown>): void {
    this.put(o, true);
  }

  delete(kind: string, namespace: string | undefined, name: string): void {
    const res = this.resourceOf({ kind });
    const key = `${res.namespaced ? (namespace ?? 'default') : ''}/${name}`;
    const obj = this.objects.get(res)!.get(key);
    if (!obj) return;
    this.objects.get(res)!.delete(key);
    this.emit(res, 'DELETED', { ...obj, metadata: { ...obj.metadata, resourceVersion: String(++this.rv) } });
  }

  /** Ends every open watch (the client must re-list and watch again). */
  closeWatches(): void {
    for (const w of this.watchers) w.out.end();
    this.watchers.clear();
  }

  watcherCount(kind?: string): number {
    return [...this.watchers].filter((w) => kind === undefined || w.res.kind === kind).length;
  }

  private emit(res: Resource, type: string, object: Obj): void {
    this.log.push({ res, type, object });
    for (const w of this.watchers) this.send(w, res, type, object);
  }

  private send(w: Watcher, res: Resource, type: string, object: Obj): void {
    if (w.res !== res || (w.ns !== undefined && object.metadata.namespace !== w.ns)) return;
    w.out.write(`${JSON.stringify({ type, object })}\n`);
  }

  private route(path: string): { res: Resource; ns?: string; name?: string } | undefined {
    for (const res of READ_RESOURCES) {
      if (path === listPath(res)) return { res };
      if (res.namespaced) {
        const m = /^(.*)\/namespaces\/([^/]+)\/([^/]+)$/.exec(path);
        if (m && m[3] === res.plural && path === listPath(res, decodeURIComponent(m[2]!))) return { res, ns: decodeURIComponent(m[2]!) };
      } else {
        const m = /^\/api\/v1\/namespaces\/([^/]+)$/.exec(path);
        if (m && res.plural === 'namespaces') return { res, name: decodeURIComponent(m[1]!) };
      }
    }
    return undefined;
  }

  private handle(req: IncomingMessage, out: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    this.requests.push(url.pathname + url.search);
    const hit = this.route(url.pathname);
    const json = (status: number, body: unknown) => {
      out.writeHead(status, { 'content-type': 'application/json' });
      out.end(JSON.stringify(body));
    };
    if (!hit) return json(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'the server could not find the requested resource', code: 404 });
    if (this.forbidden.has(hit.res.plural)) {
      return json(403, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Forbidden', code: 403, message: `${hit.res.plural} is forbidden: User "tester" cannot list resource "${hit.res.plural}"` });
    }
    const items = [...this.objects.get(hit.res)!.values()].filter((o) => hit.ns === undefined || o.metadata.namespace === hit.ns);
    if (hit.name !== undefined) {
      const one = items.find((o) => o.metadata.name === hit.name);
      return one ? json(200, { kind: 'Namespace', apiVersion: 'v1', ...one }) : json(404, { kind: 'Status', message: `namespaces "${hit.name}" not found`, code: 404 });
    }
    if (url.searchParams.get('watch') === 'true') {
      out.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
      out.flushHeaders();
      const w: Watcher = { res: hit.res, ...(hit.ns !== undefined ? { ns: hit.ns } : {}), out };
      const since = Number(url.searchParams.get('resourceVersion') ?? 'NaN');
      if (Number.isFinite(since)) {
        for (const e of this.log) if (Number(e.object.metadata.resourceVersion) > since) this.send(w, e.res, e.type, e.object);
      }
      this.watchers.add(w);
      req.on('close', () => this.watchers.delete(w));
      return;
    }
    const limit = Number(url.searchParams.get('limit') ?? '0');
    const from = Number(url.searchParams.get('continue') ?? '0');
    const page = limit > 0 ? items.slice(from, from + limit) : items;
    const next = limit > 0 && from + limit < items.length ? String(from + limit) : undefined;
    json(200, {
      kind: `${hit.res.kind}List`,
      apiVersion: hit.res.apiVersion,
      metadata: { resourceVersion: String(this.rv), ...(next ? { continue: next } : {}) },
      items: page,
    });
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const addr = this.server.address();
    if (!addr || typeof addr === 'string') throw new Error('no address');
    this.url = `http://127.0.0.1:${addr.port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.closeWatches();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Writes a kubeconfig (context `fake`; plain http needs insecure-skip-tls-verify for the client) and returns its path. */
  writeKubeconfig(dir: string): string {
    const file = join(dir, 'kubeconfig');
    writeFileSync(
      file,
      [
        'apiVersion: v1',
        'kind: Config',
        'current-context: fake',
        'clusters:',
        `- name: fake\n  cluster:\n    server: ${this.url}\n    insecure-skip-tls-verify: true`,
        'users:',
        '- name: tester\n  user:\n    token: test-token',
        'contexts:',
        '- name: fake\n  context:\n    cluster: fake\n    user: tester',
        '',
      ].join('\n'),
    );
    return file;
  }
}

// The local web UI server behind `netpol serve`. It serves the built single-page app (dist/web/app)
// and the input files' texts; the browser parses and analyses them in a Web Worker. Changes to
// the inputs are pushed with Server-Sent Events so the page reloads its data.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readInputs, watchInputs, type InputSnapshot } from './server-files.js';
import { applySecurityHeaders, hostAllowed, safeJoin } from './server-security.js';

export interface ServeOptions {
  readonly paths: readonly string[];
  readonly host: string;
  readonly port: number;
  /** Text of stdin when a path is "-". */
  readonly stdinText?: string;
  /** Directory of the built app; found next to this file by default. */
  readonly webRoot?: string;
  readonly pollMs?: number;
}

export interface RunningServer {
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** dist/web/app next to the compiled server; from the sources (tsx), the repo's dist/web/app. */
export function findWebRoot(): string | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, 'app'), path.resolve(here, '../../dist/web/app')];
  return candidates.find((c) => existsSync(path.join(c, 'index.html')) && existsSync(path.join(c, 'assets')));
}

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const webRoot = opts.webRoot ?? findWebRoot();
  if (!webRoot) throw new Error('the web UI is not built: run `npm run build` first');
  let snapshot: InputSnapshot = await readInputs(opts.paths, opts.stdinText);
  const clients = new Set<ServerResponse>();
  const stopWatch = watchInputs(
    opts.paths,
    snapshot,
    (next) => {
      snapshot = next;
      const msg = `event: change\ndata: ${JSON.stringify({ version: next.version })}\n\n`;
      for (const c of clients) c.write(msg);
    },
    opts.pollMs,
    opts.stdinText,
  );

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    applySecurityHeaders(res);
    if (!hostAllowed(req, opts.host)) return send(res, 403, 'text/plain; charset=utf-8', 'forbidden host\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/api/inputs') {
      res.setHeader('Cache-Control', 'no-store');
      return send(res, 200, MIME['.json']!, JSON.stringify(snapshot));
    }
    if (url.pathname === '/api/events') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(`event: hello\ndata: ${JSON.stringify({ version: snapshot.version })}\n\n`);
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    const file = safeJoin(webRoot, url.pathname === '/' ? '/index.html' : url.pathname, path.join);
    if (!file) return send(res, 400, 'text/plain; charset=utf-8', 'bad path\n');
    const ext = path.extname(file);
    try {
      const body = await readFile(file);
      res.setHeader('Cache-Control', file.includes(`${path.sep}assets${path.sep}`) ? 'max-age=31536000, immutable' : 'no-store');
      return send(res, 200, MIME[ext] ?? 'application/octet-stream', body, req.method === 'HEAD');
    } catch {
      // Unknown routes without an extension belong to the single-page app.
      if (ext === '') {
        const index = await readFile(path.join(webRoot, 'index.html'));
        res.setHeader('Cache-Control', 'no-store');
        return send(res, 200, MIME['.html']!, index, req.method === 'HEAD');
      }
      return send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error\n');
      else res.end();
    });
  });
  const heartbeat = setInterval(() => {
    for (const c of clients) c.write(': ping\n\n');
  }, 15_000);
  heartbeat.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  const hostText = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${hostText}:${port}/`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        stopWatch();
        clearInterval(heartbeat);
        for (const c of clients) c.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, headOnly = false): void {
  res.statusCode = status;
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(headOnly ? undefined : body);
}

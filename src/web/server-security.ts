// HTTP hardening for the local UI server. The cluster data is untrusted (names, labels) and the
// server is reachable by any page in the user's browser, so: a strict CSP, no sniffing, no
// framing, and a Host check against DNS rebinding.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** No inline script or style, no eval, nothing remote: every asset is served by us. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

export function applySecurityHeaders(res: ServerResponse): void {
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * DNS rebinding defence: a page on evil.example that re-points its name at 127.0.0.1 still sends
 * `Host: evil.example`. Accept only loopback names and the host we were told to bind.
 */
export function hostAllowed(req: IncomingMessage, boundHost: string): boolean {
  const raw = req.headers.host;
  if (!raw) return false;
  const name = raw.startsWith('[') ? raw.slice(0, raw.indexOf(']') + 1) : (raw.split(':')[0] ?? '');
  const host = name.toLowerCase();
  if (LOOPBACK_NAMES.has(host)) return true;
  const bound = boundHost.includes(':') && !boundHost.startsWith('[') ? `[${boundHost}]` : boundHost;
  // Binding a wildcard address was an explicit choice to serve the LAN: accept any name then.
  if (boundHost === '0.0.0.0' || boundHost === '::') return true;
  return host === bound.toLowerCase();
}

/** Resolves a URL path inside `root`; undefined for anything that escapes it. */
export function safeJoin(root: string, urlPath: string, join: (a: string, b: string) => string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const parts = decoded.split('/').filter((s) => s !== '' && s !== '.');
  if (parts.some((s) => s === '..' || s.includes('\\'))) return undefined;
  return join(root, parts.join('/'));
}

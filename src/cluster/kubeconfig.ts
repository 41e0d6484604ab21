// Connection to a live API server through the official client's KubeConfig (kubectl's rules:
// --kubeconfig, else $KUBECONFIG, else ~/.kube/config, else the in-cluster service account).
import * as http from 'node:http';
import * as https from 'node:https';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { KubeConfig } from '@kubernetes/client-node';

const SA_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

export interface ClusterTarget {
  readonly kubeconfig?: string;
  readonly context?: string;
}

/** A request failure with the HTTP status, when there was one. */
export class ApiError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
  }
}

export function loadKubeConfig(target: ClusterTarget = {}): KubeConfig {
  const kc = new KubeConfig();
  try {
    if (target.kubeconfig !== undefined) kc.loadFromFile(target.kubeconfig);
    else if (!process.env.KUBECONFIG && !existsSync(join(homedir(), '.kube', 'config')) && !existsSync(SA_TOKEN)) {
      // the client would fall back to http://localhost:8080; say what is missing instead
      throw new Error('none found: give --kubeconfig FILE, set KUBECONFIG, create ~/.kube/config, or run in a pod with a service account');
    } else kc.loadFromDefault();
  } catch (e) {
    throw new ApiError(`cannot load kubeconfig${target.kubeconfig ? ` ${target.kubeconfig}` : ''}: ${(e as Error).message}`);
  }
  if (target.context !== undefined) {
    if (!kc.getContextObject(target.context)) throw new ApiError(`context "${target.context}" is not in the kubeconfig`);
    kc.setCurrentContext(target.context);
  }
  if (!kc.getCurrentCluster()) throw new ApiError('no cluster in the kubeconfig (is a current-context set?)');
  return kc;
}

/** Where the kubeconfig points, for messages. */
export function serverOf(kc: KubeConfig): string {
  return kc.getCurrentCluster()?.server ?? '(none)';
}

/** GET a path as JSON, with the kubeconfig's TLS and credentials (the same options the client's Watch uses). */
export async function getJson(kc: KubeConfig, path: string, timeoutMs = 30_000): Promise<unknown> {
  const url = new URL(serverOf(kc).replace(/\/+$/, '') + path);
  const opts: https.RequestOptions = {};
  await kc.applyToHTTPSOptions(opts);
  const secure = url.protocol === 'https:';
  const headers = { ...(opts.headers as Record<string, string> | undefined), Accept: 'application/json' };
  const reqOpts: https.RequestOptions = { ...opts, headers, method: 'GET', timeout: timeoutMs };
  if (!secure) delete reqOpts.agent; // an https agent cannot carry plain http (test servers, kubectl proxy)
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request(url, reqOpts, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e) => reject(new ApiError(`${path}: ${e.message}`)));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        if (status < 200 || status > 299) {
          let msg = body.slice(0, 300);
          try {
            msg = String((JSON.parse(body) as { message?: unknown }).message ?? msg);
          } catch {
            // not a Status object
          }
          reject(new ApiError(`GET ${path}: HTTP ${status}: ${msg}`, status));
          return;
        }
        try {
          resolve(JSON.parse(body));
        } catch {
          reject(new ApiError(`GET ${path}: the response is not JSON`));
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    req.on('error', (e) => reject(new ApiError(`GET ${url.origin}${path}: ${e.message}`)));
    req.end();
  });
}

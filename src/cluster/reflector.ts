// List-then-watch of one resource with the official client's Watch (client-go's reflector pattern):
// list for a consistent snapshot and its resourceVersion, watch from there, re-list when the watch
// ends or the server says the version is too old (410 Gone).
import { Watch, type KubeConfig } from '@kubernetes/client-node';
import { listAll, normalize, type ApiObject } from './fetch.js';
import { listPath, type Resource } from './resources.js';

export type ReflectorEvent =
  | { readonly type: 'sync'; readonly items: readonly ApiObject[] }
  | { readonly type: 'put'; readonly item: ApiObject }
  | { readonly type: 'delete'; readonly item: ApiObject };

export interface ReflectorOptions {
  readonly namespace?: string;
  /** Wait before re-listing after a failure (doubles up to 30 s). */
  readonly backoffMs?: number;
  readonly onError?: (message: string) => void;
}

export class Reflector {
  private stopped = false;
  private abort: AbortController | undefined;
  private timer: NodeJS.Timeout | undefined;
  private backoff: number;
  /** True while a watch is open after a successful list. */
  watching = false;
  /** Watch events received (not counting lists). */
  events = 0;

  constructor(
    private readonly kc: KubeConfig,
    readonly resource: Resource,
    private readonly onEvent: (e: ReflectorEvent) => void,
    private readonly opts: ReflectorOptions = {},
  ) {
    this.backoff = opts.backoffMs ?? 500;
  }

  start(): void {
    void this.cycle();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.abort?.abort();
    this.watching = false;
  }

  private retry(message: string): void {
    this.watching = false;
    if (this.stopped) return;
    this.opts.onError?.(`${this.resource.plural}: ${message}; re-listing in ${this.backoff} ms`);
    this.timer = setTimeout(() => void this.cycle(), this.backoff);
    this.backoff = Math.min(this.backoff * 2, 30_000);
  }

  private async cycle(): Promise<void> {
    if (this.stopped) return;
    let rv: string;
    try {
      const l = await listAll(this.kc, this.resource, this.opts.namespace);
      if (this.stopped) return;
      this.onEvent({ type: 'sync', items: l.items });
      rv = l.resourceVersion;
    } catch (e) {
      this.retry(`list failed: ${(e as Error).message}`);
      return;
    }
    let restarted = false;
    const again = (why: string) => {
      if (restarted) return;
      restarted = true;
      this.abort?.abort();
      this.retry(why);
    };
    try {
      this.abort = await new Watch(this.kc).watch(
        listPath(this.resource, this.opts.namespace),
        { resourceVersion: rv, allowWatchBookmarks: true },
        (type, obj: unknown) => {
          if (this.stopped || restarted) return;
          if (type === 'ERROR') return again(`watch error: ${String((obj as { message?: unknown })?.message ?? 'unknown')}`);
          if (type === 'BOOKMARK' || !obj || typeof obj !== 'object') return;
          this.events++;
          this.backoff = this.opts.backoffMs ?? 500; // a healthy stream resets the backoff
          const item = normalize(this.resource, obj as ApiObject);
          this.onEvent(type === 'DELETED' ? { type: 'delete', item } : { type: 'put', item });
        },
        (err: unknown) => again(err ? `watch ended: ${(err as Error).message ?? String(err)}` : 'watch closed by the server'),
      );
      if (!restarted && !this.stopped) this.watching = true;
    } catch (e) {
      again(`watch failed: ${(e as Error).message}`);
    }
  }
}

// Talks to the analysis worker (request/reply by sequence number) and to the server (input texts,
// change events).
import type { Envelope, InputFile, Reply, ReplyEnvelope, Request } from './protocol.js';

export class WorkerClient {
  private readonly worker: Worker;
  private seq = 0;
  private readonly pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();

  constructor() {
    this.worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'netpol-analysis' });
    this.worker.addEventListener('message', (ev: MessageEvent<ReplyEnvelope>) => {
      const p = this.pending.get(ev.data.seq);
      if (!p) return;
      this.pending.delete(ev.data.seq);
      if ('error' in ev.data) p.reject(new Error(ev.data.error));
      else p.resolve(ev.data.body);
    });
    this.worker.addEventListener('error', (ev) => {
      for (const p of this.pending.values()) p.reject(new Error(ev.message || 'analysis worker failed'));
      this.pending.clear();
    });
  }

  call<T extends Reply['type']>(req: Request): Promise<Extract<Reply, { type: T }>> {
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve: resolve as (r: Reply) => void, reject });
      this.worker.postMessage({ seq, body: req } satisfies Envelope<Request>);
    });
  }
}

export interface Inputs {
  readonly version: string;
  readonly files: readonly InputFile[];
}

export async function fetchInputs(): Promise<Inputs> {
  const res = await fetch('/api/inputs', { cache: 'no-store' });
  if (!res.ok) throw new Error(`server answered ${res.status}`);
  return (await res.json()) as Inputs;
}

/** Calls `onChange` when the server reports new input files; EventSource reconnects by itself. */
export function watchServer(onChange: (version: string) => void): void {
  const es = new EventSource('/api/events');
  es.addEventListener('change', (ev) => {
    const data = JSON.parse((ev as MessageEvent<string>).data) as { version: string };
    onChange(data.version);
  });
}

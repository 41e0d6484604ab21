// Talks to one lab agent over its unix socket: JSON lines, answers matched by id.
import { connect } from 'node:net';

export interface AgentRequest {
  readonly op: 'ping' | 'probe';
  readonly ip?: string;
  readonly port?: number;
  readonly protocol?: 'TCP' | 'UDP';
  readonly timeoutMs?: number;
}

/** Sends requests on one connection and resolves with one result string per request, in order. */
export function agentRequest(socket: string, reqs: readonly AgentRequest[], timeoutMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const results: (string | undefined)[] = reqs.map(() => undefined);
    let left = reqs.length;
    let buf = '';
    const c = connect(socket);
    const timer = setTimeout(() => {
      c.destroy();
      reject(new Error(`agent ${socket}: no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    c.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    c.on('connect', () => c.write(reqs.map((r, id) => JSON.stringify({ ...r, id })).join('\n') + '\n'));
    c.on('data', (d) => {
      buf += String(d);
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const msg = JSON.parse(buf.slice(0, i)) as { id: number; result: string };
        buf = buf.slice(i + 1);
        if (results[msg.id] === undefined) left--;
        results[msg.id] = msg.result;
      }
      if (left === 0) {
        clearTimeout(timer);
        c.end();
        resolve(results as string[]);
      }
    });
  });
}

// `netpol can-reach PATH... --from X --to Y`: one connection's verdict with the reasons per direction.
// Exit 0 allowed, 1 denied, 2 bad input. JSON schema: docs/semantics.md "can-reach --format json".
import { Option, type Command } from 'commander';
import { createEngine } from '../../core/engine/index.js';
import { resolveEndpoint } from '../../core/engine/endpoints.js';
import { formatRuleRef } from '../../core/engine/describe.js';
import type { DirectionVerdict, Endpoint, IpBlockScope, Verdict } from '../../core/engine/types.js';
import type { Cluster, Protocol } from '../../core/model/types.js';
import { ConnectionSet } from '../../core/sets/connection-set.js';
import { CliExit, EXIT_NEGATIVE, badInput } from '../errors.js';
import { loadFromPaths } from '../load.js';
import { color, out } from '../output.js';

interface Flags {
  from: string;
  to: string;
  protocol?: string;
  port?: string;
  ipblockScope: IpBlockScope;
  format: 'text' | 'json';
  namespace?: string;
}

/** `web` with --namespace prod means `prod/web`; IPs and qualified names are kept. */
export function qualify(text: string, namespace: string | undefined): string {
  return text.includes('/') || text.includes(':') || /^[\d.]+$/.test(text) ? text : `${namespace ?? 'default'}/${text}`;
}

export function parseProtocol(text: string | undefined): Protocol | undefined {
  if (text === undefined) return undefined;
  const p = text.toUpperCase();
  if (p === 'TCP' || p === 'UDP' || p === 'SCTP') return p;
  throw badInput(`netpol: --protocol: must be TCP, UDP or SCTP, not "${text}"`);
}

export function endpointOrExit(cluster: Cluster, flag: string, text: string, namespace: string | undefined): { endpoint: Endpoint; id: string; note?: string } {
  const r = resolveEndpoint(cluster, qualify(text, namespace));
  if (!r.ok) throw badInput(`netpol: ${flag}: ${r.error}`);
  return r;
}

/** A numeric port, or a name resolved on the destination pod (its protocol, unless --protocol says otherwise). */
function resolvePort(text: string, dst: Endpoint, proto: Protocol | undefined): { port: number; protocol: Protocol; name?: string } {
  if (/^\d+$/.test(text)) {
    const port = Number(text);
    if (port < 1 || port > 65535) throw badInput(`netpol: --port: must be 1-65535, not ${text}`);
    return { port, protocol: proto ?? 'TCP' };
  }
  if (dst.kind !== 'pod') throw badInput(`netpol: --port ${text}: a named port needs a pod destination (a named port never matches an external address)`);
  const hits = dst.pod.ports.filter((c) => c.name === text && (proto === undefined || c.protocol === proto));
  const hit = hits.find((c) => c.protocol === 'TCP') ?? hits[0];
  if (!hit) {
    const names = dst.pod.ports.filter((c) => c.name).map((c) => `${c.name}=${c.containerPort}/${c.protocol}`);
    throw badInput(`netpol: --port: ${dst.pod.namespace}/${dst.pod.name} has no container port named "${text}"${proto ? ` with protocol ${proto}` : ''}${names.length ? ` (it has ${names.join(', ')})` : ''}`);
  }
  return { port: hit.containerPort, protocol: hit.protocol, name: text };
}

const directionJson = (d: DirectionVerdict) => ({
  ...d,
  allowedBy: d.allowedBy.map((r) => ({ ...r, text: formatRuleRef(r) })),
});

function formatText(v: Verdict, from: string, to: string, what: string, notes: string[]): string {
  const head = v.allowed ? color.green('ALLOWED') : color.red('DENIED');
  const lines = [`${head} ${from} -> ${to} ${what}`];
  for (const n of notes) lines.push(`  note: ${n}`);
  for (const [d, side] of [[v.egress, from], [v.ingress, to]] as const) {
    const state = d.allowed ? 'allows' : color.red('denies');
    lines.push(`${d.direction.toLowerCase()} at ${side}: ${state}${d.isolated ? '' : ' (not isolated)'}`);
    for (const r of d.reasons) lines.push(`  - ${r}`);
  }
  return lines.join('\n');
}

export function register(program: Command): void {
  program
    .command('can-reach')
    .description('Decide whether one connection is allowed, and say why, for each direction.')
    .argument('<paths...>', 'manifest files, directories, or - for stdin')
    .requiredOption('--from <endpoint>', 'source: ns/pod, ns/name[Kind] (a workload: its pod template) or an IP address')
    .requiredOption('--to <endpoint>', 'destination: ns/pod, ns/name[Kind] or an IP address')
    .option('--protocol <protocol>', 'TCP, UDP or SCTP (default TCP, or the named port\'s protocol)')
    .option('--port <port>', 'destination port: a number, or a container port name of the destination pod')
    .addOption(new Option('--ipblock-scope <scope>', 'all: ipBlocks match pod IPs too (upstream); external: only addresses outside the cluster').choices(['all', 'external']).default('all'))
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('-n, --namespace <ns>', 'namespace for objects and endpoints given without one (default "default")')
    .action(async (paths: string[], flags: Flags) => {
      const proto = parseProtocol(flags.protocol);
      const loaded = await loadFromPaths(paths, flags.namespace !== undefined ? { namespace: flags.namespace } : {});
      const cluster = loaded.cluster;
      const src = endpointOrExit(cluster, '--from', flags.from, flags.namespace);
      const dst = endpointOrExit(cluster, '--to', flags.to, flags.namespace);
      const engine = createEngine(cluster, { ipBlockScope: flags.ipblockScope });
      const notes = [src.note, dst.note].filter((n): n is string => n !== undefined);
      if (src.endpoint.kind === 'ip' && dst.endpoint.kind === 'ip') notes.push('both sides are outside the cluster: no NetworkPolicy applies');

      if (flags.port === undefined) {
        // No port: every connection src may open to dst, then the reasons for one representative port.
        let set = engine.allowed(src.endpoint, dst.endpoint);
        if (proto) set = onlyProtocol(set, proto);
        const allowed = !set.isEmpty();
        const sample = pickSample(set, dst.endpoint, proto);
        const v = engine.verdict({ src: src.endpoint, dst: dst.endpoint, ...sample });
        if (flags.format === 'json') {
          out(JSON.stringify({ from: src.id, to: dst.id, protocol: proto ?? null, port: null, allowed, connections: set.toJSON(), connectionsText: set.toString(), reasonsFor: sample, egress: directionJson(v.egress), ingress: directionJson(v.ingress), notes }, null, 2));
        } else {
          const what = `${proto ?? 'any protocol'}: ${set.toString()}`;
          out(formatText({ ...v, allowed }, src.id, dst.id, what, [...notes, `reasons shown for ${sample.port}/${sample.protocol}`]));
        }
        if (!allowed) throw new CliExit(EXIT_NEGATIVE);
        return;
      }

      const port = resolvePort(flags.port, dst.endpoint, proto);
      const v = engine.verdict({ src: src.endpoint, dst: dst.endpoint, protocol: port.protocol, port: port.port });
      const portText = `${port.port}/${port.protocol}${port.name ? ` (${port.name})` : ''}`;
      if (flags.format === 'json') {
        out(JSON.stringify({ from: src.id, to: dst.id, protocol: port.protocol, port: port.port, portName: port.name ?? null, allowed: v.allowed, egress: directionJson(v.egress), ingress: directionJson(v.ingress), notes }, null, 2));
      } else {
        out(formatText(v, src.id, dst.id, portText, notes));
      }
      if (!v.allowed) throw new CliExit(EXIT_NEGATIVE);
    });
}


function onlyProtocol(set: ConnectionSet, proto: Protocol): ConnectionSet {
  return ConnectionSet.of(proto, set.ports(proto));
}

/** An allowed (protocol, port) if any, else the destination's first container port, else 80/TCP. */
function pickSample(set: ConnectionSet, dst: Endpoint, proto: Protocol | undefined): { protocol: Protocol; port: number } {
  const first = set.toJSON()[0];
  if (first && first.ports[0]) return { protocol: first.protocol, port: first.ports[0][0] };
  const cp = dst.kind === 'pod' ? dst.pod.ports.find((c) => proto === undefined || c.protocol === proto) : undefined;
  return cp ? { protocol: cp.protocol, port: cp.containerPort } : { protocol: proto ?? 'TCP', port: 80 };
}

// Options shared by `netpol analyze` and `netpol diff`: level, scope, atoms, filters, progress.
import process from 'node:process';
import { Option, type Command } from 'commander';
import type { ConnectivityOptions } from '../core/analysis/connectivity.js';
import type { Level } from '../core/analysis/types.js';
import type { AtomMode } from '../core/analysis/atoms.js';
import type { IpBlockScope } from '../core/engine/types.js';
import type { Protocol } from '../core/model/types.js';
import { badInput } from './errors.js';
import { exposuresOf, withIngressController, type Exposure } from '../core/analysis/ingress-controller.js';
import { createEngine } from '../core/engine/index.js';
import type { Engine } from '../core/engine/types.js';
import type { Problem } from '../core/model/types.js';
import { collectObjects, parseDocs } from '../core/parse/index.js';
import type { LoadResult } from './load.js';

export interface AnalysisFlags {
  level?: Level;
  ipblockScope: IpBlockScope;
  externalAtoms?: AtomMode;
  focus?: string;
  namespace?: string;
  protocol?: string;
  port?: string;
  progress?: boolean;
}

export function addAnalysisOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--level <level>', 'endpoints: pods, or workloads (pods grouped by owner); default: workload when the input holds workloads').choices(['pod', 'workload']))
    .addOption(new Option('--ipblock-scope <scope>', 'all: ipBlocks match pod IPs too (upstream); external: only addresses outside the cluster (netpol-analyzer)').choices(['all', 'external']).default('all'))
    .addOption(new Option('--external-atoms <mode>', 'external blocks: uniform (IPv4+IPv6, merged) or analyzer (netpol-analyzer: IPv4, per side, unmerged); default: analyzer with --ipblock-scope external').choices(['uniform', 'analyzer']))
    .option('--focus <endpoint>', 'only connections of this endpoint (ns/name, ns/name[Kind], an IP, or a block id)')
    .option('--namespace <ns>', 'only connections with one side in this namespace')
    .option('--protocol <protocol>', 'only connections that include this protocol (TCP, UDP, SCTP)')
    .option('--port <port>', 'only connections that include this port')
    .option('--no-progress', 'never show the progress bar (it shows only when stderr is a terminal)');
}

export function connectivityOptions(f: AnalysisFlags): ConnectivityOptions {
  let protocol: Protocol | undefined;
  if (f.protocol !== undefined) {
    const p = f.protocol.toUpperCase();
    if (p !== 'TCP' && p !== 'UDP' && p !== 'SCTP') throw badInput(`netpol: --protocol: must be TCP, UDP or SCTP, not "${f.protocol}"`);
    protocol = p;
  }
  let port: number | undefined;
  if (f.port !== undefined) {
    port = Number(f.port);
    if (!/^\d+$/.test(f.port) || port < 1 || port > 65535) throw badInput(`netpol: --port: must be a number from 1 to 65535, not "${f.port}"`);
  }
  return {
    ...(f.level ? { level: f.level } : {}),
    ...(f.externalAtoms ? { atoms: f.externalAtoms } : {}),
    ...(f.focus !== undefined ? { focus: f.focus } : {}),
    ...(f.namespace !== undefined ? { namespace: f.namespace } : {}),
    ...(protocol ? { protocol } : {}),
    ...(port !== undefined ? { port } : {}),
  };
}

/** A progress bar on stderr, only when stderr is a terminal; returns the callback and a finisher. */
export function progressBar(
  enabled: boolean,
  label: string,
  quietMs = 500,
): { onProgress?: (done: number, total: number) => void; finish: () => void } {
  if (!enabled || process.stderr.isTTY !== true) return { finish: () => {} };
  let shown = false;
  let lastPct = -1;
  const started = Date.now();
  return {
    onProgress: (done, total) => {
      // only for long runs: stay silent at first
      if (!shown && Date.now() - started < quietMs) return;
      const pct = total === 0 ? 100 : Math.floor((done * 100) / total);
      if (pct === lastPct) return;
      lastPct = pct;
      shown = true;
      const width = 30;
      const fill = Math.round((pct * width) / 100);
      process.stderr.write(`\r${label} [${'#'.repeat(fill)}${' '.repeat(width - fill)}] ${pct}%`);
    },
    finish: () => {
      if (shown) process.stderr.write('\r\x1b[2K');
    },
  };
}

/**
 * The engine for an analysis and the Route/Ingress backends of the input (kinds the model skips):
 * with any, the engine also knows netpol-analyzer's `{ingress-controller}` pod.
 */
export function analysisEngine(loaded: LoadResult, scope: IpBlockScope): { engine: Engine; exposures: Exposure[] } {
  const ignored: Problem[] = []; // loadFromPaths reported them already
  const mayExpose = loaded.inputs.filter((f) => /\b(Route|Ingress)\b/.test(f.text)); // parse again only these
  const exposures = exposuresOf(collectObjects(mayExpose.flatMap((f) => parseDocs(f.file, f.text, ignored)), ignored));
  const cluster = exposures.length > 0 ? withIngressController(loaded.cluster) : loaded.cluster;
  return { engine: createEngine(cluster, { ipBlockScope: scope }), exposures };
}

// The analysis worker: the browser-safe core (parse, validate, engine, analysis, audit) runs here
// so the page stays responsive. It keeps the served files (the baseline) and the editor's what-if
// edits. Small clusters get every connection listed (exactly `netpol analyze`); large ones get
// links between namespaces or endpoints aggregated from the compiled engine (worker-scale.ts).
import { stringify } from 'yaml';
import { collectObjects, loadCluster, parseDocs } from '../../core/parse/index.js';
import { createEngine } from '../../core/engine/index.js';
import { createCompiledEngine, type CompiledEngine } from '../../core/engine/compiled/index.js';
import type { Engine } from '../../core/engine/types.js';
import { analyzeConnectivity } from '../../core/analysis/connectivity.js';
import { analyzeDiff } from '../../core/analysis/diff.js';
import { endpointMatches } from '../../core/analysis/filters.js';
import type { AnalysisEndpoint, Connectivity } from '../../core/analysis/types.js';
import type { PivotGraph } from '../../core/analysis/audit/index.js';
import type { Problem } from '../../core/model/types.js';
import type { Diff, Envelope, InputFile, Reply, ReplyEnvelope, Request, Snapshot } from './protocol.js';
import { buildSnapshot, details, explain, toDiff } from './worker-snapshot.js';
import { auditFindings, pivotGraph, reach } from './worker-audit.js';
import { endpointConnections, largeEndpoints, LinkAggregator } from './worker-scale.js';
import { warmUp } from './worker-warm-up.js';

/** Above this many endpoints the worker aggregates instead of listing pairs (the graph folds too). */
export const LARGE_LIMIT = 400;

interface State {
  engine: Engine;
  /** Small clusters only. */
  conn?: Connectivity;
  /** Large clusters only. */
  links?: LinkAggregator;
  endpoints: readonly AnalysisEndpoint[];
  byId: Map<string, AnalysisEndpoint>;
  snapshot: Snapshot;
  pivot?: PivotGraph;
}

let baseFiles: InputFile[] = [];
const edits = new Map<string, string>();
let baseline: State | undefined;
let current: State | undefined;

const post = (m: ReplyEnvelope): void => (self as unknown as { postMessage(m: unknown): void }).postMessage(m);

function currentFiles(): InputFile[] {
  return baseFiles.map((f) => ({ file: f.file, text: edits.get(f.file) ?? f.text }));
}

function analyse(files: readonly InputFile[]): State {
  const t0 = performance.now();
  const { cluster, problems } = loadCluster(files);
  const names = files.map((f) => f.file);
  const large = largeEndpoints(cluster);
  if (large.endpoints.length <= LARGE_LIMIT) {
    const engine = createEngine(cluster);
    const conn = analyzeConnectivity(engine);
    const findings = auditFindings(engine, problems);
    const snapshot = buildSnapshot(engine, conn, problems, names, findings, false, conn.connections.length, performance.now() - t0);
    return { engine, conn, endpoints: conn.endpoints, byId: new Map(conn.endpoints.map((e) => [e.id, e])), snapshot };
  }
  // The compiled engine (same Engine interface) keeps every pair in compressed form.
  const engine: CompiledEngine = createCompiledEngine(cluster);
  const conn: Connectivity = { level: large.level, endpoints: large.endpoints, connections: [] };
  const pairs = engine.summary().allowedPairs;
  const snapshot = buildSnapshot(engine, conn, problems, names, undefined, true, pairs, performance.now() - t0);
  return {
    engine,
    links: new LinkAggregator(engine, large.endpoints),
    endpoints: large.endpoints,
    byId: new Map(large.endpoints.map((e) => [e.id, e])),
    snapshot,
  };
}

function snapshotReply(): Reply {
  if (!current) throw new Error('nothing loaded');
  let diff: Diff = { added: [], removed: [] };
  if (edits.size > 0 && baseline) {
    if (current.conn && baseline.conn) diff = toDiff(analyzeDiff(baseline.engine, current.engine));
    else {
      const before = baseline.snapshot.allowedPairs;
      const after = current.snapshot.allowedPairs;
      diff = { added: [], removed: [], note: `allowed pod pairs: ${before} before, ${after} after (${after - before >= 0 ? '+' : ''}${after - before}); too many to list` };
    }
  }
  return { type: 'snapshot', snapshot: current.snapshot, diff, edited: [...edits.keys()] };
}

/** An endpoint by id, or by anything `analyze --focus` accepts (ns/pod, ns/workload, an IP). */
function endpoint(id: string): AnalysisEndpoint {
  const e = current?.byId.get(id) ?? current?.endpoints.find((x) => endpointMatches(x, id));
  if (!e) throw new Error(`unknown endpoint "${id}": use ns/pod, ns/name[Kind] or an IP address`);
  return e;
}

function exportYaml(): Reply {
  const texts = currentFiles();
  const problems: Problem[] = [];
  const docs: string[] = [];
  for (const f of texts) {
    for (const o of collectObjects(parseDocs(f.file, f.text, problems), problems)) {
      if (o.kind === 'NetworkPolicy') docs.push(stringify({ apiVersion: 'networking.k8s.io/v1', ...o.value, kind: 'NetworkPolicy' }));
    }
  }
  return { type: 'export', yaml: docs.join('---\n'), texts };
}

function handle(req: Request): Reply {
  switch (req.type) {
    case 'load': {
      baseFiles = [...req.files];
      // Drop edits of files that vanished; keep the others as what-if overlays.
      for (const k of [...edits.keys()]) if (!baseFiles.some((f) => f.file === k)) edits.delete(k);
      baseline = analyse(baseFiles);
      current = edits.size > 0 ? analyse(currentFiles()) : baseline;
      return snapshotReply();
    }
    case 'edit': {
      const base = baseFiles.find((f) => f.file === req.file);
      if (base && base.text === req.text) edits.delete(req.file);
      else edits.set(req.file, req.text);
      current = edits.size > 0 ? analyse(currentFiles()) : baseline;
      return snapshotReply();
    }
    case 'reset': {
      edits.clear();
      current = baseline;
      return snapshotReply();
    }
    case 'explain': {
      if (!current) throw new Error('nothing loaded');
      return { type: 'explanation', explanation: explain(current.engine, endpoint(req.src), endpoint(req.dst), req.protocol, req.port) };
    }
    case 'details': {
      const st = current;
      if (!st) throw new Error('nothing loaded');
      const ep = endpoint(req.id);
      const view = st.snapshot.endpoints.find((e) => e.id === ep.id);
      if (!view) throw new Error(`unknown endpoint ${req.id}`);
      const base = details(st.engine, ep, view);
      if (st.conn && !st.links) {
        st.pivot ??= pivotGraph(st.conn);
        return { type: 'details', details: { ...base, reach: reach(st.pivot, ep.id) } };
      }
      return { type: 'details', details: { ...base, ...endpointConnections(st.engine, st.endpoints, ep) } };
    }
    case 'links': {
      if (!current?.links) return { type: 'links', links: [], externalSkipped: false };
      const links = current.links.links(new Set(req.expanded));
      return { type: 'links', links, externalSkipped: current.links.externalSkipped };
    }
    case 'export':
      return exportYaml();
  }
}

self.addEventListener('message', (ev: MessageEvent<Envelope<Request>>) => {
  const { seq, body } = ev.data;
  try {
    post({ seq, body: handle(body) });
  } catch (e) {
    post({ seq, error: e instanceof Error ? e.message : String(e) });
  }
});

// A task of its own, so that a load already waiting is not delayed by more than one small pass.
setTimeout(warmUp, 0);

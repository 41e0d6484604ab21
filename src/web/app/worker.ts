// The analysis worker: the browser-safe core (parse, validate, engine, analysis) runs here so the
// page stays responsive. It keeps the served files (the baseline) and the editor's what-if edits.
import { stringify } from 'yaml';
import { loadCluster } from '../../core/parse/index.js';
import { collectObjects, parseDocs } from '../../core/parse/index.js';
import { createEngine } from '../../core/engine/index.js';
import type { Engine } from '../../core/engine/types.js';
import { analyzeConnectivity } from '../../core/analysis/connectivity.js';
import { analyzeDiff } from '../../core/analysis/diff.js';
import type { AnalysisEndpoint, Connectivity } from '../../core/analysis/types.js';
import type { Problem } from '../../core/model/types.js';
import type { Diff, Envelope, InputFile, Reply, ReplyEnvelope, Request, Snapshot } from './protocol.js';
import { buildSnapshot, details, explain, toDiff } from './worker-snapshot.js';
import { auditFindings } from './worker-audit.js';

interface State {
  engine: Engine;
  conn: Connectivity;
  byId: Map<string, AnalysisEndpoint>;
  snapshot: Snapshot;
}

let baseFiles: InputFile[] = [];
const edits = new Map<string, string>();
let baseline: Engine | undefined;
let current: State | undefined;

const post = (m: ReplyEnvelope): void => (self as unknown as { postMessage(m: unknown): void }).postMessage(m);

function currentFiles(): InputFile[] {
  return baseFiles.map((f) => ({ file: f.file, text: edits.get(f.file) ?? f.text }));
}

function analyse(files: readonly InputFile[]): { state: State; engine: Engine; problems: Problem[] } {
  const t0 = performance.now();
  const { cluster, problems } = loadCluster(files);
  const engine = createEngine(cluster);
  const conn = analyzeConnectivity(engine);
  const findings = auditFindings(engine);
  const ms = performance.now() - t0;
  const snapshot = buildSnapshot(engine, conn, problems, files.map((f) => f.file), findings, ms);
  return { state: { engine, conn, byId: new Map(conn.endpoints.map((e) => [e.id, e])), snapshot }, engine, problems };
}

function snapshotReply(): Reply {
  if (!current) throw new Error('nothing loaded');
  let diff: Diff = { added: [], removed: [] };
  if (edits.size > 0 && baseline) diff = toDiff(analyzeDiff(baseline, current.engine));
  return { type: 'snapshot', snapshot: current.snapshot, diff, edited: [...edits.keys()] };
}

function endpoint(id: string): AnalysisEndpoint {
  const e = current?.byId.get(id);
  if (!e) throw new Error(`unknown endpoint ${id}`);
  return e;
}

function handle(req: Request): Reply {
  switch (req.type) {
    case 'load': {
      baseFiles = [...req.files];
      // Drop edits of files that vanished; keep the others as what-if overlays.
      for (const k of [...edits.keys()]) if (!baseFiles.some((f) => f.file === k)) edits.delete(k);
      baseline = analyse(baseFiles).engine;
      current = edits.size > 0 ? analyse(currentFiles()).state : analyse(baseFiles).state;
      return snapshotReply();
    }
    case 'edit': {
      const base = baseFiles.find((f) => f.file === req.file);
      if (base && base.text === req.text) edits.delete(req.file);
      else edits.set(req.file, req.text);
      current = analyse(currentFiles()).state;
      return snapshotReply();
    }
    case 'reset': {
      edits.clear();
      current = analyse(baseFiles).state;
      return snapshotReply();
    }
    case 'explain': {
      if (!current) throw new Error('nothing loaded');
      return { type: 'explanation', explanation: explain(current.engine, endpoint(req.src), endpoint(req.dst), req.protocol, req.port) };
    }
    case 'details': {
      if (!current) throw new Error('nothing loaded');
      const view = current.snapshot.endpoints.find((e) => e.id === req.id);
      if (!view) throw new Error(`unknown endpoint ${req.id}`);
      return { type: 'details', details: details(current.engine, endpoint(req.id), view) };
    }
    case 'export': {
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

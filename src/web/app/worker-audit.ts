// Audit findings and lateral-movement reach for the UI, from src/core/analysis/audit. The pivot
// graph is built from the connectivity the worker already has (no second analysis).
import type { Engine } from '../../core/engine/types.js';
import { createEngine } from '../../core/engine/index.js';
import type { Problem } from '../../core/model/types.js';
import type { Connectivity } from '../../core/analysis/types.js';
import type { ConnectionSet } from '../../core/sets/connection-set.js';
import { reachFrom, runAudit, type PivotGraph } from '../../core/analysis/audit/index.js';
import type { ViewFinding } from './protocol.js';

/** How far the pod panel looks for lateral movement (the CLI's pivot default is 3 hops too). */
export const REACH_HOPS = 3;

export function auditFindings(engine: Engine, problems: readonly Problem[]): readonly ViewFinding[] {
  const r = runAudit({ cluster: engine.cluster, problems, engineFactory: (c) => createEngine(c) });
  return r.findings.map((f) => ({
    ruleId: f.ruleId,
    rule: f.rule,
    severity: f.severity,
    resource: f.resource,
    path: f.path,
    message: f.message,
    fix: f.fix,
    ...(f.source ? { file: f.source.file, line: f.source.line } : {}),
  }));
}

export function pivotGraph(conn: Connectivity): PivotGraph {
  const out = new Map<string, { to: string; allowed: ConnectionSet }[]>();
  for (const e of conn.endpoints) out.set(e.id, []);
  for (const x of conn.connections) out.get(x.from)?.push({ to: x.to, allowed: x.allowed });
  return { endpoints: conn.endpoints, byId: new Map(conn.endpoints.map((e) => [e.id, e])), out };
}

export function reach(g: PivotGraph, from: string): { id: string; hops: number; via: string }[] {
  return reachFrom(g, from, REACH_HOPS).map((r) => ({
    id: r.id,
    hops: r.hops,
    via: r.path.length > 1 ? r.path.slice(0, -1).map((h) => h.to).join(' → ') : 'direct',
  }));
}

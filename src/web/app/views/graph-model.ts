// What the Graph view draws, computed from a snapshot: filters (namespace, protocol, port, focus)
// and folding (a folded namespace is one node; its connections are aggregated). Pure data, so the
// same rules serve 10 pods and 10,000.
import { ConnectionSet } from '../../../core/sets/connection-set.js';
import type { Protocol } from '../../../core/model/types.js';
import type { ProtocolPorts } from '../../../core/sets/connection-set.js';
import type { Snapshot, ViewConnection, ViewEndpoint, ViewLink } from '../protocol.js';

export interface GraphFilters {
  namespace?: string;
  protocol?: Protocol;
  port?: number;
  focus?: string;
  /** Drop "All Connections" pairs that no policy restricts (source egress and destination ingress open). */
  hideOpen?: boolean;
}

export const EXTERNAL_GROUP = '(external)';

export interface GNode {
  readonly id: string;
  readonly label: string;
  readonly parent?: string;
  /** ep = an endpoint; ns = an expanded namespace (compound); folded = a folded namespace. */
  readonly role: 'ep' | 'ns' | 'folded';
  readonly endpoint?: string;
  readonly namespace?: string;
  readonly external: boolean;
  readonly isoIn: boolean;
  readonly isoOut: boolean;
}

export interface GEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly label: string;
  /** The connections this edge stands for (one unless an end is folded; none listed for large clusters). */
  readonly conns: readonly ViewConnection[];
  /** Allowed endpoint pairs behind the edge. */
  readonly pairs: number;
  /** Union of the allowed sets behind the edge (what any of its pairs may open). */
  readonly allowed: readonly ProtocolPorts[];
}

export interface GraphModel {
  readonly nodes: GNode[];
  readonly edges: GEdge[];
}

export const groupOf = (e: ViewEndpoint): string => (e.type === 'external' ? EXTERNAL_GROUP : e.namespace);

/** The connections kept by the filters, as `analyze --namespace/--protocol/--port/--focus` would. */
export function filterConnections(s: Snapshot, f: GraphFilters): ViewConnection[] {
  const byId = new Map(s.endpoints.map((e) => [e.id, e]));
  const protos: Protocol[] = f.protocol ? [f.protocol] : ['TCP', 'UDP', 'SCTP'];
  return s.connections.filter((c) => {
    if (f.hideOpen && isOpen(c, byId)) return false;
    if (f.focus !== undefined && c.from !== f.focus && c.to !== f.focus) return false;
    if (f.namespace !== undefined) {
      const a = byId.get(c.from);
      const b = byId.get(c.to);
      if (a?.namespace !== f.namespace && b?.namespace !== f.namespace) return false;
    }
    if (f.protocol === undefined && f.port === undefined) return true;
    const set = ConnectionSet.fromJSON(c.allowed);
    return protos.some((p) => (f.port === undefined ? !set.ports(p).isEmpty() : set.has(p, f.port)));
  });
}

/**
 * A pair no policy restricts: everything allowed, the source not isolated for egress and the
 * destination not isolated for ingress (upstream: a pod selected by no policy of a direction is
 * non-isolated there, and external blocks are never isolated).
 */
export function isOpen(c: ViewConnection, byId: ReadonlyMap<string, ViewEndpoint>): boolean {
  if (!c.all) return false;
  const a = byId.get(c.from);
  const b = byId.get(c.to);
  return (a?.egressPolicies.length ?? 0) === 0 && (b?.ingressPolicies.length ?? 0) === 0;
}

export function buildGraph(s: Snapshot, f: GraphFilters, expanded: ReadonlySet<string>): GraphModel {
  const conns = filterConnections(s, f);
  // hideOpen keeps every node: an isolated pod left without edges is the point of the picture.
  const filtering = f.focus !== undefined || f.namespace !== undefined || f.protocol !== undefined || f.port !== undefined;
  const visible = new Set<string>();
  if (filtering) {
    for (const c of conns) visible.add(c.from).add(c.to);
    if (f.focus !== undefined) visible.add(f.focus);
    if (f.namespace !== undefined) for (const e of s.endpoints) if (e.namespace === f.namespace) visible.add(e.id);
  } else for (const e of s.endpoints) visible.add(e.id);

  const eps = s.endpoints.filter((e) => visible.has(e.id));
  const count = new Map<string, number>();
  for (const e of eps) count.set(groupOf(e), (count.get(groupOf(e)) ?? 0) + 1);
  const display = (e: ViewEndpoint): string => (expanded.has(groupOf(e)) ? `ep:${e.id}` : `ns:${groupOf(e)}`);

  const nodes: GNode[] = [];
  for (const [g, n] of [...count].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const open = expanded.has(g);
    nodes.push({
      id: `ns:${g}`,
      label: open ? g : `${g} (${n})`,
      role: open ? 'ns' : 'folded',
      namespace: g,
      external: g === EXTERNAL_GROUP,
      isoIn: false,
      isoOut: false,
    });
  }
  for (const e of eps) {
    if (!expanded.has(groupOf(e))) continue;
    nodes.push(endpointNode(e));
  }

  const byId = new Map(eps.map((e) => [e.id, e]));
  const agg = new Map<string, { source: string; target: string; conns: ViewConnection[] }>();
  for (const c of conns) {
    const a = byId.get(c.from);
    const b = byId.get(c.to);
    if (!a || !b) continue;
    const source = display(a);
    const target = display(b);
    if (source === target && source.startsWith('ns:')) continue; // traffic inside a folded group
    const key = `${source}->${target}`;
    const g = agg.get(key);
    if (g) g.conns.push(c);
    else agg.set(key, { source, target, conns: [c] });
  }
  const ext = `ns:${EXTERNAL_GROUP}`;
  const edges: GEdge[] = [...agg].map(([key, g]) => {
    const union = g.conns.reduce((u, c) => u.union(ConnectionSet.fromJSON(c.allowed)), ConnectionSet.NONE);
    // Collapsed external blocks: the edge says what any block gets (the union), like one
    // "outside the cluster" entity; other folded groups just count their connections.
    const summary = g.source === ext || g.target === ext;
    const label =
      g.conns.length === 1
        ? shortLabel(g.conns[0]!)
        : summary
          ? `${union.isAll() ? 'all' : union.toString()} (${g.conns.length} ${g.source.startsWith('ep:') || g.target.startsWith('ep:') ? 'blocks' : 'pairs'})`
          : `${g.conns.length} connections`;
    return { id: `e:${key}`, source: g.source, target: g.target, label, conns: g.conns, pairs: g.conns.length, allowed: union.toJSON() };
  });
  return { nodes, edges };
}

/** Large clusters: the same picture from the worker's aggregated links (one per unit pair). */
export function buildGraphFromLinks(s: Snapshot, links: readonly ViewLink[], f: GraphFilters, expanded: ReadonlySet<string>): GraphModel {
  const byId = new Map(s.endpoints.map((e) => [e.id, e]));
  const groupOfUnit = (u: string): string => (u.startsWith('ns:') ? u.slice(3) : groupOf(byId.get(u.slice(3))!));
  const protos: Protocol[] = f.protocol ? [f.protocol] : ['TCP', 'UDP', 'SCTP'];
  const kept = links.filter((l) => {
    if (l.from === l.to && l.from.startsWith('ns:')) return false;
    // Between two endpoints the link is one pair; folded links mix pairs, so they stay.
    if (f.hideOpen && l.from.startsWith('ep:') && l.to.startsWith('ep:')) {
      const c: ViewConnection = { from: l.from.slice(3), to: l.to.slice(3), allowed: l.allowed, all: l.allPairs === l.pairs, label: l.label };
      if (isOpen(c, byId)) return false;
    }
    if (f.focus !== undefined && l.from !== `ep:${f.focus}` && l.to !== `ep:${f.focus}`) return false;
    if (f.namespace !== undefined && groupOfUnit(l.from) !== f.namespace && groupOfUnit(l.to) !== f.namespace) return false;
    if (f.protocol === undefined && f.port === undefined) return true;
    const set = ConnectionSet.fromJSON(l.allowed);
    return protos.some((p) => (f.port === undefined ? !set.ports(p).isEmpty() : set.has(p, f.port)));
  });
  const filtering = f.focus !== undefined || f.namespace !== undefined || f.protocol !== undefined || f.port !== undefined;
  const units = new Set<string>();
  for (const l of kept) units.add(l.from).add(l.to);
  if (f.focus !== undefined) units.add(`ep:${f.focus}`);
  const visible = (e: ViewEndpoint): boolean =>
    !filtering || units.has(`ep:${e.id}`) || (f.namespace !== undefined && e.namespace === f.namespace);
  const count = new Map<string, number>();
  for (const e of s.endpoints) count.set(groupOf(e), (count.get(groupOf(e)) ?? 0) + 1);
  const nodes: GNode[] = [];
  for (const [g, n] of [...count].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const open = expanded.has(g);
    if (filtering && !open && !units.has(`ns:${g}`) && f.namespace !== g) continue;
    nodes.push({ id: `ns:${g}`, label: open ? g : `${g} (${n})`, role: open ? 'ns' : 'folded', namespace: g, external: g === EXTERNAL_GROUP, isoIn: false, isoOut: false });
  }
  for (const e of s.endpoints) {
    if (!expanded.has(groupOf(e)) || !visible(e)) continue;
    nodes.push(endpointNode(e));
  }
  const present = new Set(nodes.map((n) => n.id));
  const edges: GEdge[] = kept
    .filter((l) => present.has(l.from) && present.has(l.to))
    .map((l) => {
      const single = l.from.startsWith('ep:') && l.to.startsWith('ep:');
      const conn: ViewConnection = { from: l.from.slice(3), to: l.to.slice(3), allowed: l.allowed, all: l.allPairs === l.pairs, label: l.label };
      return {
        id: `e:${l.from}->${l.to}`,
        source: l.from,
        target: l.to,
        label: single ? shortLabel(conn) : `${l.pairs} pairs`,
        conns: single ? [conn] : [],
        pairs: l.pairs,
        allowed: l.allowed,
      };
    });
  return { nodes, edges };
}

/** Edge labels: "all" rather than "All Connections" to keep the picture readable. */
export function shortLabel(c: ViewConnection): string {
  return c.all ? 'all' : c.label;
}

/**
 * Groups expanded by default: every namespace for small clusters, none above the fold limit. The
 * external blocks start collapsed into one "(external)" node (as Cilium's editor draws one
 * "outside the cluster" entity): the address atoms matter only once someone asks.
 */
export function defaultExpanded(s: Snapshot, limit: number): Set<string> {
  const groups = new Set(s.endpoints.map(groupOf));
  groups.delete(EXTERNAL_GROUP);
  return s.endpoints.length <= limit ? groups : new Set();
}

/** One or two CIDRs as written; a long list of CIDRs as the address range it covers. */
function externalLabel(e: ViewEndpoint): string {
  if (e.cidrs.length <= 2) return e.cidrs.join('\n');
  const dash = e.id.indexOf('-'); // addresses never contain '-'
  return dash > 0 ? `${e.id.slice(0, dash)} –\n${e.id.slice(dash + 1)}` : e.id;
}

/** The graph node of one endpoint, inside its namespace (or the external group). */
function endpointNode(e: ViewEndpoint): GNode {
  return {
    id: `ep:${e.id}`,
    label: e.type === 'external' ? externalLabel(e) : e.kind === 'Pod' ? e.name : `${e.name} [${e.kind}]`,
    parent: `ns:${groupOf(e)}`,
    role: 'ep',
    endpoint: e.id,
    namespace: groupOf(e),
    external: e.type === 'external',
    isoIn: e.ingressPolicies.length > 0,
    isoOut: e.egressPolicies.length > 0,
  };
}

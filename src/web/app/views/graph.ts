// The Graph view: namespaces as groups, endpoints as nodes, allowed connections as edges labelled
// with their ports. Large clusters start folded (one node per namespace) and expand on demand.
import cytoscape from 'cytoscape';
import { elkPositions } from '../elk-layout.js';
import type { Protocol } from '../../../core/model/types.js';
import type { App, View } from '../app.js';
import { button, h, select } from '../dom.js';
import { buildGraph, buildGraphFromLinks, defaultExpanded, EXTERNAL_GROUP, type GEdge, type GraphFilters, type GraphModel } from './graph-model.js';
import type { Snapshot, ViewLink } from '../protocol.js';
import { graphStyle } from './graph-style.js';

/** Most edges drawn at once on large clusters. */
const MAX_EDGES = 800;
/** Above this many endpoints the graph starts folded into namespaces. */
export const FOLD_LIMIT = 400;
/**
 * ELK gives the clearest picture but costs seconds beyond a few dozen nodes and edges (measured in
 * bench/web-bench.ts); larger pictures get a grid per namespace, a folded one a circle.
 */
const ELK_NODES = 60;
const ELK_EDGES = 120;

// Cytoscape injects a <style> tag unless one with this id exists; the CSP forbids inline styles,
// so the rule lives in styles.css and a placeholder element stands in for the tag.
function neutraliseCytoscapeStylesheet(): void {
  const id = '__________cytoscape_stylesheet';
  if (!document.getElementById(id)) document.head.append(h('meta', { id, name: 'cytoscape-stylesheet' }));
}

/**
 * The first Cytoscape graph of a page costs ~0.5 s more than later ones (style parsing, label
 * measurement, edge geometry all run cold; measured in bench/web-bench.ts). While the worker
 * analyses the first load the main thread is idle, so an off-screen throwaway graph with the same
 * style pays that cost there.
 */
function warmUpCytoscape(): void {
  const box = h('div', { class: 'cy-warmup', 'aria-hidden': 'true' });
  document.body.append(box);
  const ids = ['a', 'b', 'c', 'd'];
  const elements: cytoscape.ElementDefinition[] = [
    ...ids.map((id, i) => ({ group: 'nodes' as const, data: { id, label: `warm-up ${id} (${i})` }, classes: i ? 'folded' : 'ep external in-true out-false' })),
    ...ids.flatMap((s, i) => ids.filter((_, j) => j !== i).map((t) => ({ group: 'edges' as const, data: { id: `${s}-${t}`, source: s, target: t, label: `${i} pairs` }, classes: 'agg' }))),
  ];
  try {
    const cy = cytoscape({
      container: box,
      elements,
      style: graphStyle as cytoscape.StylesheetJson,
      layout: { name: 'circle', fit: true, padding: 30, avoidOverlap: true },
    });
    cy.one('render', () => setTimeout(() => {
      cy.destroy();
      box.remove();
    }, 0));
  } catch {
    box.remove(); // only a warm-up: the real graph reports its own errors
  }
}

export class GraphView implements View {
  readonly name = 'graph' as const;
  readonly title = 'Graph';
  private cy: cytoscape.Core | undefined;
  private filters: GraphFilters = {};
  private expanded: Set<string> | undefined;
  private model: GraphModel = { nodes: [], edges: [] };
  private root: HTMLElement | undefined;
  private renderToken = 0;
  private linkCache: { key: string; snap: Snapshot; links: readonly ViewLink[]; externalSkipped: boolean } | undefined;
  /** Why some edges are not drawn (large clusters), for the toolbar. */
  private note = '';

  constructor(private readonly app: App) {
    neutraliseCytoscapeStylesheet();
    // Read-only hooks for the browser tests and the benchmark.
    (window as unknown as { __netpolGraph: unknown }).__netpolGraph = {
      edges: () => this.renderedEdges(),
      nodes: () => this.cy?.nodes().map((n) => ({ id: n.id(), label: String(n.data('label')), ...this.pagePos(n.renderedPosition()) })) ?? [],
      expand: (g: string) => this.toggle(g, true),
    };
    app.whileAnalysing(() => {
      app.mark('warmUpStart');
      warmUpCytoscape();
      app.mark('warmUpEnd');
    });
    app.onSnapshot(() => {
      const s = app.snapshot;
      if (s && !this.expanded) this.expanded = defaultExpanded(s, FOLD_LIMIT);
    });
  }

  focus(id: string): void {
    this.filters = { ...this.filters, focus: id };
    const ep = this.app.snapshot?.endpoints.find((e) => e.id === id);
    if (ep && this.expanded) this.expanded.add(ep.type === 'external' ? EXTERNAL_GROUP : ep.namespace);
    this.app.setTab('graph');
  }

  show(el: HTMLElement): void {
    this.root = el;
    this.render();
  }

  update(): void {
    this.render();
  }

  hide(): void {
    this.cy?.destroy();
    this.cy = undefined;
  }

  private toolbar(): HTMLElement {
    const s = this.app.snapshot;
    const nsOpts = [{ value: '', text: 'all namespaces' }, ...(s?.namespaces ?? []).map((n) => ({ value: n.name, text: n.name }))];
    const ns = select(nsOpts, this.filters.namespace ?? '', { 'aria-label': 'namespace filter', id: 'f-namespace' });
    const proto = select(
      ['', 'TCP', 'UDP', 'SCTP'].map((p) => ({ value: p, text: p || 'any protocol' })),
      this.filters.protocol ?? '',
      { 'aria-label': 'protocol filter', id: 'f-protocol' },
    );
    const port = h('input', { type: 'number', min: '1', max: '65535', placeholder: 'port', 'aria-label': 'port filter', id: 'f-port' });
    if (this.filters.port !== undefined) port.value = String(this.filters.port);
    const apply = (): void => {
      const f: GraphFilters = {};
      if (ns.value) f.namespace = ns.value;
      if (proto.value) f.protocol = proto.value as Protocol;
      const p = Number(port.value);
      if (port.value && Number.isInteger(p) && p >= 1 && p <= 65535) f.port = p;
      if (this.filters.focus !== undefined) f.focus = this.filters.focus;
      if (this.filters.hideOpen) f.hideOpen = true;
      this.filters = f;
      this.render();
    };
    ns.addEventListener('change', apply);
    proto.addEventListener('change', apply);
    port.addEventListener('change', apply);
    const groups = [...new Set((s?.endpoints ?? []).map((e) => (e.type === 'external' ? EXTERNAL_GROUP : e.namespace)))];
    const hasExternal = groups.includes(EXTERNAL_GROUP);
    const extOpen = this.expanded?.has(EXTERNAL_GROUP) ?? false;
    // One "(external)" node by default; expanded = one node per address block of the analysis.
    const external = hasExternal
      ? button(extOpen ? 'external: blocks' : 'external: one node', () => this.toggle(EXTERNAL_GROUP, !extOpen), {
          id: 't-external',
          'aria-pressed': String(extOpen),
          title: extOpen ? 'collapse the external address blocks into one node' : 'show every external address block',
        })
      : null;
    const hideOpen = h('input', { type: 'checkbox', id: 't-hide-open' });
    hideOpen.checked = this.filters.hideOpen === true;
    hideOpen.addEventListener('change', () => {
      if (hideOpen.checked) this.filters = { ...this.filters, hideOpen: true };
      else delete this.filters.hideOpen;
      this.render();
    });
    return h(
      'div',
      { class: 'toolbar' },
      ns,
      proto,
      port,
      external,
      h('label', { class: 'toggle', title: 'hide "all" edges between pods that no policy isolates in that direction' }, hideOpen, " hide open pods' traffic"),
      this.filters.focus !== undefined
        ? h('span', { class: 'focus' }, 'focus: ', h('code', {}, this.filters.focus), ' ',
            button('clear focus', () => { delete this.filters.focus; this.render(); }))
        : null,
      s?.large ? null : button('expand all', () => { this.expanded = new Set(groups); this.render(); }),
      button('fold all', () => { this.expanded = new Set(); this.render(); }),
      button('fit', () => this.cy?.fit(undefined, 30)),
      this.note ? h('span', { class: 'note', id: 'graph-note' }, this.note) : null,
      h('span', { class: 'legend' },
        h('span', { class: 'sh in' }, 'ingress isolated'), h('span', { class: 'sh out' }, 'egress isolated'),
        h('span', { class: 'sh none' }, 'hollow = open')),
    );
  }

  /** Small clusters: from the listed connections; large ones: from the worker's links. */
  private async buildModel(s: Snapshot, expanded: Set<string>): Promise<GraphModel> {
    this.note = '';
    if (!s.large) return buildGraph(s, this.filters, expanded);
    const key = [...expanded].sort().join('\n');
    if (!this.linkCache || this.linkCache.key !== key || this.linkCache.snap !== s) {
      const r = await this.app.worker.call<'links'>({ type: 'links', expanded: [...expanded] });
      this.linkCache = { key, snap: s, links: r.links, externalSkipped: r.externalSkipped };
    }
    const model = buildGraphFromLinks(s, this.linkCache.links, this.filters, expanded);
    const notes: string[] = [];
    if (this.linkCache.externalSkipped) notes.push('external blocks not analysed yet: expand (external) to compute them');
    // Thousands of namespace-to-namespace edges help no one: keep those of expanded namespaces.
    if (model.edges.length > MAX_EDGES) {
      const open = model.edges.filter((e) => e.source.startsWith('ep:') || e.target.startsWith('ep:'));
      const kept = (open.length ? open : model.edges).sort((a, b) => b.pairs - a.pairs).slice(0, MAX_EDGES);
      notes.push(`${model.edges.length - kept.length} of ${model.edges.length} links hidden: expand a namespace (click it) or use the matrix`);
      model.edges.splice(0, model.edges.length, ...kept);
    }
    this.note = notes.join('; ');
    return model;
  }

  private render(): void {
    void this.renderAsync();
  }

  private async renderAsync(): Promise<void> {
    const el = this.root;
    const s = this.app.snapshot;
    if (!el || this.app.currentTab !== 'graph' || !s) return;
    const token = ++this.renderToken;
    this.expanded ??= defaultExpanded(s, FOLD_LIMIT);
    this.app.mark('graphModelStart');
    const model = await this.buildModel(s, this.expanded);
    this.app.mark('graphModelBuilt');
    if (token !== this.renderToken || this.app.currentTab !== 'graph') return;
    const elements: cytoscape.ElementDefinition[] = [
      ...model.nodes.map((n) => ({
        group: 'nodes' as const,
        data: { id: n.id, label: n.label, ...(n.parent ? { parent: n.parent } : {}) },
        classes: [n.role, n.external ? 'external' : '', n.role === 'ep' ? `in-${n.isoIn} out-${n.isoOut}` : ''].join(' '),
      })),
      ...model.edges.map((e) => ({
        group: 'edges' as const,
        data: { id: e.id, source: e.source, target: e.target, label: e.label },
        classes: e.conns.length > 1 || e.source.startsWith('ns:') || e.target.startsWith('ns:') ? 'agg' : '',
      })),
    ];
    const useElk = model.nodes.length <= ELK_NODES && model.edges.length <= ELK_EDGES;
    const allFolded = model.nodes.every((n) => n.role === 'folded');
    let placed = false;
    if (useElk) {
      try {
        const ratio = el.clientWidth > 0 && el.clientHeight > 0 ? el.clientWidth / el.clientHeight : 1.6;
        const pos = await elkPositions(model, (id) => (id.startsWith('ns:') ? { width: 190, height: 48 } : { width: 160, height: 34 }), ratio);
        for (const e of elements) {
          const p = e.group === 'nodes' ? pos.get(String(e.data.id)) : undefined;
          if (p) e.position = p;
        }
        placed = true;
      } catch {
        placed = false; // fall back to the grid below
      }
      if (token !== this.renderToken || this.app.currentTab !== 'graph') return;
    }
    if (!placed && !allFolded) placeGrid(model, elements);
    this.cy?.destroy();
    el.replaceChildren();
    const canvas = h('div', { id: 'cy', 'data-layout': 'running' });
    el.append(this.toolbar(), canvas);
    this.model = model;
    this.app.mark('graphLaidOut');
    const cy = cytoscape({
      container: canvas,
      elements,
      style: graphStyle as cytoscape.StylesheetJson,
      minZoom: 0.05,
      maxZoom: 3,
      layout: placed || !allFolded
        ? { name: 'preset', fit: true, padding: 30 }
        : { name: 'circle', fit: true, padding: 30, avoidOverlap: true },
    });
    this.cy = cy;
    this.app.mark('graphCreated');
    const render = String(token);
    const done = (): void => {
      this.app.mark('graphDrawn');
      canvas.dataset['render'] = render;
      canvas.dataset['layout'] = 'done';
      canvas.dataset['nodes'] = String(cy.nodes().length);
      canvas.dataset['edges'] = String(cy.edges().length);
    };
    cy.one('render', () => this.app.mark('graphFirstFrame'));
    cy.ready(done);
    cy.on('tap', 'node', (ev) => this.tapNode(ev.target as cytoscape.NodeSingular));
    cy.on('tap', 'edge', (ev) => this.tapEdge(ev.target as cytoscape.EdgeSingular));
  }

  private tapNode(n: cytoscape.NodeSingular): void {
    const node = this.model.nodes.find((x) => x.id === n.id());
    if (!node) return;
    if (node.role === 'folded' && node.namespace) return this.toggle(node.namespace, true);
    if (node.role === 'ns' && node.namespace) {
      const ns = this.app.snapshot?.namespaces.find((x) => x.name === node.namespace);
      this.app.setPanel(
        h('h2', {}, node.namespace === EXTERNAL_GROUP ? 'External blocks' : 'Namespace'),
        h('p', {}, h('code', {}, node.namespace)),
        ns ? h('pre', {}, Object.entries(ns.labels).map(([k, v]) => `${k}=${v}`).join('\n')) : null,
        button('fold this namespace', () => this.toggle(node.namespace!, false)),
      );
      return;
    }
    if (node.endpoint) {
      void this.app.showEndpoint(node.endpoint).then(() => {
        this.app.panel.append(button('focus on this node', () => this.focus(node.endpoint!), { class: 'focus-btn' }));
      });
    }
  }

  private tapEdge(e: cytoscape.EdgeSingular): void {
    const edge = this.model.edges.find((x) => x.id === e.id());
    if (!edge) return;
    const c = edge.conns[0];
    if (edge.conns.length === 1 && c && edge.source.startsWith('ep:') && edge.target.startsWith('ep:')) {
      void this.app.showExplain(c.from, c.to);
      return;
    }
    const groupOfNode = (id: string) => this.model.nodes.find((n) => n.id === id)?.namespace;
    const from = groupOfNode(edge.source);
    const to = groupOfNode(edge.target);
    this.app.setPanel(
      h('h2', {}, 'Connections'),
      h('p', { class: 'muted' }, `${edge.pairs} allowed pairs from ${edge.source.slice(3)} to ${edge.target.slice(3)}`),
      edge.conns.length === 0 && from && to
        ? h('p', {}, button('expand both ends', () => {
            this.expanded?.add(from).add(to);
            this.render();
          }))
        : null,
      h('ul', { class: 'conns' }, ...edge.conns.slice(0, 500).map((x) =>
        h('li', {}, button(`${x.from} → ${x.to}`, () => void this.app.showExplain(x.from, x.to), { class: 'link' }), ' ',
          h('span', { class: 'muted' }, x.label)))),
    );
  }

  private toggle(group: string, open: boolean): void {
    this.expanded ??= new Set();
    if (open) this.expanded.add(group);
    else this.expanded.delete(group);
    this.render();
  }

  private pagePos(p: { x: number; y: number }): { x: number; y: number } {
    const r = this.cy?.container()?.getBoundingClientRect();
    return { x: (r?.left ?? 0) + p.x, y: (r?.top ?? 0) + p.y };
  }

  private renderedEdges(): { id: string; from: string; to: string; label: string; x: number; y: number; conns: GEdge['conns']; allowed: GEdge['allowed'] }[] {
    if (!this.cy) return [];
    return this.model.edges.map((e) => {
      const mid = this.cy!.getElementById(e.id).renderedMidpoint();
      return { id: e.id, from: e.source, to: e.target, label: e.label, conns: e.conns, allowed: e.allowed, ...this.pagePos(mid) };
    });
  }
}

/** A fast deterministic layout: namespaces as blocks in rows, endpoints in a grid inside each. */
function placeGrid(model: GraphModel, elements: cytoscape.ElementDefinition[]): void {
  const pos = new Map<string, { x: number; y: number }>();
  const kids = new Map<string, string[]>();
  for (const n of model.nodes) if (n.parent) kids.set(n.parent, [...(kids.get(n.parent) ?? []), n.id]);
  const W = 190;
  const H = 60;
  let x = 0;
  let y = 0;
  let rowH = 0;
  const maxW = 2400;
  for (const n of model.nodes.filter((m) => !m.parent)) {
    const members = kids.get(n.id) ?? [];
    const cols = Math.max(1, Math.ceil(Math.sqrt(members.length)));
    const bw = members.length ? cols * W : W;
    const bh = members.length ? Math.ceil(members.length / cols) * H + 40 : H;
    if (x > 0 && x + bw > maxW) { x = 0; y += rowH + 60; rowH = 0; }
    if (members.length === 0) pos.set(n.id, { x: x + W / 2, y: y + H / 2 });
    members.forEach((m, i) => pos.set(m, { x: x + (i % cols) * W + W / 2, y: y + 40 + Math.floor(i / cols) * H }));
    x += bw + 60;
    rowH = Math.max(rowH, bh);
  }
  for (const e of elements) {
    const p = e.group === 'nodes' ? pos.get(String(e.data.id)) : undefined;
    if (p) e.position = p;
  }
}

// The Matrix view: sources (rows) × destinations (columns), by namespace, expandable to endpoints.
// A cell is "all" when every pair in it may open every port, "none" when no pair may open
// anything, and "some" otherwise. Counting is per connection, so 10,000 pods stay cheap.
import type { App, View } from '../app.js';
import { button, h } from '../dom.js';
import type { Snapshot, ViewEndpoint } from '../protocol.js';
import { groupOf } from './graph-model.js';

type Level = 'all' | 'some' | 'none' | 'na' | 'unknown';

interface Unit {
  readonly key: string;
  readonly label: string;
  readonly group: string;
  readonly members: readonly ViewEndpoint[];
  readonly endpoint?: string;
  readonly external: boolean;
}

export class MatrixView implements View {
  readonly name = 'matrix' as const;
  readonly title = 'Matrix';
  private root: HTMLElement | undefined;
  private readonly expanded = new Set<string>();

  constructor(private readonly app: App) {}

  show(el: HTMLElement): void {
    this.root = el;
    this.render();
  }

  update(): void {
    this.render();
  }

  private units(s: Snapshot): { units: Unit[]; groups: string[] } {
    const byGroup = new Map<string, ViewEndpoint[]>();
    for (const e of s.endpoints) byGroup.set(groupOf(e), [...(byGroup.get(groupOf(e)) ?? []), e]);
    const groups = [...byGroup.keys()].sort((a, b) => (a.startsWith('(') ? 1 : b.startsWith('(') ? -1 : a < b ? -1 : 1));
    const units: Unit[] = [];
    for (const g of groups) {
      const members = byGroup.get(g) ?? [];
      const external = g.startsWith('(');
      if (this.expanded.has(g)) {
        for (const e of members) units.push({ key: `ep:${e.id}`, label: e.id, group: g, members: [e], endpoint: e.id, external });
      } else units.push({ key: `ns:${g}`, label: `${g} (${members.length})`, group: g, members, external });
    }
    return { units, groups };
  }

  private render(): void {
    void this.renderAsync();
  }

  private token = 0;

  private async renderAsync(): Promise<void> {
    const el = this.root;
    const s = this.app.snapshot;
    if (!el || !s || this.app.currentTab !== 'matrix') return;
    const token = ++this.token;
    const { units, groups } = this.units(s);
    // Per (row unit, column unit): how many pairs allow something, and how many allow everything.
    const any = new Map<string, number>();
    const all = new Map<string, number>();
    let externalSkipped = false;
    if (s.large) {
      const r = await this.app.worker.call<'links'>({ type: 'links', expanded: [...this.expanded] });
      if (token !== this.token || this.app.currentTab !== 'matrix') return;
      externalSkipped = r.externalSkipped;
      for (const l of r.links) {
        any.set(`${l.from}|${l.to}`, l.pairs);
        all.set(`${l.from}|${l.to}`, l.allPairs);
      }
    } else {
      const unitOf = new Map<string, Unit>();
      for (const u of units) for (const m of u.members) unitOf.set(m.id, u);
      for (const c of s.connections) {
        const k = `${unitOf.get(c.from)?.key}|${unitOf.get(c.to)?.key}`;
        any.set(k, (any.get(k) ?? 0) + 1);
        if (c.all) all.set(k, (all.get(k) ?? 0) + 1);
      }
    }
    const level = (r: Unit, c: Unit): Level => {
      if (r.external && c.external) return 'na';
      if (externalSkipped && (r.external || c.external)) return 'unknown';
      const total = r.members.length * c.members.length - (r.key === c.key ? r.members.length : 0);
      if (total === 0) return 'na';
      const k = `${r.key}|${c.key}`;
      const n = any.get(k) ?? 0;
      if (n === 0) return 'none';
      return (all.get(k) ?? 0) === total ? 'all' : 'some';
    };
    const head = (u: Unit, col: boolean): HTMLElement => {
      const open = this.expanded.has(u.group);
      const b = button(u.label, () => {
        if (open) this.expanded.delete(u.group);
        else this.expanded.add(u.group);
        this.render();
      }, { class: 'link', title: open ? `fold ${u.group}` : `expand ${u.group}` });
      return h(col ? 'th' : 'th', { scope: col ? 'col' : 'row', class: col ? 'colhead' : 'rowhead', 'data-unit': u.key }, h('span', {}, b));
    };
    const table = h('table', { class: 'matrix', 'aria-label': 'connectivity matrix' });
    table.append(h('thead', {}, h('tr', {}, h('th', { class: 'corner' }, 'from ↓ / to →'), ...units.map((u) => head(u, true)))));
    const body = h('tbody');
    for (const r of units) {
      const tr = h('tr', {}, head(r, false));
      for (const c of units) {
        const lv = level(r, c);
        const td = h('td', { class: `cell ${lv}`, 'data-from': r.key, 'data-to': c.key, title: `${r.label} → ${c.label}: ${lv}` },
          lv === 'all' ? '●' : lv === 'some' ? '◐' : lv === 'none' ? '·' : lv === 'unknown' ? '?' : '');
        if (lv !== 'na' && lv !== 'unknown') td.addEventListener('click', () => this.cellClick(r, c));
        tr.append(td);
      }
      body.append(tr);
    }
    table.append(body);
    el.replaceChildren(
      h('div', { class: 'toolbar' },
        s.large ? h('span', { class: 'muted' }, `${s.endpoints.length} endpoints: click a namespace to expand it`)
          : button('expand all', () => { groups.forEach((g) => this.expanded.add(g)); this.render(); }),
        button('fold all', () => { this.expanded.clear(); this.render(); }),
        h('span', { class: 'legend' }, h('span', { class: 'cell all' }, '● all'), h('span', { class: 'cell some' }, '◐ some ports or pairs'),
          h('span', { class: 'cell none' }, '· none'))),
      ...(externalSkipped ? [h('p', { class: 'note' }, '? = external blocks not analysed yet: expand (external) to compute them')] : []),
      h('div', { class: 'matrix-wrap' }, table),
    );
  }

  private cellClick(r: Unit, c: Unit): void {
    if (r.endpoint && c.endpoint) {
      void this.app.showExplain(r.endpoint, c.endpoint);
      return;
    }
    const from = new Set(r.members.map((m) => m.id));
    const to = new Set(c.members.map((m) => m.id));
    const conns = (this.app.snapshot?.connections ?? []).filter((x) => from.has(x.from) && to.has(x.to));
    if (this.app.snapshot?.large) {
      this.app.setPanel(h('h2', {}, 'Connections'), h('p', {}, h('code', {}, r.label), ' → ', h('code', {}, c.label)),
        h('p', { class: 'muted' }, 'Too many pairs to list: expand the namespaces, then click a pod cell to explain it.'));
      return;
    }
    this.app.setPanel(
      h('h2', {}, 'Connections'),
      h('p', {}, h('code', {}, r.group), ' → ', h('code', {}, c.group), `: ${conns.length} allowed pairs`),
      h('ul', { class: 'conns' }, ...conns.slice(0, 500).map((x) =>
        h('li', {}, button(`${x.from} → ${x.to}`, () => void this.app.showExplain(x.from, x.to), { class: 'link' }), ' ',
          h('span', { class: 'muted' }, x.label)))),
      conns.length > 500 ? h('p', { class: 'muted' }, `… and ${conns.length - 500} more`) : null,
    );
  }
}

// Application state and navigation: the current snapshot from the worker, the selected tab, the
// side panel. Views subscribe to snapshots and call back into the app for explain/details/editing.
import type { Protocol } from '../../core/model/types.js';
import { WorkerClient, fetchInputs, watchServer, type Inputs } from './client.js';
import { button, clear, h } from './dom.js';
import type { Diff, InputFile, Snapshot } from './protocol.js';
import { renderExplanation } from './views/explain-panel.js';
import { renderDetails } from './views/pod-panel.js';

export type TabName = 'graph' | 'matrix' | 'explain' | 'audit' | 'editor';

export interface View {
  readonly name: TabName;
  readonly title: string;
  /** Called when the tab is shown (el is empty and visible). */
  show(el: HTMLElement): void;
  /** Called with each new snapshot while shown. */
  update?(): void;
  hide?(): void;
}

export class App {
  readonly worker = new WorkerClient();
  snapshot: Snapshot | undefined;
  diff: Diff = { added: [], removed: [] };
  edited: readonly string[] = [];
  inputs: Inputs = { version: '', files: [] };
  private readonly views = new Map<TabName, View>();
  private tab: TabName = 'graph';
  private readonly listeners: (() => void)[] = [];
  /** Run once while the worker analyses the first load (the main thread is idle then). */
  private readonly idleTasks: (() => void)[] = [];

  constructor(
    private readonly viewEl: HTMLElement,
    readonly panel: HTMLElement,
    private readonly tabsEl: HTMLElement,
    private readonly statusEl: HTMLElement,
  ) {
    (window as unknown as { __netpolTimings: Record<string, number> }).__netpolTimings = this.timings;
  }

  register(v: View): void {
    this.views.set(v.name, v);
  }

  onSnapshot(cb: () => void): void {
    this.listeners.push(cb);
  }

  /** `cb` runs once, right after the first load went to the worker. */
  whileAnalysing(cb: () => void): void {
    this.idleTasks.push(cb);
  }

  get currentTab(): TabName {
    return this.tab;
  }

  async start(): Promise<void> {
    this.statusEl.addEventListener('click', () => this.statusClick());
    this.renderTabs();
    this.status('loading…');
    await this.reload();
    watchServer(() => {
      this.status('input files changed: reloading…');
      void this.reload();
    });
    this.setTab(this.tabFromHash() ?? 'graph');
    window.addEventListener('hashchange', () => {
      const t = this.tabFromHash();
      if (t && t !== this.tab) this.setTab(t);
    });
  }

  private tabFromHash(): TabName | undefined {
    const t = location.hash.replace(/^#/, '');
    return this.views.has(t as TabName) ? (t as TabName) : undefined;
  }

  /** Milliseconds since navigation start, for the benchmark (bench/web-bench.ts). */
  readonly timings: Record<string, number> = {};

  mark(name: string): void {
    this.timings[name] = Math.round(performance.now());
  }

  async reload(): Promise<void> {
    try {
      this.mark('reloadStart');
      this.inputs = await fetchInputs();
      this.mark('inputsFetched');
      const pending = this.worker.call<'snapshot'>({ type: 'load', files: this.inputs.files });
      for (const task of this.idleTasks.splice(0)) task();
      const r = await pending;
      this.mark('snapshotReceived');
      this.accept(r.snapshot, r.diff, r.edited);
    } catch (e) {
      this.status(`error: ${e instanceof Error ? e.message : String(e)}`, true);
    }
  }

  private editing = false;
  private readonly queued = new Map<string, string>();

  /** Applies an edit; while one is analysed, only the latest text of each file is kept. */
  async applyEdit(file: string, text: string): Promise<void> {
    if (this.editing) {
      this.queued.set(file, text);
      return;
    }
    this.editing = true;
    try {
      const r = await this.worker.call<'snapshot'>({ type: 'edit', file, text });
      this.accept(r.snapshot, r.diff, r.edited);
    } finally {
      this.editing = false;
    }
    const next = this.queued.entries().next();
    if (!next.done) {
      this.queued.delete(next.value[0]);
      await this.applyEdit(next.value[0], next.value[1]);
    }
  }

  async resetEdits(): Promise<void> {
    const r = await this.worker.call<'snapshot'>({ type: 'reset' });
    this.accept(r.snapshot, r.diff, r.edited);
  }

  private accept(s: Snapshot, d: Diff, edited: readonly string[]): void {
    this.snapshot = s;
    this.diff = d;
    this.edited = edited;
    const errors = s.problems.filter((p) => p.severity === 'error').length;
    const pods = s.endpoints.filter((e) => e.type === 'cluster').length;
    this.status(
      `${pods} ${s.level === 'pod' ? 'pods' : 'workloads'} · ${s.allowedPairs} ${s.large ? 'allowed pod pairs' : 'connections'} · ${s.policies.length} policies` +
        (errors ? ` · ${errors} input errors` : '') +
        (edited.length ? ' · what-if edits active' : '') +
        ` · analysed in ${Math.round(s.ms)} ms`,
      errors > 0,
    );
    document.body.dataset['ready'] = 'true';
    for (const l of this.listeners) l();
    this.views.get(this.tab)?.update?.();
  }

  status(text: string, bad = false): void {
    this.statusEl.textContent = text;
    this.statusEl.classList.toggle('bad', bad);
    this.statusEl.title = bad ? 'open the first file with errors in the editor' : '';
  }

  /** Clicking a status with input errors opens the first file with errors. */
  private statusClick(): void {
    const p = this.snapshot?.problems.find((x) => x.severity === 'error' && x.source);
    if (p?.source) this.openSource(p.source.file, p.source.line);
  }

  private renderTabs(): void {
    clear(this.tabsEl);
    for (const v of this.views.values()) {
      const b = button(v.title, () => this.setTab(v.name), { 'data-tab': v.name, role: 'tab' });
      this.tabsEl.append(b);
    }
  }

  setTab(name: TabName): void {
    this.views.get(this.tab)?.hide?.();
    this.tab = name;
    if (location.hash !== `#${name}`) history.replaceState(null, '', `#${name}`);
    for (const b of this.tabsEl.querySelectorAll('button')) b.setAttribute('aria-selected', String(b.dataset['tab'] === name));
    clear(this.viewEl);
    this.viewEl.dataset['view'] = name;
    this.views.get(name)?.show(this.viewEl);
  }

  setPanel(...nodes: (Node | null | undefined)[]): void {
    clear(this.panel);
    this.panel.append(...nodes.filter((n): n is Node => n != null));
  }

  async showExplain(src: string, dst: string, protocol?: Protocol, port?: number): Promise<void> {
    const conn = this.snapshot?.connections.find((c) => c.from === src && c.to === dst);
    const first = conn?.allowed[0];
    const proto: Protocol = protocol ?? first?.protocol ?? 'TCP';
    const p = port ?? (first && first.protocol === proto ? first.ports[0]?.[0] : undefined) ?? 80;
    try {
      const r = await this.worker.call<'explanation'>({ type: 'explain', src, dst, protocol: proto, port: p });
      this.setPanel(renderExplanation(this, r.explanation, conn));
    } catch (e) {
      this.setPanel(h('p', { class: 'bad' }, e instanceof Error ? e.message : String(e)));
    }
  }

  async showEndpoint(id: string): Promise<void> {
    try {
      const r = await this.worker.call<'details'>({ type: 'details', id });
      this.setPanel(renderDetails(this, r.details));
    } catch (e) {
      this.setPanel(h('p', { class: 'bad' }, e instanceof Error ? e.message : String(e)));
    }
  }

  /** The text the editor shows for a file: the what-if edit, or the served text. */
  fileText(file: string): string | undefined {
    return this.editorTexts.get(file) ?? this.inputs.files.find((f) => f.file === file)?.text;
  }

  readonly editorTexts = new Map<string, string>();
  editorTarget: { file: string; line: number } | undefined;

  openSource(file: string, line: number): void {
    this.editorTarget = { file, line };
    this.setTab('editor');
  }

  servedFiles(): readonly InputFile[] {
    return this.inputs.files;
  }
}

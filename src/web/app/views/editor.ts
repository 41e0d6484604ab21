// The Editor view: edit the input YAML and see the result at once ("what if"). Validation problems
// appear inline (gutter marks and a list with line and field path); the diff panel lists the
// connections the edits add and remove; "Download YAML" exports the edited policies.
import type { App, View } from '../app.js';
import { button, h } from '../dom.js';
import type { DiffEntry } from '../protocol.js';

const DEBOUNCE_MS = 250;

export class EditorView implements View {
  readonly name = 'editor' as const;
  readonly title = 'Editor';
  private file: string | undefined;
  private area: HTMLTextAreaElement | undefined;
  private gutter: HTMLElement | undefined;
  private problemsEl: HTMLElement | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly app: App) {}

  private files(): string[] {
    const s = this.app.snapshot;
    const all = this.app.servedFiles().map((f) => f.file);
    const withPolicies = new Set((s?.policies ?? []).map((p) => p.file));
    return [...all.filter((f) => withPolicies.has(f)), ...all.filter((f) => !withPolicies.has(f))];
  }

  show(el: HTMLElement): void {
    const target = this.app.editorTarget;
    this.app.editorTarget = undefined;
    if (target) this.file = target.file;
    this.file ??= this.files()[0];
    const list = h('nav', { class: 'files', 'aria-label': 'input files' },
      ...this.files().map((f) => {
        const errs = (this.app.snapshot?.problems ?? []).filter((p) => p.source?.file === f && p.severity === 'error').length;
        return button(errs ? `${f} (${errs} error${errs > 1 ? 's' : ''})` : f, () => { this.file = f; this.app.setTab('editor'); },
          { class: `link${f === this.file ? ' current' : ''}${errs ? ' bad' : ''}`, 'data-file': f });
      }));
    const area = h('textarea', { id: 'editor-text', spellcheck: 'false', wrap: 'off', 'aria-label': 'YAML editor' });
    area.value = (this.file && this.app.fileText(this.file)) ?? '';
    const gutter = h('div', { class: 'gutter', 'aria-hidden': 'true' });
    area.addEventListener('scroll', () => { gutter.scrollTop = area.scrollTop; });
    area.addEventListener('input', () => {
      const file = this.file;
      if (!file) return;
      this.app.editorTexts.set(file, area.value);
      this.renderGutter();
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.app.applyEdit(file, area.value), DEBOUNCE_MS);
    });
    this.area = area;
    this.gutter = gutter;
    this.problemsEl = h('ul', { class: 'problems', id: 'editor-problems' });
    el.append(
      h('div', { class: 'editor' },
        list,
        h('div', { class: 'editor-main' },
          h('div', { class: 'toolbar' },
            h('strong', {}, this.file ?? 'no input files'),
            button('Download YAML', () => void this.download(), { id: 'download-yaml' }),
            button('Reset edits', () => void this.reset(), { id: 'reset-edits' })),
          h('div', { class: 'code' }, gutter, area),
          this.problemsEl)),
    );
    this.update();
    if (target) this.goto(target.line);
  }

  update(): void {
    if (!this.area || this.app.currentTab !== 'editor') return;
    this.renderGutter();
    this.renderProblems();
    this.renderDiff();
  }

  hide(): void {
    this.area = undefined;
  }

  private problems() {
    return (this.app.snapshot?.problems ?? []).filter((p) => p.source?.file === this.file);
  }

  private renderGutter(): void {
    if (!this.area || !this.gutter) return;
    const lines = this.area.value.split('\n').length;
    const bad = new Map<number, string>();
    for (const p of this.problems()) if (p.source) bad.set(p.source.line, `${p.path ? `${p.path}: ` : ''}${p.message}`);
    const rows: HTMLElement[] = [];
    for (let i = 1; i <= lines; i++) {
      const msg = bad.get(i);
      rows.push(h('div', msg ? { class: 'err', title: msg } : {}, String(i)));
    }
    this.gutter.replaceChildren(...rows);
    this.gutter.scrollTop = this.area.scrollTop;
  }

  private renderProblems(): void {
    if (!this.problemsEl) return;
    const ps = this.problems();
    this.problemsEl.replaceChildren(
      ...ps.map((p) =>
        h('li', { class: `problem ${p.severity}`, 'data-line': String(p.source?.line ?? 0) },
          button(`line ${p.source?.line ?? '?'}`, () => this.goto(p.source?.line ?? 1), { class: 'link' }),
          ' ', h('code', {}, p.path || '(object)'), ': ', p.message)),
    );
    if (ps.length === 0) this.problemsEl.append(h('li', { class: 'ok' }, 'no problems in this file'));
  }

  private renderDiff(): void {
    const d = this.app.diff;
    const entries = (xs: readonly DiffEntry[], cls: string) =>
      xs.length
        ? h('ul', { class: `diff ${cls}` }, ...xs.map((x) =>
            h('li', { 'data-from': x.from, 'data-to': x.to }, `${cls === 'added' ? '+' : '−'} ${x.from} → ${x.to} `, h('span', { class: 'muted' }, x.label))))
        : h('p', { class: 'muted' }, 'none');
    this.app.setPanel(
      h('div', { class: 'diff-panel', id: 'diff-panel' },
        h('h2', {}, 'What-if diff'),
        h('p', { class: 'muted' }, this.app.edited.length ? `edited: ${this.app.edited.join(', ')}` : 'no edits: change the YAML to see what it would allow or block'),
        d.note ? h('p', { class: 'note' }, d.note) : null,
        h('h3', {}, `Connections added (${d.added.length})`), entries(d.added, 'added'),
        h('h3', {}, `Connections removed (${d.removed.length})`), entries(d.removed, 'removed')),
    );
  }

  private goto(line: number): void {
    const area = this.area;
    if (!area) return;
    const lines = area.value.split('\n');
    const start = lines.slice(0, Math.max(0, line - 1)).reduce((n, l) => n + l.length + 1, 0);
    area.focus();
    area.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
    const lh = parseFloat(getComputedStyle(area).lineHeight) || 16;
    area.scrollTop = Math.max(0, (line - 5) * lh);
  }

  private async reset(): Promise<void> {
    this.app.editorTexts.clear();
    await this.app.resetEdits();
    this.app.setTab('editor');
  }

  private async download(): Promise<void> {
    const r = await this.app.worker.call<'export'>({ type: 'export' });
    const url = URL.createObjectURL(new Blob([r.yaml], { type: 'application/yaml' }));
    const a = h('a', { href: url, download: 'network-policies.yaml' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

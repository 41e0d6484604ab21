// The Audit view: the audit findings, each linked to the resource's YAML.
import type { App, View } from '../app.js';
import { button, h } from '../dom.js';

export class AuditView implements View {
  readonly name = 'audit' as const;
  readonly title = 'Audit';
  private root: HTMLElement | undefined;

  constructor(private readonly app: App) {}

  show(el: HTMLElement): void {
    this.root = el;
    this.render();
  }

  update(): void {
    this.render();
  }

  private render(): void {
    const el = this.root;
    const s = this.app.snapshot;
    if (!el || !s || this.app.currentTab !== 'audit') return;
    if (!s.findings) {
      el.replaceChildren(h('p', { class: 'muted' }, s.large
        ? `The audit is not run in the browser for ${s.endpoints.length} endpoints: run \`netpol audit\` on the same files.`
        : 'The audit is not available in this build.'));
      return;
    }
    const rows = s.findings.map((f) =>
      h('tr', { class: `sev-${f.severity}` },
        h('td', {}, h('span', { class: `sev ${f.severity}` }, f.severity)),
        h('td', {}, h('code', {}, f.ruleId), ' ', f.rule),
        h('td', {}, f.file !== undefined && f.line !== undefined
          ? button(f.resource, () => this.app.openSource(f.file!, f.line!), { class: 'link', title: `${f.file}:${f.line}` })
          : f.resource, f.path ? h('div', { class: 'muted' }, f.path) : null),
        h('td', {}, f.message, f.fix ? h('details', {}, h('summary', {}, 'fix'), h('pre', {}, f.fix)) : null)));
    el.replaceChildren(
      h('h2', {}, `Audit: ${s.findings.length} findings`),
      s.findings.length
        ? h('table', { class: 'findings' }, h('thead', {}, h('tr', {}, h('th', {}, 'severity'), h('th', {}, 'rule'), h('th', {}, 'resource'), h('th', {}, 'finding'))), h('tbody', {}, ...rows))
        : h('p', {}, 'No findings.'),
    );
  }
}

// The Explain panel: the engine's verdict for one connection, per direction, with the exact rules
// that allow it, each linked to the policy YAML in the editor.
import type { App } from '../app.js';
import { button, h } from '../dom.js';
import type { ExplainSide, Explanation, ViewConnection } from '../protocol.js';

function side(app: App, title: string, s: ExplainSide): HTMLElement {
  const state = !s.isolated ? 'not isolated: allowed' : s.allowed ? 'allowed' : 'denied';
  return h(
    'section',
    { class: `side ${s.allowed ? 'ok' : 'no'}`, 'data-direction': s.direction },
    h('h3', {}, `${title}: ${state}`),
    s.policies.length
      ? h('p', {}, 'selected by: ', ...s.policies.flatMap((p, i) => [i ? ', ' : '', h('code', {}, p)]))
      : h('p', { class: 'muted' }, 'no policy selects it in this direction'),
    s.allowedBy.length
      ? h(
          'ul',
          { class: 'rules' },
          ...s.allowedBy.map((r) =>
            h(
              'li',
              { class: 'rule' },
              r.file !== undefined && r.line !== undefined
                ? button(r.text, () => app.openSource(r.file!, r.line!), { class: 'link', title: `${r.file}:${r.line}` })
                : h('code', {}, r.text),
            ),
          ),
        )
      : null,
    s.reasons.length ? h('ul', { class: 'reasons' }, ...s.reasons.map((r) => h('li', {}, r))) : null,
  );
}

export function renderExplanation(app: App, ex: Explanation, conn: ViewConnection | undefined): HTMLElement {
  const ports = conn
    ? h(
        'p',
        { class: 'ports' },
        'explain port: ',
        ...conn.allowed.flatMap((pp) =>
          pp.ports.slice(0, 8).map(([lo, hi]) =>
            button(`${pp.protocol} ${lo === hi ? lo : `${lo}-${hi}`}`, () => void app.showExplain(ex.src, ex.dst, pp.protocol, lo), {
              class: 'chip',
            }),
          ),
        ),
      )
    : null;
  return h(
    'div',
    { class: 'explain', 'data-allowed': String(ex.allowed) },
    h('h2', {}, 'Explain'),
    h('p', { class: 'pair' }, h('code', {}, ex.src), ' → ', h('code', {}, ex.dst)),
    conn ? h('p', {}, 'allowed in total: ', h('strong', { class: 'conn' }, conn.label)) : h('p', { class: 'muted' }, 'no connection is allowed between these endpoints'),
    ports,
    h(
      'p',
      { class: `verdict ${ex.allowed ? 'ok' : 'no'}` },
      `${ex.protocol} ${ex.port}: ${ex.allowed ? 'ALLOWED' : 'DENIED'}`,
      h('span', { class: 'muted' }, ` (asked for ${ex.srcConcrete} → ${ex.dstConcrete})`),
    ),
    side(app, `Egress at ${ex.src}`, ex.egress),
    side(app, `Ingress at ${ex.dst}`, ex.ingress),
  );
}

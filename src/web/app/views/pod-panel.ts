// The Pod panel: labels, IPs, the policies selecting it, isolation per direction, what it may
// reach (egress) and what may reach it (ingress), and lateral-movement reach when available.
import type { App } from '../app.js';
import { button, h, labelList } from '../dom.js';
import type { EndpointDetails, ViewConnection } from '../protocol.js';

function connList(app: App, conns: readonly ViewConnection[], dir: 'in' | 'out', id: string): HTMLElement {
  if (conns.length === 0) return h('p', { class: 'muted' }, dir === 'in' ? 'nothing may connect to it' : 'it may connect to nothing');
  const shown = conns.slice(0, 300);
  const more = conns.length - shown.length;
  return h(
    'ul',
    { class: 'conns' },
    ...(more > 0 ? [h('li', { class: 'muted' }, `${conns.length} in all; the first 300:`)] : []),
    ...shown.map((c) => {
      const other = dir === 'in' ? c.from : c.to;
      return h(
        'li',
        {},
        button(other, () => void app.showExplain(dir === 'in' ? other : id, dir === 'in' ? id : other), { class: 'link' }),
        ' ',
        h('span', { class: 'muted' }, c.label),
      );
    }),
  );
}

export function renderDetails(app: App, d: EndpointDetails): HTMLElement {
  const e = d.endpoint;
  const conns = app.snapshot?.connections ?? [];
  const shield = (pols: readonly string[], dir: string) =>
    h('p', { class: `shield ${pols.length ? 'on' : 'off'}`, 'data-shield': dir },
      `${dir}: ${pols.length ? `isolated by ${pols.join(', ')}` : 'not isolated (all allowed)'}`);
  return h(
    'div',
    { class: 'details', 'data-endpoint': e.id },
    h('h2', {}, e.type === 'external' ? 'External block' : e.kind),
    h('p', { class: 'pair' }, h('code', {}, e.id)),
    e.type === 'external'
      ? h('p', {}, 'CIDRs: ', h('code', {}, e.cidrs.join(', ')))
      : h('div', {},
          h('h3', {}, 'Labels'), labelList(e.labels),
          h('h3', {}, 'IPs'), h('p', {}, e.ips.length ? e.ips.join(', ') : 'none (template or pending pod)'),
          e.pods.length > 1 ? h('p', { class: 'muted' }, `${e.pods.length} pods`) : null,
          h('h3', {}, 'Isolation'), shield(e.ingressPolicies, 'ingress'), shield(e.egressPolicies, 'egress'),
          h('h3', {}, 'Selecting policies'),
          d.selecting.length
            ? h('ul', {}, ...d.selecting.map((p) => h('li', {},
                p.file !== undefined && p.line !== undefined
                  ? button(p.id, () => app.openSource(p.file!, p.line!), { class: 'link' })
                  : h('code', {}, p.id),
                ` (${p.policyTypes.join(', ')})`)))
            : h('p', { class: 'muted' }, 'none')),
    h('h3', {}, 'Effective ingress (who may connect)'),
    connList(app, d.ingress ?? conns.filter((c) => c.to === e.id), 'in', e.id),
    h('h3', {}, 'Effective egress (what it may open)'),
    connList(app, d.egress ?? conns.filter((c) => c.from === e.id), 'out', e.id),
    d.reach
      ? h('div', {}, h('h3', {}, 'Lateral movement reach'),
          d.reach.length
            ? h('ul', {}, ...d.reach.map((r) => h('li', {}, `${r.id} in ${r.hops} hop${r.hops === 1 ? '' : 's'} (${r.via})`)))
            : h('p', { class: 'muted' }, 'nothing: a compromise of this endpoint stays contained'))
      : null,
  );
}

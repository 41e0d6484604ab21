// The Explain view: pick any pair ("why not?") and get the engine's verdict in the side panel.
import type { Protocol } from '../../../core/model/types.js';
import type { App, View } from '../app.js';
import { button, h, select } from '../dom.js';

export class ExplainView implements View {
  readonly name = 'explain' as const;
  readonly title = 'Explain';
  private last = { src: '', dst: '', protocol: 'TCP', port: '80' };

  constructor(private readonly app: App) {}

  show(el: HTMLElement): void {
    const s = this.app.snapshot;
    const ids = (s?.endpoints ?? []).map((e) => e.id);
    const list = h('datalist', { id: 'endpoint-ids' }, ...ids.slice(0, 5000).map((id) => h('option', { value: id })));
    const src = h('input', { id: 'why-src', list: 'endpoint-ids', placeholder: 'source: ns/pod, ns/name[Kind] or block', size: '40' });
    const dst = h('input', { id: 'why-dst', list: 'endpoint-ids', placeholder: 'destination', size: '40' });
    src.value = this.last.src || ids[0] || '';
    dst.value = this.last.dst || ids[1] || '';
    const proto = select(['TCP', 'UDP', 'SCTP'].map((p) => ({ value: p, text: p })), this.last.protocol, { id: 'why-protocol' });
    const port = h('input', { id: 'why-port', type: 'number', min: '1', max: '65535', value: this.last.port });
    const go = (): void => {
      this.last = { src: src.value.trim(), dst: dst.value.trim(), protocol: proto.value, port: port.value };
      const p = Number(port.value);
      if (!Number.isInteger(p) || p < 1 || p > 65535) {
        this.app.setPanel(h('p', { class: 'bad' }, 'port must be 1-65535'));
        return;
      }
      void this.app.showExplain(this.last.src, this.last.dst, proto.value as Protocol, p);
    };
    el.append(
      h('div', { class: 'why' },
        h('h2', {}, 'Why (not)?'),
        h('p', { class: 'muted' }, 'Ask the engine about one connection; the verdict, the policies and the exact rules appear on the right.'),
        list,
        h('label', {}, 'from ', src), h('label', {}, 'to ', dst), h('label', {}, 'protocol ', proto), h('label', {}, 'port ', port),
        button('Explain', go, { id: 'why-go', class: 'primary' })),
    );
  }
}

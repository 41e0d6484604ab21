// DOM helpers. Cluster data (names, labels, annotations) is untrusted: it only ever reaches the
// page as text nodes or attribute values, never as HTML.
type Child = Node | string | number | null | undefined | false;

export interface Attrs {
  readonly class?: string;
  readonly title?: string;
  readonly id?: string;
  readonly [attr: string]: string | undefined;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined) continue;
    // Event handler attributes would be code: refuse them outright.
    if (k.toLowerCase().startsWith('on')) throw new Error(`refusing event attribute ${k}`);
    el.setAttribute(k, v);
  }
  append(el, ...children);
  return el;
}

export function append(el: Element, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

export function clear(el: Element): void {
  el.replaceChildren();
}

export function button(text: string, onClick: () => void, attrs: Attrs = {}): HTMLButtonElement {
  const b = h('button', { type: 'button', ...attrs }, text);
  b.addEventListener('click', onClick);
  return b;
}

/** `key=value` chips for labels; text only. */
export function labelList(labels: Readonly<Record<string, string>>): HTMLElement {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return h('p', { class: 'muted' }, 'no labels');
  return h('ul', { class: 'labels' }, ...keys.map((k) => h('li', {}, h('code', {}, `${k}=${labels[k] ?? ''}`))));
}

export function select(options: readonly { value: string; text: string }[], value: string, attrs: Attrs = {}): HTMLSelectElement {
  const s = h('select', attrs);
  for (const o of options) {
    const opt = h('option', { value: o.value }, o.text);
    if (o.value === value) opt.selected = true;
    s.append(opt);
  }
  return s;
}

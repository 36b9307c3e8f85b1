/**
 * The only way the page makes elements: every string becomes a text node and every attribute is
 * set with setAttribute, never parsed as markup, so a name from a dump can only ever show as text.
 * Event handler attributes are refused outright (handlers are attached in code).
 */
export type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined>;

function setAttrs(el: Element, attrs: Attrs | null | undefined): void {
  if (attrs == null) return;
  for (const [name, value] of Object.entries(attrs)) {
    if (/^on/i.test(name)) throw new Error(`refusing the event attribute ${name}`);
    if (value === null || value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
}

function append(el: Element, children: readonly Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'number' ? String(c) : c);
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** A link inside the page (hash only): the page never links anywhere else. */
export function hashLink(hash: string, ...children: Child[]): HTMLAnchorElement {
  return h('a', { href: `#${hash}` }, ...children);
}

export function clear(el: Element): void {
  while (el.firstChild !== null) el.firstChild.remove();
}

/**
 * Tables for every figure of the page. A number cell shows the figure formatted and keeps the
 * exact value in `data-value`, so what a reader sees and what a script reads agree with the JSON.
 */
import type { TraceRow } from '../../src/analyses/trace-list.js';
import { h, hashLink, type Child } from './dom.js';
import { fmtCount, fmtMs, shortTime } from './format.js';
import { traceHash } from './route.js';

export interface Cell {
  readonly content: Child | Child[];
  /** The exact number behind a formatted figure. */
  readonly value?: number | string | null;
  readonly num?: boolean;
  readonly className?: string;
}

export type CellLike = Cell | string | Node;

export function num(value: number | null | undefined, text: string): Cell {
  return { content: text, value: value ?? null, num: true };
}

export function ms(value: number | null | undefined): Cell {
  return num(value, fmtMs(value));
}

export function count(value: number): Cell {
  return num(value, fmtCount(value));
}

function cell(c: CellLike, tag: 'td' | 'th'): HTMLTableCellElement {
  if (typeof c === 'string' || c instanceof Node) return h(tag, null, c);
  const classes = [c.num === true ? 'num' : '', c.className ?? ''].filter((s) => s !== '').join(' ');
  const el = h(tag, { class: classes === '' ? null : classes, 'data-value': c.value === undefined || c.value === null ? null : String(c.value) });
  const content = Array.isArray(c.content) ? c.content : [c.content];
  for (const part of content) if (part !== null && part !== undefined && part !== false) el.append(typeof part === 'number' ? String(part) : part);
  return el;
}

export function table(headers: readonly CellLike[], rows: readonly (readonly CellLike[])[], attrs: Record<string, string> = {}): HTMLElement {
  const head = h('tr', null);
  for (const c of headers) {
    const th = cell(c, 'th');
    th.setAttribute('scope', 'col');
    head.append(th);
  }
  const body = h('tbody', null);
  for (const row of rows) {
    const tr = h('tr', null);
    for (const c of row) tr.append(cell(c, 'td'));
    body.append(tr);
  }
  return h('div', { class: 'scroll-x' }, h('table', attrs, h('thead', null, head), body));
}

/** A trace id, linked when the page holds the trace. */
export function traceLink(traceId: string, embedded: ReadonlySet<string>): Node {
  if (embedded.has(traceId)) return hashLink(traceHash(traceId), h('span', { class: 'mono' }, traceId));
  return h('span', { class: 'mono', title: 'not embedded in this page (see --max-traces)' }, traceId);
}

export function traceRowsTable(rows: readonly TraceRow[], embedded: ReadonlySet<string>, attrs: Record<string, string> = {}): HTMLElement {
  return table(
    ['Trace', 'Root', 'Start', num(null, 'Duration'), num(null, 'Spans'), num(null, 'Services'), num(null, 'Errors')],
    rows.map((r) => [
      traceLink(r.traceId, embedded),
      `${r.rootService}: ${r.rootOperation}`,
      shortTime(r.startTime),
      ms(r.durationMs),
      count(r.spans),
      count(r.services),
      { ...count(r.errors), className: r.errors > 0 ? 'status-error' : '' },
    ]),
    attrs,
  );
}

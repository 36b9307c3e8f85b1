/**
 * The side panel: everything the page knows about the selected span (the fields of `tracectl
 * span`): ids, parent, kind, status and message, timing with self time and critical-path time,
 * attributes, resource, events and links. Every value is text; links to other spans of the trace
 * are page links (#trace=…&span=…).
 */
import { SPAN_KINDS, type TracePayload } from '../../src/report/report-data.js';
import { h, hashLink, type Child } from './dom.js';
import { fmtNs, isoAt, valueText } from './format.js';
import { traceHash } from './route.js';
import type { TraceModel } from './trace-model.js';

function kv(rows: readonly (readonly [string, Child])[]): HTMLTableElement {
  const body = h('tbody', null);
  for (const [k, v] of rows) body.append(h('tr', null, h('th', { scope: 'row' }, k), h('td', null, v)));
  return h('table', null, body);
}

function attrTable(attrs: Readonly<Record<string, unknown>>, empty: string): HTMLElement {
  const keys = Object.keys(attrs);
  if (keys.length === 0) return h('p', { class: 'note' }, empty);
  return kv(keys.map((k) => [k, h('span', { class: 'mono' }, valueText(attrs[k]))] as const));
}

function spanLink(payload: TracePayload, model: TraceModel, spanId: string): Child {
  const i = model.indexOf(spanId);
  if (i < 0) return h('span', { class: 'mono' }, spanId);
  return hashLink(traceHash(payload.traceId, spanId), h('span', { class: 'mono' }, spanId), ` (${model.service(i)}: ${model.operation(i)})`);
}

function parentCell(payload: TracePayload, model: TraceModel, parent: number, given: string | undefined): Child {
  const inTree = parent >= 0 ? spanLink(payload, model, model.spanId(parent)) : null;
  if (given === undefined) return inTree ?? 'none (a root)';
  const note = parent >= 0 ? ' (the dump names this parent; the tree places the span as shown)' : ' (not in the dump)';
  return h('span', null, inTree, inTree === null ? null : h('br'), h('span', { class: 'mono' }, given), note);
}

export function spanPanel(model: TraceModel, i: number, onClose: () => void): HTMLElement {
  const p = model.payload;
  const d = p.details[i]!;
  const close = h('button', { type: 'button', class: 'close', 'aria-label': 'Close the span details' }, '×');
  close.addEventListener('click', onClose);
  const parent = model.parent[i]!;
  const status = model.isError(i) ? 'error' : (model.flags[i]! & 16) !== 0 ? 'ok' : 'unset';
  const rows: [string, Child][] = [
    ['Span ID', h('span', { class: 'mono' }, model.spanId(i))],
    ['Parent', parentCell(p, model, parent, d.p)],
    ['Service', model.service(i)],
    ['Operation', model.operation(i)],
    ['Kind', SPAN_KINDS[p.spans.kind[i]!] ?? 'unspecified'],
    ['Status', h('span', { class: status === 'error' ? 'status-error' : '' }, status)],
  ];
  if (d.m !== undefined) rows.push(['Status message', d.m]);
  rows.push(
    ['Start', `${isoAt(p.startNs, model.start[i]!)} (+${fmtNs(model.start[i]!)} from the trace start)`],
    ['Duration', fmtNs(model.duration[i]!)],
    ['Self time', fmtNs(model.selfTime(i))],
    ['On the critical path', model.isCritical(i) ? fmtNs(model.criticalTime(i)) : 'no'],
    ['Depth', String(model.depth[i])],
    ['Children', String(model.childCount[i])],
  );
  if (d.t !== undefined) rows.push(['Timing', d.t]);
  if (d.s !== undefined) rows.push(['Clock skew corrected', fmtNs(d.s)]);
  if (d.h !== undefined) rows.push(['Host', p.strings[d.h] ?? '']);
  rows.push(['Format', d.f ?? p.format]);
  if (d.w !== undefined && d.w.length > 0) rows.push(['Warnings', d.w.join(', ')]);
  const eventList = d.e ?? [];
  const linkList = d.l ?? [];

  const events = eventList.length === 0 ? h('p', { class: 'note' }, 'No events.') : h('ol', null, ...eventList.map((e) => h('li', null, h('div', null, `+${fmtNs(e.t)} `, h('strong', null, e.n)), Object.keys(e.a).length > 0 ? attrTable(e.a, '') : null)));
  const links =
    linkList.length === 0
      ? h('p', { class: 'note' }, 'No links.')
      : h(
          'ul',
          null,
          ...linkList.map((l) =>
            h('li', null, `${l.type}: `, l.traceId === p.traceId ? spanLink(p, model, l.spanId) : h('span', { class: 'mono' }, `${l.traceId} / ${l.spanId}`), Object.keys(l.a).length > 0 ? attrTable(l.a, '') : null),
          ),
        );
  return h(
    'div',
    null,
    close,
    h('h3', { id: 'panel-title' }, `${model.service(i)}: ${model.operation(i)}`),
    kv(rows),
    h('h3', null, 'Attributes'),
    attrTable(d.a === undefined ? {} : (p.attributes[d.a] ?? {}), 'No attributes.'),
    h('h3', null, 'Resource'),
    attrTable(p.resources[d.r] ?? {}, 'No resource attributes.'),
    h('h3', null, `Events (${eventList.length})`),
    events,
    h('h3', null, `Links (${linkList.length})`),
    links,
  );
}

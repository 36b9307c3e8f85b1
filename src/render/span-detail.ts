/**
 * `tracectl span` for people: one block per span — a title line, aligned key/value facts, then
 * attributes, resource, events and links. Every value comes from the dump, so every value is
 * sanitized; long values wrap in their column and are never cut (wrap-value.ts): the file and line
 * at the end of a stack frame are what `span` is opened for.
 */
import type { SpanDetail, SpanSummary } from '../analyses/span-detail.js';
import type { Attributes } from '../model/span.js';
import { formatDuration } from './format.js';
import { displayWidth, padEnd } from './text.js';
import { wrapValue } from './wrap-value.js';
import { sanitize } from './sanitize.js';
import type { Theme } from './theme.js';
import { serviceTheme } from './service-theme.js';
import { appendLines } from './append-lines.js';

export interface SpanDetails {
  readonly traceId: string;
  readonly spans: readonly SpanDetail[];
}

export function renderSpanDetails(result: SpanDetails, theme: Theme, width: number): string[] {
  theme = serviceTheme(theme, result);
  const lines: string[] = [];
  result.spans.forEach((detail, i) => {
    if (i > 0) lines.push('');
    appendLines(lines, renderOne(detail, theme, width));
  });
  return lines;
}

function renderOne(d: SpanDetail, theme: Theme, width: number): string[] {
  const lines: string[] = [];
  const titleRaw = `Span ${d.spanId}  ${d.operation === '' ? d.service : `${d.service} ${d.operation}`}${d.error ? '  ✗ error' : ''}`;
  const title = wrapValue(sanitize(titleRaw), width);
  if (title.length === 1) lines.push(paintTitle(title[0]!, d, theme));
  else for (const line of title) lines.push(theme.bold(line));

  const ms = (v: number): string => formatDuration(Math.round(v * 1e6));
  const facts: [string, string][] = [
    ['trace', sanitize(d.traceId)],
    ['parent', sanitize(parentText(d))],
    ['service', sanitize(d.service)],
    ['operation', sanitize(d.operation)],
    ['kind', d.kind],
    ['start', `${utc(d.startTime)}  (+${ms(d.startOffsetMs)} into the trace)`],
    ['duration', d.timing === 'no-duration' ? `${ms(d.durationMs)} (no duration recorded)` : ms(d.durationMs)],
    ['self time', ms(d.selfMs)],
    ['status', d.statusMessage !== null ? `${d.status}: ${d.statusMessage}` : d.status],
    ['depth', `${d.depth} · ${d.children} child${d.children === 1 ? '' : 'ren'}${d.async ? ' · async (does not block its parent)' : ''}`],
  ];
  if (d.host !== null) facts.push(['host', sanitize(d.host)]);
  if (d.rawStartTime !== null) facts.push(['clock skew', `${d.skewMs > 0 ? '+' : ''}${ms(d.skewMs)} to fit its parent (recorded start ${recorded(d.rawStartTime, d.startTime)})`]);
  if (d.shared) facts.push(['shared', 'server half of a Zipkin client/server pair (same span id)']);
  if (d.flags.length > 0) facts.push(['flags', d.flags.join(', ')]);
  facts.push(['format', d.format]);
  appendLines(lines, table(facts, width, theme, (key, value) => (key === 'status' && d.error ? theme.error(value) : value)));

  if (d.warnings.length > 0) {
    lines.push('', theme.bold(`Warnings from the producer (${d.warnings.length})`));
    for (const w of d.warnings) appendLines(lines, hanging(`- ${w}`, width, '  ', '    ').map((l) => theme.warn(l)));
  }

  appendLines(lines, attributeBlock('Attributes', d.attributes, width, theme));
  appendLines(lines, attributeBlock('Resource', d.resource, width, theme));

  lines.push('', theme.bold(`Events (${d.events.length})`));
  for (const e of d.events) {
    const when = e.rawTime === null ? utc(e.time) : `${utc(e.time)}; recorded ${recorded(e.rawTime, e.time)}`;
    appendLines(lines, hanging(`+${ms(e.offsetMs)}  ${sanitize(e.name)}  (${when})`, width, '  ', '    '));
    appendLines(lines, table(attrRows(e.attributes), width, theme, undefined, '      '));
  }

  lines.push('', theme.bold(`Links and references (${d.refs.length})`));
  for (const r of d.refs) {
    const target = r.target;
    const where = target !== null ? (target.operation === '' ? target.service : `${target.service} ${target.operation}`) : r.traceId === d.traceId ? '(not in the trace)' : `in trace ${r.traceId}`;
    appendLines(lines, hanging(sanitize(`${r.type}  ${r.spanId}  ${where}`), width, '  ', '    '));
    appendLines(lines, table(attrRows(r.attributes), width, theme, undefined, '      '));
  }
  return lines;
}

/** A value wrapped to the width (its line breaks kept: sanitize a text that must stay one line): its first line after `first`, the rest after `rest`. */
function hanging(raw: string, width: number, first: string, rest: string): string[] {
  const pieces = wrapValue(raw, width - rest.length);
  return pieces.map((p, i) => `${i === 0 ? first : rest}${p}`);
}

/** A recorded time, without its date when it is on the same day as the corrected one. */
function recorded(raw: string, corrected: string): string {
  return raw.slice(0, 10) === corrected.slice(0, 10) ? utc(raw).slice(11) : utc(raw);
}

function paintTitle(title: string, d: SpanDetail, theme: Theme): string {
  const head = `Span ${sanitize(d.spanId)}  `;
  if (!title.startsWith(head)) return theme.bold(title);
  let rest = title.slice(head.length);
  const mark = '  ✗ error';
  const err = d.error && rest.endsWith(mark);
  if (err) rest = rest.slice(0, -mark.length);
  const service = sanitize(d.service);
  const painted = rest.startsWith(service) ? theme.service(d.service, service) + rest.slice(service.length) : theme.service(d.service, rest);
  return theme.bold(head) + painted + (err ? `  ${theme.error('✗ error')}` : '');
}

function parentText(d: SpanDetail): string {
  if (d.parent !== null) {
    const how = d.relation === 'follows_from' ? '  (follows from)' : '';
    return `${summaryText(d.parent)}${how}`;
  }
  if (d.parentId !== null) return `${d.parentId} (not in the trace: shown as a root)`;
  return '(none: a root)';
}

function summaryText(s: SpanSummary): string {
  return `${s.spanId}  ${s.operation === '' ? s.service : `${s.service} ${s.operation}`}`;
}

function utc(iso: string): string {
  return `${iso.replace('T', ' ').replace(/Z$/, '')} UTC`;
}

function attributeBlock(title: string, attrs: Attributes, width: number, theme: Theme): string[] {
  const rows = attrRows(attrs);
  return ['', theme.bold(`${title} (${rows.length})`), ...table(rows, width, theme)];
}

function attrRows(attrs: Attributes): [string, string][] {
  return Object.entries(attrs).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]);
}

/**
 * Raw keys and values: keys padded to one column (at most 40% of the width), values wrapped in the
 * column left, never cut. A key wider than its column gets lines of its own, its value below it.
 */
function table(rows: readonly [string, string][], width: number, theme: Theme, paint?: (key: string, value: string) => string, indent = '  '): string[] {
  if (rows.length === 0) return [];
  let widest = 0;
  const keys = rows.map(([k]) => sanitize(k));
  for (const k of keys) widest = Math.max(widest, displayWidth(k));
  const keyW = Math.min(widest, Math.max(8, Math.floor(width * 0.4)));
  const valueIndent = ' '.repeat(indent.length + keyW + 2);
  const out: string[] = [];
  rows.forEach(([k, v], i) => {
    const key = keys[i]!;
    const values = wrapValue(v, width - valueIndent.length).map((line) => (paint ? paint(k, line) : line));
    if (displayWidth(key) > keyW) {
      for (const line of wrapValue(key, width - indent.length)) out.push(`${indent}${theme.dim(line)}`);
      for (const line of values) out.push(`${valueIndent}${line}`);
      return;
    }
    out.push(`${indent}${theme.dim(padEnd(key, keyW))}  ${values[0] ?? ''}`);
    for (const line of values.slice(1)) out.push(`${valueIndent}${line}`);
  });
  return out;
}

/**
 * `tracectl span` for people: one block per span — a title line, aligned key/value facts, then
 * attributes, resource, events and links. Every value comes from the dump, so every value is
 * sanitized; long values are cut with an ellipsis to the width (`--json` has them whole).
 */
import type { SpanDetail, SpanSummary } from '../analyses/span-detail.js';
import type { AttrValue, Attributes } from '../model/span.js';
import { formatDuration } from './format.js';
import { displayWidth, padEnd, truncate } from './text.js';
import { sanitize } from './sanitize.js';
import type { Theme } from './theme.js';
import { appendLines } from './append-lines.js';

export interface SpanDetails {
  readonly traceId: string;
  readonly spans: readonly SpanDetail[];
}

export function renderSpanDetails(result: SpanDetails, theme: Theme, width: number): string[] {
  const lines: string[] = [];
  result.spans.forEach((detail, i) => {
    if (i > 0) lines.push('');
    appendLines(lines, renderOne(detail, theme, width));
  });
  return lines;
}

function renderOne(d: SpanDetail, theme: Theme, width: number): string[] {
  const lines: string[] = [];
  const fit = (text: string): string => truncate(text, width);
  const name = sanitize(d.operation === '' ? d.service : `${d.service} ${d.operation}`);
  const title = fit(`Span ${sanitize(d.spanId)}  ${name}${d.error ? '  ✗ error' : ''}`);
  lines.push(paintTitle(title, d, theme));

  const ms = (v: number): string => formatDuration(Math.round(v * 1e6));
  const facts: [string, string][] = [
    ['trace', sanitize(d.traceId)],
    ['parent', parentText(d)],
    ['service', sanitize(d.service)],
    ['operation', sanitize(d.operation)],
    ['kind', d.kind],
    ['start', `${utc(d.startTime)}  (+${ms(d.startOffsetMs)} into the trace)`],
    ['duration', d.timing === 'no-duration' ? `${ms(d.durationMs)} (no duration recorded)` : ms(d.durationMs)],
    ['self time', ms(d.selfMs)],
    ['status', d.statusMessage !== null ? `${d.status}: ${sanitize(d.statusMessage)}` : d.status],
    ['depth', `${d.depth} · ${d.children} child${d.children === 1 ? '' : 'ren'}${d.async ? ' · async (does not block its parent)' : ''}`],
  ];
  if (d.host !== null) facts.push(['host', sanitize(d.host)]);
  if (d.rawStartTime !== null) {
    // The date is on the start line; repeat it only if the recorded start was on another day.
    const raw = d.rawStartTime.slice(0, 10) === d.startTime.slice(0, 10) ? utc(d.rawStartTime).slice(11) : utc(d.rawStartTime);
    facts.push(['clock skew', `${d.skewMs > 0 ? '+' : ''}${ms(d.skewMs)} to fit its parent (recorded start ${raw})`]);
  }
  if (d.shared) facts.push(['shared', 'server half of a Zipkin client/server pair (same span id)']);
  if (d.flags.length > 0) facts.push(['flags', d.flags.join(', ')]);
  facts.push(['format', d.format]);
  appendLines(lines, table(facts, width, theme, (key, value) => (key === 'status' && d.error ? theme.error(value) : value)));

  appendLines(lines, attributeBlock('Attributes', d.attributes, width, theme));
  appendLines(lines, attributeBlock('Resource', d.resource, width, theme));

  lines.push('', theme.bold(`Events (${d.events.length})`));
  for (const e of d.events) {
    lines.push(fit(`  +${ms(e.offsetMs)}  ${sanitize(e.name)}  (${utc(e.time)})`));
    appendLines(lines, table(attrRows(e.attributes), width, theme, undefined, '      '));
  }

  lines.push('', theme.bold(`Links and references (${d.refs.length})`));
  for (const r of d.refs) {
    const target = r.target;
    const where = target !== null ? sanitize(target.operation === '' ? target.service : `${target.service} ${target.operation}`) : r.traceId === d.traceId ? '(not in the trace)' : `in trace ${sanitize(r.traceId)}`;
    lines.push(fit(`  ${r.type}  ${sanitize(r.spanId)}  ${where}`));
    appendLines(lines, table(attrRows(r.attributes), width, theme, undefined, '      '));
  }
  return lines;
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
  if (d.parentId !== null) return `${sanitize(d.parentId)} (not in the trace: shown as a root)`;
  return '(none: a root)';
}

function summaryText(s: SpanSummary): string {
  return `${sanitize(s.spanId)}  ${sanitize(s.operation === '' ? s.service : `${s.service} ${s.operation}`)}`;
}

function utc(iso: string): string {
  return `${iso.replace('T', ' ').replace(/Z$/, '')} UTC`;
}

function attributeBlock(title: string, attrs: Attributes, width: number, theme: Theme): string[] {
  const rows = attrRows(attrs);
  return ['', theme.bold(`${title} (${rows.length})`), ...table(rows, width, theme)];
}

function attrRows(attrs: Attributes): [string, string][] {
  return Object.entries(attrs).map(([k, v]) => [sanitize(k), formatValue(v)]);
}

function formatValue(v: AttrValue): string {
  return sanitize(typeof v === 'string' ? v : JSON.stringify(v));
}

/** Keys padded to one column (at most 40% of the width), values cut to what is left. */
function table(rows: readonly [string, string][], width: number, theme: Theme, paint?: (key: string, value: string) => string, indent = '  '): string[] {
  if (rows.length === 0) return [];
  let widest = 0;
  for (const [k] of rows) widest = Math.max(widest, displayWidth(k));
  const keyW = Math.min(widest, Math.max(8, Math.floor(width * 0.4)));
  return rows.map(([k, v]) => {
    const key = padEnd(truncate(k, keyW), keyW);
    const value = truncate(v, width - indent.length - keyW - 2);
    return `${indent}${theme.dim(key)}  ${paint ? paint(k, value) : value}`;
  });
}

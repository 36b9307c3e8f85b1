/**
 * A span as a row of the exporter's table (one JSONEachRow object), written as the exporter writes
 * it: ids in hex (trace ids as 32 digits, the exporter's 16 bytes), kind and status as
 * `Server` / `Error` (current exporters), times as DateTime64(9), attribute values as text (numbers
 * and booleans as written, arrays and maps as JSON), links in the Links columns. A span with no
 * timestamp has no place in a table keyed by time and is not written; one without a duration is
 * written as lasting 0. What could not be carried is counted in `losses`.
 */
import type { AttrValue, Attributes, Span } from '../../model/span.js';
import { CountedLosses, type LossTexts } from '../../formats/encode/losses.js';
import { kindSpelling, statusSpelling } from './columns.js';

export type ClickHouseLossCode = 'no-timestamp' | 'out-of-range' | 'no-duration' | 'typed-attributes' | 'structured-attributes' | 'follows-from-parent' | 'references';

/** What each loss means. */
const LOSS_TEXT: LossTexts<ClickHouseLossCode> = {
  'no-timestamp': ['span', 'spans', 'without a timestamp not written (the table keeps spans by start time)'],
  'out-of-range': ['span', 'spans', 'starting outside the years 1900-2262 not written (DateTime64(9) cannot hold them)'],
  'no-duration': ['span', 'spans', 'without a duration written as lasting 0 ns'],
  'typed-attributes': ['attribute value', 'attribute values', 'that were numbers or booleans written as text (the table keeps text)'],
  'structured-attributes': ['attribute value', 'attribute values', 'that were arrays or maps written as JSON text'],
  'follows-from-parent': ['FOLLOWS_FROM parent', 'FOLLOWS_FROM parents', 'written as plain parents (the table has no reference types)'],
  'references': ['extra reference', 'extra references', 'to other spans written as links'],
};

/** The losses of writing spans as the exporter's rows. */
export class ClickHouseLosses extends CountedLosses<ClickHouseLossCode> {
  constructor() {
    super(LOSS_TEXT);
  }
}

// DateTime64(9) holds 1900-01-01 to 2262-04-11.
const MIN_NS = -2_208_988_800_000_000_000n;
const MAX_NS = 9_223_372_036_854_775_807n;

/** The row for `span`, or undefined when it cannot be written (counted in `losses`). */
export function spanToRow(span: Span, losses: ClickHouseLosses): Record<string, unknown> | undefined {
  if (span.timing === 'missing') {
    losses.add('no-timestamp');
    return undefined;
  }
  if (span.startNs < MIN_NS || span.startNs > MAX_NS) {
    losses.add('out-of-range');
    return undefined;
  }
  if (span.timing === 'no-duration') losses.add('no-duration');
  if (span.parentType === 'follows_from') losses.add('follows-from-parent');
  const links = span.refs;
  const extra = links.filter((r) => r.type !== 'link').length;
  losses.add('references', extra);
  return {
    Timestamp: dateTime64(span.startNs),
    TraceId: span.traceId.length === 16 && /^[0-9a-f]+$/.test(span.traceId) ? span.traceId.padStart(32, '0') : span.traceId,
    SpanId: span.spanId,
    ParentSpanId: span.parentId ?? '',
    TraceState: '',
    SpanName: span.operation,
    SpanKind: kindSpelling(span.kind),
    ServiceName: span.service,
    ResourceAttributes: textMap(span.resource, losses),
    SpanAttributes: textMap(span.attributes, losses),
    Duration: durationNs(span),
    StatusCode: statusSpelling(span.status),
    StatusMessage: span.statusMessage ?? '',
    'Events.Timestamp': span.events.map((e) => dateTime64(e.timeNs < MIN_NS || e.timeNs > MAX_NS ? span.startNs : e.timeNs)),
    'Events.Name': span.events.map((e) => e.name),
    'Events.Attributes': span.events.map((e) => textMap(e.attributes, losses)),
    'Links.TraceId': links.map((l) => (l.traceId.length === 16 ? l.traceId.padStart(32, '0') : l.traceId)),
    'Links.SpanId': links.map((l) => l.spanId),
    'Links.TraceState': links.map(() => ''),
    'Links.Attributes': links.map((l) => textMap(l.attributes ?? {}, losses)),
  };
}

/**
 * Epoch ns as `YYYY-MM-DD hh:mm:ss.nnnnnnnnn` in UTC (the INSERT sets session_timezone to UTC): read
 * into DateTime64(9) exactly, where a decimal number of seconds would pass through a double.
 */
export function dateTime64(ns: bigint): string {
  const seconds = ns >= 0n ? ns / 1_000_000_000n : -((-ns + 999_999_999n) / 1_000_000_000n);
  const fraction = (ns - seconds * 1_000_000_000n).toString().padStart(9, '0');
  const iso = new Date(Number(seconds) * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${fraction}`;
}

function durationNs(span: Span): string {
  if (span.timing === 'no-duration') return '0';
  const d = span.durationNs;
  return Number.isFinite(d) && d > 0 ? BigInt(Math.round(d)).toString() : '0';
}

/** Attribute values as the exporter writes them (pcommon's AsString): text, numbers as written, JSON for the rest. */
function textMap(attrs: Attributes, losses: ClickHouseLosses): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(attrs)) out[key] = text(value, losses);
  return out;
}

function text(value: AttrValue, losses: ClickHouseLosses): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') {
    losses.add('typed-attributes');
    return String(value);
  }
  if (value === null) return '';
  losses.add('structured-attributes');
  return JSON.stringify(value);
}

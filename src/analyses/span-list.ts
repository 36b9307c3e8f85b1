/**
 * `tracectl spans`: the spans that matched, across traces, as rows. Spans are offered one at a time
 * (as a dump is read, or trace by trace) and only the rows that will be shown are kept (BoundedTop):
 * with a limit, memory is that of `limit` spans whatever the size of the input. Pure.
 *
 * Times are the span's own, as recorded: a list across traces has no tree to correct clock skew
 * against (the waterfall does that within a trace), and both ways of reading (span by span, or
 * trace by trace for structural expressions) must give the same rows.
 */
import type { AttrValue, Attributes, Span, SpanKind, StatusCode } from '../model/span.js';
import { isoFromNanos, nsToMs } from '../model/time.js';
import { BoundedTop } from './bounded-top.js';
import type { SpanSortKey } from './span-list-choices.js';

export interface SpanRow {
  readonly traceId: string;
  readonly spanId: string;
  /** The parent id the dump gave; null for a root. */
  readonly parentSpanId: string | null;
  readonly service: string;
  readonly operation: string;
  readonly kind: SpanKind;
  /** Epoch nanoseconds, as a decimal string (beyond 2^53). */
  readonly startTimeUnixNano: string;
  /** ISO-8601 UTC, microsecond precision. */
  readonly startTime: string;
  readonly durationMs: number;
  readonly status: StatusCode;
  readonly statusMessage: string | null;
  /** The span's own attributes (empty when the command read spans without them). */
  readonly attributes: Attributes;
  /** The resource (process) attributes. */
  readonly resource: Attributes;
  /** Each --attrs key as given, with the value found (null when the span has none). */
  readonly columns: Readonly<Record<string, AttrValue>>;
}

export interface SpanListResult {
  /** Spans offered (the ones that matched --where). */
  readonly matched: number;
  /** The rows kept, in order: at most the limit. */
  readonly spans: SpanRow[];
}

export interface SpanListOptions {
  readonly sort: SpanSortKey;
  /** At most this many rows; 0 keeps every span. */
  readonly limit: number;
  /** --attrs keys: `attr.K` / `span.K` (span attribute), `resource.K`, or `K` (span, else resource). */
  readonly columns: readonly string[];
}

export class SpanList {
  private readonly top: BoundedTop<Span>;

  constructor(private readonly options: SpanListOptions) {
    this.top = new BoundedTop(options.limit, spanOrder(options.sort));
  }

  /** Spans held now (at most the limit). */
  get held(): number {
    return this.top.size;
  }

  add(span: Span): void {
    this.top.add(span);
  }

  result(): SpanListResult {
    return { matched: this.top.offered, spans: this.top.sorted().map((span) => spanRow(span, this.options.columns)) };
  }
}

/** The order of a sort key; ties go by start, then trace and span id, so every run lists the same rows. */
function spanOrder(sort: SpanSortKey): (a: Span, b: Span) => number {
  const byStart = (a: Span, b: Span): number => (a.startNs < b.startNs ? -1 : a.startNs > b.startNs ? 1 : 0);
  const byIds = (a: Span, b: Span): number => compareText(a.traceId, b.traceId) || compareText(a.spanId, b.spanId);
  switch (sort) {
    case 'duration':
      return (a, b) => b.durationNs - a.durationNs || byStart(a, b) || byIds(a, b);
    case '-duration':
      return (a, b) => a.durationNs - b.durationNs || byStart(a, b) || byIds(a, b);
    case 'start':
      return (a, b) => byStart(a, b) || byIds(a, b);
    case '-start':
      return (a, b) => byStart(b, a) || byIds(a, b);
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function spanRow(span: Span, columns: readonly string[]): SpanRow {
  const picked: Record<string, AttrValue> = {};
  for (const key of columns) picked[key] = columnValue(span, key) ?? null;
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentId ?? null,
    service: span.service,
    operation: span.operation,
    kind: span.kind,
    startTimeUnixNano: span.startNs.toString(),
    startTime: isoFromNanos(span.startNs),
    durationMs: nsToMs(span.durationNs),
    status: span.status,
    statusMessage: span.statusMessage ?? null,
    attributes: span.attributes,
    resource: span.resource,
    columns: picked,
  };
}

/** An --attrs key's value, with the scopes of --where's fields (`attr.`, `span.`, `resource.`, bare). */
function columnValue(span: Span, key: string): AttrValue | undefined {
  if (key.startsWith('resource.')) return own(span.resource, key.slice('resource.'.length));
  if (key.startsWith('attr.')) return own(span.attributes, key.slice('attr.'.length));
  if (key.startsWith('span.')) return own(span.attributes, key.slice('span.'.length));
  return own(span.attributes, key) ?? own(span.resource, key);
}

function own(attrs: Attributes, key: string): AttrValue | undefined {
  return Object.hasOwn(attrs, key) ? attrs[key] : undefined;
}

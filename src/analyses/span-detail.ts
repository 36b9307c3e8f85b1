/**
 * `tracectl span`: everything known about one span, as plain data — the ids and where the span hangs
 * in the tree, its effective timing next to the raw one (clock-skew correction moves spans), self time,
 * status, attributes, resource, events with their offsets, and links/references resolved to the spans
 * they point at when those are in the trace. The `--json` output is this object.
 */
import type { Attributes, RefType, SpanKind, StatusCode } from '../model/span.js';
import { finiteNanos, isoFromNanos, nsToMs } from '../model/time.js';
import type { Relation, SpanNode, Trace } from '../model/trace.js';
import type { WarningCode } from '../model/warnings.js';

export interface SpanSummary {
  readonly spanId: string;
  readonly service: string;
  readonly operation: string;
}

interface SpanEventDetail {
  readonly name: string;
  /** ISO-8601 UTC, microsecond precision: moved with its span by the clock-skew correction. */
  readonly time: string;
  /** The time as recorded, when the correction moved it; else null. */
  readonly rawTime: string | null;
  /** From the span's start (the correction moves the span and its events together, so this is the recorded gap). */
  readonly offsetMs: number;
  readonly attributes: Attributes;
}

interface SpanRefDetail {
  readonly type: RefType;
  readonly traceId: string;
  readonly spanId: string;
  readonly attributes: Attributes;
  /** The span pointed at, when it is in this trace. */
  readonly target: SpanSummary | null;
}

export interface SpanDetail {
  readonly traceId: string;
  readonly spanId: string;
  /** The parent id the dump gave (null: none), even when that span is missing. */
  readonly parentId: string | null;
  /** The parent in the tree, when there is one. */
  readonly parent: SpanSummary | null;
  readonly relation: Relation;
  readonly async: boolean;
  readonly depth: number;
  readonly children: number;
  readonly service: string;
  readonly operation: string;
  readonly kind: SpanKind;
  /** Effective start (ISO-8601 UTC) after clock-skew correction. */
  readonly startTime: string;
  /** The start as recorded, when clock-skew correction moved it; else null. */
  readonly rawStartTime: string | null;
  readonly skewMs: number;
  /** Effective start from the trace start. */
  readonly startOffsetMs: number;
  readonly durationMs: number;
  /** Duration minus the union of the children's intervals clipped to the span. */
  readonly selfMs: number;
  readonly timing: 'exact' | 'derived' | 'no-duration' | 'missing';
  readonly status: StatusCode;
  readonly error: boolean;
  readonly statusMessage: string | null;
  readonly host: string | null;
  /** Zipkin: the server half sharing its id with the client half. */
  readonly shared: boolean;
  readonly format: string;
  readonly flags: readonly WarningCode[];
  /** What the producer or collector said was wrong with the span (Jaeger's per-span `warnings`). */
  readonly warnings: readonly string[];
  readonly attributes: Attributes;
  readonly resource: Attributes;
  readonly events: readonly SpanEventDetail[];
  readonly refs: readonly SpanRefDetail[];
}

/** `selfNs` comes from self-time.ts, computed once for the trace. */
export function spanDetail(trace: Trace, node: SpanNode, selfNs: number): SpanDetail {
  const span = node.span;
  // The start the events were timed against: as recorded, or where a span without time was placed.
  const skew = BigInt(node.skewNs);
  const recordedStart = node.startNs - skew;
  const summary = (n: SpanNode): SpanSummary => ({ spanId: n.span.spanId, service: n.span.service, operation: n.span.operation });
  const wantedIds = new Set(span.refs.filter((r) => r.traceId === trace.traceId).map((r) => r.spanId));
  const byId = new Map<string, SpanNode>();
  if (wantedIds.size > 0) for (const n of trace.nodes) if (wantedIds.has(n.span.spanId) && !byId.has(n.span.spanId)) byId.set(n.span.spanId, n);

  return {
    traceId: trace.traceId,
    spanId: span.spanId,
    parentId: span.parentId ?? null,
    parent: node.parent === undefined ? null : summary(node.parent),
    relation: node.relation,
    async: node.async,
    depth: node.depth,
    children: node.children.length,
    service: span.service,
    operation: span.operation,
    kind: span.kind,
    startTime: isoFromNanos(node.startNs),
    rawStartTime: node.skewNs !== 0 ? isoFromNanos(span.startNs) : null,
    skewMs: nsToMs(node.skewNs),
    startOffsetMs: nsToMs(node.offsetNs),
    durationMs: nsToMs(node.durationNs),
    selfMs: nsToMs(selfNs),
    timing: span.timing,
    status: span.status,
    error: span.status === 'error',
    statusMessage: span.statusMessage ?? null,
    host: span.host ?? null,
    shared: span.shared === true,
    format: span.format,
    flags: node.flags,
    warnings: span.warnings ?? [],
    attributes: span.attributes,
    resource: span.resource,
    events: span.events.map((e) => ({
      name: e.name,
      time: isoFromNanos(e.timeNs + skew),
      rawTime: skew !== 0n ? isoFromNanos(e.timeNs) : null,
      offsetMs: nsToMs(finiteNanos(e.timeNs - recordedStart)),
      attributes: e.attributes,
    })),
    refs: span.refs.map((r) => {
      const target = r.traceId === trace.traceId ? byId.get(r.spanId) : undefined;
      return { type: r.type, traceId: r.traceId, spanId: r.spanId, attributes: r.attributes ?? {}, target: target === undefined ? null : summary(target) };
    }),
  };
}

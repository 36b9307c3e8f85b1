/**
 * One trace as the report page draws it: the tree in depth-first order as parallel columns (so a
 * subtree is a contiguous range the page can collapse without walking), the critical path as
 * sections, and each span's details for the side panel. Resource attribute sets repeat on every
 * span of a process, so they are stored once and referenced.
 */
import { criticalPath } from '../analyses/critical-path.js';
import { traceRow } from '../analyses/trace-list.js';
import type { Attributes } from '../model/span.js';
import { finiteNanos } from '../model/time.js';
import type { Trace } from '../model/trace.js';
import {
  SPAN_FLAG_ASYNC,
  SPAN_FLAG_CRITICAL,
  SPAN_FLAG_ERROR,
  SPAN_FLAG_STATUS_OK,
  SPAN_FLAG_UNTIMED,
  SPAN_KINDS,
  type EmbedReason,
  type SpanDetails,
  type TracePayload,
} from './report-data.js';

export function tracePayload(trace: Trace, reason: EmbedReason): TracePayload {
  const n = trace.nodes.length;
  const strings: string[] = [];
  const stringIds = new Map<string, number>();
  const intern = (s: string): number => {
    let id = stringIds.get(s);
    if (id === undefined) {
      id = strings.length;
      strings.push(s);
      stringIds.set(s, id);
    }
    return id;
  };
  const resources = new SetTable();
  const attributes = new SetTable();

  const path = criticalPath(trace);
  const format = trace.nodes[0]?.span.format ?? 'otlp';
  const columns = {
    id: new Array<string>(n),
    parent: new Array<number>(n),
    depth: new Array<number>(n),
    service: new Array<number>(n),
    operation: new Array<number>(n),
    kind: new Array<number>(n),
    start: new Array<number>(n),
    duration: new Array<number>(n),
    flags: new Array<number>(n),
  };
  const details = new Array<SpanDetails>(n);
  for (let i = 0; i < n; i++) {
    const node = trace.nodes[i]!;
    const span = node.span;
    columns.id[i] = span.spanId;
    columns.parent[i] = node.parent === undefined ? -1 : node.parent.index;
    columns.depth[i] = node.depth;
    columns.service[i] = intern(span.service);
    columns.operation[i] = intern(span.operation);
    columns.kind[i] = Math.max(0, SPAN_KINDS.indexOf(span.kind));
    columns.start[i] = node.offsetNs;
    columns.duration[i] = node.durationNs;
    columns.flags[i] =
      (span.status === 'error' ? SPAN_FLAG_ERROR : 0) |
      (span.status === 'ok' ? SPAN_FLAG_STATUS_OK : 0) |
      (path.onPath.has(i) ? SPAN_FLAG_CRITICAL : 0) |
      (node.async ? SPAN_FLAG_ASYNC : 0) |
      (span.timing === 'missing' || span.timing === 'no-duration' ? SPAN_FLAG_UNTIMED : 0);
    // Events are timed against the start as recorded (before any clock-skew shift).
    const recordedStart = node.startNs - BigInt(node.skewNs);
    const d: { -readonly [K in keyof SpanDetails]: SpanDetails[K] } = { r: resources.id(span.resource) };
    if (Object.keys(span.attributes).length > 0) d.a = attributes.id(span.attributes);
    if (span.events.length > 0) d.e = span.events.map((e) => ({ t: finiteNanos(e.timeNs - recordedStart), n: e.name, a: e.attributes }));
    if (span.refs.length > 0) d.l = span.refs.map((r) => ({ type: r.type, traceId: r.traceId, spanId: r.spanId, a: r.attributes ?? {} }));
    if (span.statusMessage !== undefined) d.m = span.statusMessage;
    if (span.parentId !== undefined && node.parent?.span.spanId !== span.parentId) d.p = span.parentId;
    if (span.timing !== 'exact') d.t = span.timing;
    if (node.skewNs !== 0) d.s = node.skewNs;
    if (span.host !== undefined) d.h = intern(span.host);
    if (span.format !== format) d.f = span.format;
    if (node.flags.length > 0) d.w = node.flags;
    details[i] = d;
  }
  const critical: number[] = [];
  for (const section of path.sections) critical.push(section.node.index, section.startNs, section.endNs);

  return {
    traceId: trace.traceId,
    reason,
    row: traceRow(trace),
    startNs: trace.startNs.toString(),
    durationNs: trace.durationNs,
    strings,
    format,
    spans: columns,
    critical,
    resources: resources.sets,
    attributes: attributes.sets,
    details,
  };
}

/** Attribute sets by content: each distinct set is stored once and referred to by number. */
class SetTable {
  readonly sets: Attributes[] = [];
  private readonly ids = new Map<string, number>();

  id(attrs: Attributes): number {
    const key = JSON.stringify(attrs);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.sets.length;
      this.sets.push(attrs);
      this.ids.set(key, id);
    }
    return id;
  }
}

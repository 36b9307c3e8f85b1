/**
 * One Jaeger span (UI JSON or api_v2 protobuf-JSON) to a normalized Span. The span may stand alone
 * (anonymizer arrays, jaeger-ui's internal `data.spans`, a single-span document) or sit in a trace
 * that lends it a trace id and a `processes` table. jaeger-ui's internal shape embeds whole span
 * objects in `references[].span`; only the reference's ids are read, never the embedded span.
 */
import type { Span } from '../../model/span.js';
import { UNKNOWN_SERVICE } from '../../model/span.js';
import { readFlagsSince } from '../../model/read-flags.js';
import { spanSampling, TAIL_POLICY_KEY } from '../../model/span-sampling.js';
import { TRACE_STATE_TAG } from '../encode/trace-state-tag.js';
import { SAMPLER_PARAM_TAG, SAMPLER_TYPE_TAG } from './sampler-tags.js';
import { isObject } from '../decoder.js';
import { decodeKind } from './kind.js';
import { decodeLineage } from './references.js';
import { decodeLogs } from './logs.js';
import { describeValue, ownEither, ownValue } from './own.js';
import { type ProcessInfo, type ProcessTable, decodeProcess } from './process.js';
import { readId } from './read-id.js';
import { decodeStatus } from './status.js';
import { decodeTags } from './tags.js';
import { decodeTiming } from './timing.js';
import { type WarningSink, warn } from './warn.js';
import type { WireSpan } from './wire.js';

/** What a span inherits from the record around it. */
export interface SpanContext {
  /** The enclosing trace's raw `traceID`, used when a span omits its own. */
  readonly traceIdRaw?: unknown;
  /** The trace's `processes`, for spans that name a `processID`. */
  readonly processes?: ProcessTable;
  /** An api_v2 Batch's shared `process`. */
  readonly batchProcess?: ProcessInfo;
  readonly sink: WarningSink;
}

/** The tags kind, status and sampling are read from (kind.ts, status.ts, decode-trace.ts): all a lean decoding keeps. */
const LEAN_TAGS: ReadonlySet<string> = new Set([
  'span.kind',
  'error',
  'otel.status_code',
  'otel.status_description',
  TRACE_STATE_TAG,
  TAIL_POLICY_KEY,
  SAMPLER_TYPE_TAG,
  SAMPLER_PARAM_TAG,
]);
/** The log fields a lean decoding keeps: the event name (events are named after it) and what status.ts reads. */
const LEAN_LOG_FIELDS: ReadonlySet<string> = new Set(['event', 'message', 'error.object', 'error.kind']);

const UNKNOWN_PROCESS: ProcessInfo = { service: UNKNOWN_SERVICE, resource: {} };

/** The span's process: its `processID` in the trace's table, else its inline `process`, else the batch's. */
function resolveProcess(span: Readonly<Record<string, unknown>>, ctx: SpanContext, traceId: string, spanId: string): ProcessInfo {
  const pid = ownEither(span, 'processID', 'processId');
  const fromTable = typeof pid === 'string' && ctx.processes ? ctx.processes.lookup(pid) : undefined;
  const found = fromTable ?? decodeProcess(ownValue(span, 'process')) ?? ctx.batchProcess;
  if (found) return found;
  // No warning code names a dangling process reference; invalid-id is the nearest (see report).
  const why =
    typeof pid === 'string'
      ? `processID ${JSON.stringify(pid)} is not in the trace's processes`
      : 'it has neither a processID nor a process';
  warn(ctx.sink, 'invalid-id', `span ${spanId}: service is ${UNKNOWN_SERVICE} because ${why}`, traceId, spanId);
  return UNKNOWN_PROCESS;
}

/** The normalized span, or undefined (with a `skipped-span` warning) when it lacks a trace or span id. */
export function decodeSpan(raw: unknown, index: number, ctx: SpanContext): Span | undefined {
  const { sink } = ctx;
  if (!isObject(raw)) {
    warn(sink, 'skipped-span', `span #${index} is ${describeValue(raw)}, not a span object`);
    return undefined;
  }
  const wire = raw as Readonly<Record<string, unknown>> & WireSpan;
  const mark = sink.warnings.length;
  const ownTrace = ownEither(wire, 'traceID', 'traceId');
  const traceRaw = typeof ownTrace === 'string' && ownTrace !== '' ? ownTrace : ctx.traceIdRaw;
  const traceId = readId(traceRaw, 'trace', 'traceID', sink);
  if (traceId === undefined) {
    warn(sink, 'skipped-span', `span #${index} has no traceID`);
    return undefined;
  }
  const spanId = readId(ownEither(wire, 'spanID', 'spanId'), 'span', 'spanID', sink, traceId);
  if (spanId === undefined) {
    warn(sink, 'skipped-span', `span #${index} has no spanID`, traceId);
    return undefined;
  }

  // A processID that names no process is warned about, but it is no invalid id of the span's own.
  const beforeProcess = sink.warnings.length;
  const process = resolveProcess(wire, ctx, traceId, spanId);
  const afterProcess = sink.warnings.length;
  const lean = sink.lean === true;
  const attributes = decodeTags(ownValue(wire, 'tags'), lean ? LEAN_TAGS : undefined);
  const time = decodeTiming(ownValue(wire, 'startTime'), ownValue(wire, 'duration'), sink, traceId, spanId);
  const events = decodeLogs(ownValue(wire, 'logs'), time.startNs, sink, traceId, spanId, lean ? LEAN_LOG_FIELDS : undefined);
  const lineage = decodeLineage(ownValue(wire, 'references'), ownEither(wire, 'parentSpanID', 'parentSpanId'), traceId, spanId, sink);
  const status = decodeStatus(attributes, events);
  const operation = ownValue(wire, 'operationName');

  // Built field by field rather than with conditional spreads: this runs for every span of a dump.
  const span: { -readonly [K in keyof Span]: Span[K] } = { traceId, spanId } as Span;
  if (lineage.parentId !== undefined) {
    span.parentId = lineage.parentId;
    if (lineage.parentType !== undefined) span.parentType = lineage.parentType;
  }
  span.refs = lineage.refs;
  span.service = process.service;
  span.operation = typeof operation === 'string' ? operation : '';
  span.kind = decodeKind(attributes);
  span.startNs = time.startNs;
  span.durationNs = time.durationNs;
  span.timing = time.timing;
  span.status = status.status;
  if (status.statusMessage !== undefined) span.statusMessage = status.statusMessage;
  span.attributes = attributes;
  span.resource = process.resource;
  span.events = events;
  if (process.host !== undefined) span.host = process.host;
  const flags = readFlagsSince(sink.warnings, mark, [beforeProcess, afterProcess]);
  if (flags !== undefined) span.flags = flags;
  const traceState = attributes[TRACE_STATE_TAG];
  if (typeof traceState === 'string' && traceState !== '') span.traceState = traceState;
  const policy = attributes[TAIL_POLICY_KEY];
  const sampling = spanSampling(span.traceState, undefined, typeof policy === 'string' ? policy : undefined);
  if (sampling !== undefined) span.sampling = sampling;
  const warnings = lean ? undefined : decodeWarnings(ownValue(wire, 'warnings'));
  if (warnings !== undefined) span.warnings = warnings;
  span.format = 'jaeger';
  return span;
}

/** The query API's per-span `warnings` (an array of strings, or null): the strings, in order; undefined when none. */
function decodeWarnings(raw: unknown): string[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const out: string[] = [];
  for (const w of raw) if (typeof w === 'string' && w !== '') out.push(w);
  return out.length > 0 ? out : undefined;
}

/**
 * One OTLP span to one normalized Span, given what it inherits from its resource and scope.
 *
 * Kept apart from the ResourceSpans walk so the field mapping (FORMATS.md section 4) can be read,
 * and tested, in one place. Never throws: what cannot be used becomes a warning, and a span without
 * a trace id or span id is skipped because it cannot be placed in any trace.
 */
import type { AttrValue, Attributes, Span } from '../../model/span.js';
import { readFlagsSince } from '../../model/read-flags.js';
import type { TraceWarning } from '../../model/warnings.js';
import { normalizeSpanId, normalizeTraceId } from '../../model/ids.js';
import { spanSampling } from '../../model/span-sampling.js';
import { isObject } from '../decoder.js';
import { attributesOf } from './any-value.js';
import { setAttr } from '../attr-record.js';
import { spanKindOf } from './enums.js';
import { eventsOf } from './events.js';
import { linksOf } from './links.js';
import { parentTypeOf } from './parent-ref-type.js';
import { readId, readParentId } from './span-ids.js';
import { spanStatusOf } from './status.js';
import { spanTimingOf } from './timing.js';
import { describeRaw, warning } from './warn.js';
import type { WireSpan } from './wire.js';

/** What every span of one scope inside one resource shares. */
export interface SpanContext {
  readonly file: string;
  readonly resource: Attributes;
  readonly service: string;
  readonly host: string | undefined;
  /** Instrumentation scope (library) name and version, when given and non-empty. */
  readonly scopeName: string | undefined;
  readonly scopeVersion: string | undefined;
  /** The scope's `tailsampling.policy` attribute: the tail-sampling policy that kept these spans. */
  readonly tailPolicy?: string | undefined;
  /** Leave attributes and events empty (DecodeContext.lean); links are read (they may warn). */
  readonly lean?: boolean;
}

const NO_ATTRIBUTES: Attributes = Object.freeze({});
const NO_LIST: readonly never[] = Object.freeze([]);

export const SCOPE_NAME_ATTR = 'otel.scope.name';
export const SCOPE_VERSION_ATTR = 'otel.scope.version';

/** Span attributes plus the scope name/version, unless the span already says them itself. */
function withScope(attributes: Attributes, ctx: SpanContext): Attributes {
  const extra: [string, string][] = [];
  if (ctx.scopeName !== undefined && !Object.hasOwn(attributes, SCOPE_NAME_ATTR)) extra.push([SCOPE_NAME_ATTR, ctx.scopeName]);
  if (ctx.scopeVersion !== undefined && !Object.hasOwn(attributes, SCOPE_VERSION_ATTR)) {
    extra.push([SCOPE_VERSION_ATTR, ctx.scopeVersion]);
  }
  if (extra.length === 0) return attributes;
  const out: Record<string, AttrValue> = {};
  for (const [key, value] of Object.entries(attributes)) setAttr(out, key, value);
  for (const [key, value] of extra) out[key] = value;
  return out;
}

export function decodeSpan(raw: unknown, ctx: SpanContext, warnings: TraceWarning[]): Span | undefined {
  const { file } = ctx;
  if (!isObject(raw)) {
    warnings.push(warning('skipped-span', `OTLP span is ${describeRaw(raw)}, not an object: skipped`, { file }));
    return undefined;
  }
  const wire = raw as WireSpan;
  const mark = warnings.length;
  const trace = readId(wire.traceId, normalizeTraceId);
  const self = readId(wire.spanId, normalizeSpanId);
  if (trace.kind === 'missing' || self.kind === 'missing') {
    const what = trace.kind === 'missing' ? 'traceId' : 'spanId';
    const at = {
      file,
      traceId: trace.kind === 'missing' ? undefined : trace.id,
      spanId: self.kind === 'missing' ? undefined : self.id,
    };
    warnings.push(warning('skipped-span', `OTLP span without a ${what}: skipped`, at));
    return undefined;
  }
  const at = { file, traceId: trace.id, spanId: self.id };
  if (trace.kind === 'invalid') {
    warnings.push(warning('invalid-id', `invalid traceId ${describeRaw(wire.traceId)}: kept as written`, at));
  }
  if (self.kind === 'invalid') {
    warnings.push(warning('invalid-id', `invalid spanId ${describeRaw(wire.spanId)}: kept as written`, at));
  }

  const parent = readParentId(wire.parentSpanId);
  if (parent.kind === 'invalid') {
    const outcome = parent.id === undefined ? 'span treated as a root' : 'kept as written';
    warnings.push(warning('invalid-id', `invalid parentSpanId ${describeRaw(wire.parentSpanId)}: ${outcome}`, at));
  }
  const parentId = parent.kind === 'root' ? undefined : parent.id;

  const time = spanTimingOf(wire.startTimeUnixNano, wire.endTimeUnixNano);
  if (time.implausibleStart) {
    const message = `startTimeUnixNano ${describeRaw(wire.startTimeUnixNano)} is not a plausible epoch time in nanoseconds`;
    warnings.push(warning('suspect-timestamp', message, at));
  }
  if (time.endBeforeStart) {
    warnings.push(warning('suspect-timestamp', 'endTimeUnixNano is before startTimeUnixNano: duration set to 0', at));
  }

  const { status, statusMessage } = spanStatusOf(wire.status);
  const lean = ctx.lean === true;
  const refs = linksOf(wire.links, at, warnings);
  // Built field by field rather than with conditional spreads: this runs for every span of a dump.
  const span: { -readonly [K in keyof Span]: Span[K] } = { traceId: trace.id, spanId: self.id } as Span;
  if (parentId !== undefined) {
    span.parentId = parentId;
    span.parentType = parentTypeOf(trace.id, parentId, refs);
  }
  span.refs = refs;
  span.service = ctx.service;
  span.operation = typeof wire.name === 'string' ? wire.name : '';
  span.kind = spanKindOf(wire.kind);
  span.startNs = time.startNs;
  span.durationNs = time.durationNs;
  span.timing = time.timing;
  span.status = status;
  if (statusMessage !== undefined) span.statusMessage = statusMessage;
  span.attributes = lean ? NO_ATTRIBUTES : withScope(attributesOf(wire.attributes), ctx);
  span.resource = ctx.resource;
  span.events = lean ? NO_LIST : eventsOf(wire.events, time.startNs);
  if (ctx.host !== undefined) span.host = ctx.host;
  const flags = readFlagsSince(warnings, mark);
  if (flags !== undefined) span.flags = flags;
  const traceState = typeof wire.traceState === 'string' && wire.traceState !== '' ? wire.traceState : undefined;
  if (traceState !== undefined) span.traceState = traceState;
  const sampling = spanSampling(traceState, undefined, ctx.tailPolicy);
  if (sampling !== undefined) span.sampling = sampling;
  span.format = 'otlp';
  return span;
}

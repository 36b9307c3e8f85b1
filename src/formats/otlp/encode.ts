/**
 * Normalized spans to OTLP JSON (ExportTraceServiceRequest / TracesData, protobuf-JSON spelling:
 * lower-case hex ids, int64 times as decimal strings, enums as numbers).
 *
 * OTLP carries everything the model holds at full precision: nanosecond times, kind, status and
 * message, typed attributes, the resource, events with attributes, links with attributes. The
 * instrumentation scope comes back out of the `otel.scope.*` attributes the decoder put it in, and
 * attributes that only restated a field in Jaeger's or Zipkin's spelling (`span.kind`, `error`,
 * `otel.status_*`) are left to the fields. Two things OTLP has no words for are written in the
 * conventions the OpenTelemetry Collector uses: Jaeger reference types (links with
 * `opentracing.ref_type`, see encode-links.ts) and Zipkin client/server halves sharing one span id
 * (kept as they are: not valid OTLP, but read back as a pair, as Jaeger does).
 *
 * Each trace becomes its own ResourceSpans (one per distinct resource in it), so a dump is written
 * trace by trace: `otlp` as one request document, one ResourceSpans per line; `otlp-jsonl` as one
 * request per trace per line, like the Collector's file exporter.
 */
import type { AttrValue, Span, SpanKind } from '../../model/span.js';
import { UNKNOWN_SERVICE } from '../../model/span.js';
import type { SpanGroup, WireEncoder } from '../encode/contract.js';
import { fieldCarriers } from '../encode/field-carriers.js';
import { LossTally } from '../encode/losses.js';
import { lonelySharedHalves } from '../encode/shared-halves.js';
import { type KeyValueOut, keyValuesOut } from './encode-any-value.js';
import { otlpTraceId } from './encode-ids.js';
import { type LinkOut, linksOut } from './encode-links.js';
import { SCOPE_NAME_ATTR, SCOPE_VERSION_ATTR } from './decode-span.js';
import { TAIL_POLICY_KEY } from '../../model/span-sampling.js';
import { TRACE_STATE_TAG } from '../encode/trace-state-tag.js';

interface EventOut {
  readonly timeUnixNano?: string;
  readonly name: string;
  readonly attributes: KeyValueOut[];
}

interface SpanOut {
  readonly traceId: string;
  readonly spanId: string;
  readonly traceState?: string;
  readonly parentSpanId?: string;
  readonly name: string;
  readonly kind: number;
  readonly startTimeUnixNano?: string;
  readonly endTimeUnixNano?: string;
  readonly attributes: KeyValueOut[];
  readonly events: EventOut[];
  readonly links: LinkOut[];
  readonly status?: { readonly code: number; readonly message?: string };
}

type ScopeOut = { name?: string; version?: string; attributes?: KeyValueOut[] };

interface ScopeSpansOut {
  readonly scope: ScopeOut;
  readonly spans: SpanOut[];
}

export interface ResourceSpansOut {
  readonly resource: { readonly attributes: KeyValueOut[] };
  readonly scopeSpans: ScopeSpansOut[];
}

const KIND_NUMBER: Readonly<Record<SpanKind, number>> = { unspecified: 0, internal: 1, server: 2, client: 3, producer: 4, consumer: 5 };

function own(attrs: Span['attributes'], key: string): AttrValue | undefined {
  return Object.prototype.hasOwnProperty.call(attrs, key) ? attrs[key] : undefined;
}

/** Resource attributes, with `service.name` saying the span's service (first, as SDKs write it). */
function resourceEntries(span: Span): [string, AttrValue][] {
  const given = own(span.resource, 'service.name');
  if (given === span.service) return Object.entries(span.resource);
  const rest = Object.entries(span.resource).filter(([key]) => key !== 'service.name');
  if (span.service !== UNKNOWN_SERVICE) return [['service.name', span.service], ...rest];
  // Unknown service: keep an unusable `service.name` ("", a number) as it was; a usable one would rename the service.
  return given !== undefined && !(typeof given === 'string' && given !== '') ? [['service.name', given], ...rest] : rest;
}

/** The scope: name and version from the `otel.scope.*` attributes; the tail-sampling policy as the Collector writes it. */
function scopeOf(span: Span): ScopeOut {
  const name = own(span.attributes, SCOPE_NAME_ATTR);
  const version = own(span.attributes, SCOPE_VERSION_ATTR);
  const policy = span.sampling?.tailPolicy;
  return {
    ...(typeof name === 'string' ? { name } : {}),
    ...(typeof version === 'string' ? { version } : {}),
    ...(policy !== undefined ? { attributes: keyValuesOut([[TAIL_POLICY_KEY, policy]]) } : {}),
  };
}

function eventOf(event: Span['events'][number]): EventOut {
  const attrs = Object.entries(event.attributes).filter(([key, value]) => !(key === 'event' && value === event.name));
  return {
    ...(event.timeNs > 0n ? { timeUnixNano: event.timeNs.toString() } : {}),
    name: event.name,
    attributes: keyValuesOut(attrs),
  };
}

function spanOf(span: Span, losses: LossTally): SpanOut {
  const skip = fieldCarriers(span);
  const scope = scopeOf(span);
  if (scope.name !== undefined) skip.add(SCOPE_NAME_ATTR);
  if (scope.version !== undefined) skip.add(SCOPE_VERSION_ATTR);
  // Jaeger's spellings of fields OTLP has: the tracestate and the tail-sampling policy (in the scope).
  if (span.traceState !== undefined) skip.add(TRACE_STATE_TAG);
  if (scope.attributes !== undefined) skip.add(TAIL_POLICY_KEY);
  const timing =
    span.timing === 'missing'
      ? {}
      : span.timing === 'no-duration'
        ? { startTimeUnixNano: span.startNs.toString() }
        : { startTimeUnixNano: span.startNs.toString(), endTimeUnixNano: (span.startNs + BigInt(span.durationNs)).toString() };
  const status =
    span.status === 'error'
      ? { status: span.statusMessage !== undefined ? { code: 2, message: span.statusMessage } : { code: 2 } }
      : span.status === 'ok'
        ? { status: { code: 1 } }
        : {};
  return {
    traceId: otlpTraceId(span.traceId),
    spanId: span.spanId,
    ...(span.traceState !== undefined ? { traceState: span.traceState } : {}),
    ...(span.parentId !== undefined ? { parentSpanId: span.parentId } : {}),
    name: span.operation,
    kind: KIND_NUMBER[span.kind],
    ...timing,
    attributes: keyValuesOut(Object.entries(span.attributes).filter(([key]) => !skip.has(key))),
    events: span.events.map(eventOf),
    links: linksOut(span, losses),
    ...status,
  };
}

/** One trace as ResourceSpans: spans grouped by resource, then by scope, in order of first use. */
export function encodeOtlpTrace(group: SpanGroup, losses: LossTally): ResourceSpansOut[] {
  type Group = { attributes: KeyValueOut[]; scopes: Map<string, ScopeSpansOut> };
  const resources = new Map<string, Group>();
  // Decoders share one resource object among the spans of a resource (or process): those spans are
  // grouped by that object, and the JSON text of the attributes decides only for a new one.
  const byObject = new Map<Span['resource'], Map<string, Group>>();
  const seenIds = new Set<string>();
  losses.add('shared-flag', lonelySharedHalves(group.spans));
  for (const span of group.spans) {
    if (seenIds.has(span.spanId)) losses.add('shared-span-ids');
    seenIds.add(span.spanId);
    let byService = byObject.get(span.resource);
    let resource = byService?.get(span.service);
    if (resource === undefined) {
      const attributes = keyValuesOut(resourceEntries(span));
      const resourceKey = JSON.stringify(attributes);
      resource = resources.get(resourceKey);
      if (resource === undefined) {
        resource = { attributes, scopes: new Map() };
        resources.set(resourceKey, resource);
      }
      if (byService === undefined) byObject.set(span.resource, (byService = new Map()));
      byService.set(span.service, resource);
    }
    const scope = scopeOf(span);
    const scopeKey = JSON.stringify(scope);
    let scopeSpans = resource.scopes.get(scopeKey);
    if (scopeSpans === undefined) {
      scopeSpans = { scope, spans: [] };
      resource.scopes.set(scopeKey, scopeSpans);
    }
    scopeSpans.spans.push(spanOf(span, losses));
  }
  return [...resources.values()].map((r) => ({ resource: { attributes: r.attributes }, scopeSpans: [...r.scopes.values()] }));
}

/** A whole dump as one request document, one ResourceSpans per line. */
export function otlpEncoder(): WireEncoder {
  const losses = new LossTally();
  let count = 0;
  return {
    losses,
    head: () => '{"resourceSpans":[',
    trace(group) {
      let text = '';
      for (const resourceSpans of encodeOtlpTrace(group, losses)) text += `${count++ === 0 ? '\n' : ',\n'}${JSON.stringify(resourceSpans)}`;
      return text;
    },
    tail: () => `${count > 0 ? '\n' : ''}]}\n`,
  };
}

/** A whole dump as JSON lines, one request per trace (the Collector file exporter's shape). */
export function otlpJsonlEncoder(): WireEncoder {
  const losses = new LossTally();
  return {
    losses,
    head: () => '',
    trace: (group) => `${JSON.stringify({ resourceSpans: encodeOtlpTrace(group, losses) })}\n`,
    tail: () => '',
  };
}

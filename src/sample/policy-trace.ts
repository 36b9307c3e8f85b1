/**
 * A trace as the tail-sampling processor holds it when it decides: its spans in the order they
 * arrived, in batches that each carry one resource (ResourceSpans), its span count, its id as 16
 * bytes, and when the decision is made.
 *
 * The processor sees OTLP. Spans read from Jaeger or Zipkin are looked at as the Collector's
 * receivers would hand them on: the tags that carry OTLP fields (span kind, status, tracestate,
 * scope) are fields, not attributes, and the service name is the resource's `service.name`. For
 * OTLP spans, tracectl's `otel.scope.*` attributes (the scope, kept on the span) are not attributes.
 */
import type { AttrValue, Attributes, Span } from '../model/span.js';
import { UNKNOWN_SERVICE } from '../model/span.js';

export interface PolicyBatch {
  readonly resource: Attributes;
  /** The service, for resources that do not name it (spans not read from OTLP). */
  readonly service: string | undefined;
  readonly spans: readonly Span[];
}

export interface PolicyTrace {
  readonly traceId: string;
  /** The trace id as the 16 bytes of a pcommon.TraceID (a 64-bit id has 8 zero bytes first); undefined when it is not hex. */
  readonly idBytes: Uint8Array | undefined;
  readonly spanCount: number;
  readonly batches: readonly PolicyBatch[];
  /** When the Collector decides (epoch ns): see decisionTime in tail-sampler.ts. */
  readonly decisionNs: bigint;
}

const FIELD_TAGS: ReadonlySet<string> = new Set([
  'span.kind',
  'error',
  'otel.status_code',
  'otel.status_description',
  'w3c.tracestate',
  'otel.scope.name',
  'otel.scope.version',
  'otel.library.name',
  'otel.library.version',
]);

/** A span attribute as the processor sees it, or undefined. */
export function spanAttribute(span: Span, key: string): AttrValue | undefined {
  if (!Object.hasOwn(span.attributes, key)) return undefined;
  if (span.format === 'otlp' ? key === 'otel.scope.name' || key === 'otel.scope.version' : FIELD_TAGS.has(key)) return undefined;
  return span.attributes[key];
}

/** A resource attribute as the processor sees it, or undefined. */
export function resourceAttribute(batch: PolicyBatch, key: string): AttrValue | undefined {
  if (Object.hasOwn(batch.resource, key)) return batch.resource[key];
  return key === 'service.name' ? batch.service : undefined;
}

/** Consecutive spans that share a resource form one batch, in read order. */
export function policyTrace(traceId: string, spans: readonly Span[], decisionNs: bigint): PolicyTrace {
  const batches: { resource: Attributes; service: string | undefined; spans: Span[] }[] = [];
  let last: (typeof batches)[number] | undefined;
  for (const span of spans) {
    const service = span.format !== 'otlp' && span.service !== UNKNOWN_SERVICE ? span.service : undefined;
    if (last === undefined || last.resource !== span.resource || last.service !== service) {
      last = { resource: span.resource, service, spans: [] };
      batches.push(last);
    }
    last.spans.push(span);
  }
  return { traceId, idBytes: traceIdBytes(traceId), spanCount: spans.length, batches, decisionNs };
}

function traceIdBytes(traceId: string): Uint8Array | undefined {
  if (!/^[0-9a-f]{16}$|^[0-9a-f]{32}$/.test(traceId)) return undefined;
  const hex = traceId.padStart(32, '0');
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/** pcommon Value.Str(): the string, or '' for a value of another type. */
export function asStr(value: AttrValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

/** pcommon Value.Int(): a whole number as int64, 0 for a value of another type (a double, a string). */
export function asInt(value: AttrValue | undefined): bigint {
  return typeof value === 'number' && Number.isInteger(value) ? BigInt(value) : 0n;
}

/** pcommon Value.Bool(): the boolean, false for a value of another type. */
export function asBool(value: AttrValue | undefined): boolean {
  return value === true;
}

/**
 * What went wrong in a span, in the producer's own words, whatever format it came from. Each format
 * says it differently, and the decoders keep the raw material (status message, events, tags) rather
 * than deciding, so the reading is done here, once, for every command that shows an error:
 *
 * - OTLP: `status.message`; exception events (`exception.type`, `exception.message`,
 *   `exception.stacktrace`) — OpenTelemetry names them `exception`, some SDKs (Go) write `error`.
 * - Jaeger: OpenTracing error logs (`event=error` with `message`, `error.object`, `error.kind`) and
 *   `otel.status_description` from OpenTelemetry's Jaeger exporter.
 * - Zipkin: the value of the `error` tag ("" and "true" only mark failure; anything else is the reason).
 * - Any format: the HTTP status (`http.response.status_code`, older `http.status_code`) when it is
 *   4xx/5xx, and gRPC's `grpc.error_message` as written by OpenTelemetry's Node instrumentation.
 *
 * The text is the first of: status message, exception message, error-log message / error object,
 * Zipkin `error` tag, `otel.status_description`, `grpc.error_message`, and — only when nothing else
 * says anything — the first line of the exception stack trace. The type is the exception type, else
 * the error log's `error.kind`. When a span recorded several exceptions the last one counts: it is the
 * one that ended the span.
 */
import type { AttrValue, Attributes, Span, SpanEvent } from '../model/span.js';

export interface ErrorDescription {
  /** Exception type (`exception.type`, Jaeger `error.kind`), or null. */
  readonly type: string | null;
  /** The reason as written, without type or HTTP status, or null. */
  readonly text: string | null;
  /** HTTP status code when it is 400 or above, else null. */
  readonly httpStatus: number | null;
  /** Everything above in one line for people: `Type: text (HTTP 503)`; null when the span says nothing. */
  readonly message: string | null;
}

export function describeError(span: Span): ErrorDescription {
  const exception = lastException(span.events);
  const errorLog = firstErrorLog(span.events);
  const type = exception?.type ?? errorLog?.kind ?? null;
  const text =
    nonEmpty(span.statusMessage) ??
    exception?.message ??
    errorLog?.message ??
    zipkinErrorTag(span.attributes) ??
    stringAttr(span.attributes, 'otel.status_description') ??
    stringAttr(span.attributes, 'grpc.error_message') ??
    exception?.stackLine ??
    null;
  const httpStatus = httpErrorStatus(span.attributes);
  return { type, text, httpStatus, message: composeMessage(type, text, httpStatus) };
}

function composeMessage(type: string | null, text: string | null, httpStatus: number | null): string | null {
  let base: string | null;
  if (type !== null && text !== null) base = text.includes(type) ? text : `${type}: ${text}`;
  else base = text ?? type;
  if (httpStatus === null) return base;
  if (base === null || base === String(httpStatus)) return `HTTP ${httpStatus}`;
  return `${base} (HTTP ${httpStatus})`;
}

interface ExceptionInfo {
  readonly type: string | undefined;
  readonly message: string | undefined;
  readonly stackLine: string | undefined;
}

function lastException(events: readonly SpanEvent[]): ExceptionInfo | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const attrs = events[i]!.attributes;
    const type = stringAttr(attrs, 'exception.type');
    const message = stringAttr(attrs, 'exception.message');
    const stack = stringAttr(attrs, 'exception.stacktrace');
    if (type === undefined && message === undefined && stack === undefined) continue;
    const stackLine = stack?.split('\n').map((l) => l.trim()).find((l) => l !== '');
    return { type, message, stackLine };
  }
  return undefined;
}

interface ErrorLogInfo {
  readonly kind: string | undefined;
  readonly message: string | undefined;
}

/** An OpenTracing error log: a Jaeger log whose `event` field is "error". */
function firstErrorLog(events: readonly SpanEvent[]): ErrorLogInfo | undefined {
  for (const event of events) {
    const marker = own(event.attributes, 'event');
    if (typeof marker !== 'string' || marker.trim().toLowerCase() !== 'error') continue;
    const kind = stringAttr(event.attributes, 'error.kind');
    const message = stringAttr(event.attributes, 'message') ?? stringAttr(event.attributes, 'error.object');
    if (kind !== undefined || message !== undefined) return { kind, message };
  }
  return undefined;
}

/** Zipkin's `error` tag when it holds a reason rather than a bare marker. */
function zipkinErrorTag(attrs: Attributes): string | undefined {
  const value = stringAttr(attrs, 'error');
  if (value === undefined) return undefined;
  const lower = value.trim().toLowerCase();
  return lower === 'true' || lower === 'false' ? undefined : value;
}

function httpErrorStatus(attrs: Attributes): number | null {
  for (const key of ['http.response.status_code', 'http.status_code']) {
    const value = own(attrs, key);
    const code = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d{3}\s*$/.test(value) ? Number(value) : NaN;
    if (Number.isInteger(code) && code >= 100 && code <= 599) return code >= 400 ? code : null;
  }
  return null;
}

/** A string (or number/boolean written as text) attribute, undefined when absent or empty. */
function stringAttr(attrs: Attributes, key: string): string | undefined {
  const value = own(attrs, key);
  if (typeof value === 'string') return nonEmpty(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === '' ? undefined : text;
}

/** Own properties only: a dump's attribute named "constructor" must not find Object.prototype's. */
function own(attrs: Attributes, key: string): AttrValue | undefined {
  return Object.prototype.hasOwnProperty.call(attrs, key) ? attrs[key] : undefined;
}

/**
 * Attributes that only restate a span field. Jaeger has no kind or status fields, so its decoder
 * reads them from the tags `span.kind`, `error`, `otel.status_code` and `otel.status_description`,
 * and Zipkin reads status from `error` / `otel.status_*`; those tags stay among the span's attributes.
 * A format with real fields (OTLP status, Zipkin kind) must not repeat them as attributes, or a round
 * trip would grow attributes that were never there. Only carriers that agree with the field are
 * listed: an attribute that says something else is the producer's own and is kept.
 */
import type { AttrValue, Span } from '../../model/span.js';

function own(attrs: Span['attributes'], key: string): AttrValue | undefined {
  return Object.prototype.hasOwnProperty.call(attrs, key) ? attrs[key] : undefined;
}

function isTrueText(value: AttrValue | undefined): boolean {
  return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

function isFalseText(value: AttrValue | undefined): boolean {
  return value === false || (typeof value === 'string' && value.trim().toLowerCase() === 'false');
}

/** `span.kind` when it names the span's own kind. */
export function kindCarrier(span: Span): string | undefined {
  const value = own(span.attributes, 'span.kind');
  return typeof value === 'string' && value.trim().toLowerCase() === span.kind ? 'span.kind' : undefined;
}

/** The keys among `span.kind`, `error`, `otel.status_code`, `otel.status_description` that restate a field. */
export function fieldCarriers(span: Span): Set<string> {
  const keys = new Set<string>();
  const kind = kindCarrier(span);
  if (kind !== undefined) keys.add(kind);
  const error = own(span.attributes, 'error');
  if (error !== undefined) {
    const restates =
      span.status === 'error'
        ? isTrueText(error) || error === '' || (span.statusMessage !== undefined && error === span.statusMessage)
        : isFalseText(error);
    if (restates) keys.add('error');
  }
  const code = own(span.attributes, 'otel.status_code');
  if (typeof code === 'string') {
    const upper = code.trim().toUpperCase();
    if ((upper === 'ERROR' && span.status === 'error') || (upper === 'OK' && span.status === 'ok')) keys.add('otel.status_code');
  }
  const description = own(span.attributes, 'otel.status_description');
  if (span.status === 'error' && typeof description === 'string' && description === span.statusMessage) {
    keys.add('otel.status_description');
  }
  return keys;
}

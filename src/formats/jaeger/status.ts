/**
 * Span status from Jaeger tags. Jaeger has no status field: OpenTracing writers set the tag
 * `error` (bool, or the string "true" in any case, since writers mis-type it), and spans converted
 * from OpenTelemetry carry `otel.status_code` ("ERROR" / "OK") with `otel.status_description`.
 * `error` = false / "false" is explicitly not an error. The message is the producer's own words:
 * the status description, else the first `event=error` log's `message`, `error.object` or
 * `error.kind`. A log alone does not make a span failed (OpenTracing logs are per event), so the
 * message is only looked for on spans that failed.
 */
import type { Attributes, SpanEvent, StatusCode } from '../../model/span.js';
import { ownValue } from './own.js';

export interface SpanStatus {
  readonly status: StatusCode;
  readonly statusMessage?: string;
}

const ERROR_LOG_KEYS = ['message', 'error.object', 'error.kind'] as const;

function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function errorLogMessage(events: readonly SpanEvent[]): string | undefined {
  for (const event of events) {
    const kind = ownValue(event.attributes, 'event');
    if (typeof kind !== 'string' || kind.toLowerCase() !== 'error') continue;
    for (const key of ERROR_LOG_KEYS) {
      const message = text(ownValue(event.attributes, key));
      if (message !== undefined) return message;
    }
  }
  return undefined;
}

export function decodeStatus(attributes: Attributes, events: readonly SpanEvent[]): SpanStatus {
  const otelCode = ownValue(attributes, 'otel.status_code');
  const code = typeof otelCode === 'string' ? otelCode.trim().toUpperCase() : undefined;
  if (isTrue(ownValue(attributes, 'error')) || code === 'ERROR') {
    const message = text(ownValue(attributes, 'otel.status_description')) ?? errorLogMessage(events);
    return message !== undefined ? { status: 'error', statusMessage: message } : { status: 'error' };
  }
  return { status: code === 'OK' ? 'ok' : 'unset' };
}

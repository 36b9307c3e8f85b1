/**
 * A Zipkin span's status from its tags (v2) or binary annotations (v1). Zipkin marks failure by
 * the mere presence of an `error` tag, whatever its value: "" and "true" say only "failed", while
 * anything else ("404", "Non-basic error message") is the reason. OpenTelemetry's Zipkin exporter
 * writes `otel.status_code` ("OK" | "ERROR") and `otel.status_description` instead.
 */
import type { StatusCode } from '../../model/span.js';

export interface SpanStatus {
  readonly status: StatusCode;
  readonly statusMessage?: string;
}

/** A value that says why, or undefined for the bare markers "" and "true". */
function reason(value: string | undefined): string | undefined {
  return value === undefined || value === '' || value === 'true' ? undefined : value;
}

/** The tags status is read from: all a lean decoding keeps. */
export const STATUS_TAGS: ReadonlySet<string> = new Set(['error', 'otel.status_code', 'otel.status_description']);

export function statusFromTags(tags: Readonly<Record<string, string>>): SpanStatus {
  const description = reason(tags['otel.status_description']);
  const code = tags['otel.status_code']?.toUpperCase();
  if ('error' in tags || code === 'ERROR') {
    const message = reason(tags['error']) ?? description;
    return message === undefined ? { status: 'error' } : { status: 'error', statusMessage: message };
  }
  if (code === 'OK') return { status: 'ok' };
  return { status: 'unset' };
}

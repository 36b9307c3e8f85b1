/**
 * Reading one Jaeger id with the shared rules: hex (UI JSON, leading zeros possibly stripped) or
 * base64 (api_v2 protobuf-JSON) through the model's normalizers; a non-empty string they reject is
 * kept lower-cased, with an `invalid-id` warning, so the span still shows and links; anything else
 * counts as missing and the caller decides (skip the span, drop the reference).
 */
import { fallbackId, normalizeSpanId, normalizeTraceId } from '../../model/ids.js';
import { type WarningSink, warn } from './warn.js';

export type IdKind = 'trace' | 'span';

/** The normalized id, the kept invalid id, or undefined when `raw` is not a non-empty string. */
export function readId(
  raw: unknown,
  kind: IdKind,
  what: string,
  sink: WarningSink,
  traceId?: string,
  spanId?: string,
): string | undefined {
  if (typeof raw !== 'string' || raw === '') return undefined;
  const id = kind === 'trace' ? normalizeTraceId(raw) : normalizeSpanId(raw);
  if (id !== undefined) return id;
  const kept = fallbackId(raw);
  warn(sink, 'invalid-id', `${what} ${JSON.stringify(raw)} is not a hex or base64 ${kind} id; kept as given`, traceId, spanId);
  return kept;
}

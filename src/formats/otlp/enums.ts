/**
 * OTLP span kind and status code, which arrive as numbers (what the spec mandates) or as enum names
 * (what stock protobuf-JSON writers such as Tempo emit: "SPAN_KIND_SERVER", "STATUS_CODE_ERROR").
 * Values follow opentelemetry-proto trace/v1/trace.proto; anything unknown means "not said".
 */
import type { SpanKind, StatusCode } from '../../model/span.js';

/** Indexed by the proto enum number. */
const KINDS: readonly SpanKind[] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];
const STATUSES: readonly StatusCode[] = ['unset', 'ok', 'error'];

/**
 * The enum number of `raw`: a number, a decimal string, or a name with or without its prefix,
 * in any case ("SPAN_KIND_SERVER", "server"). Undefined when it is none of those.
 */
function enumNumber(raw: unknown, prefix: string, names: readonly string[]): number | undefined {
  if (typeof raw === 'number') return Number.isInteger(raw) ? raw : undefined;
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim().toUpperCase();
  if (/^\d+$/.test(text)) return Number(text);
  const bare = text.startsWith(prefix) ? text.slice(prefix.length) : text;
  const index = names.indexOf(bare);
  return index === -1 ? undefined : index;
}

const KIND_NAMES = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'];
const STATUS_NAMES = ['UNSET', 'OK', 'ERROR'];

export function spanKindOf(raw: unknown): SpanKind {
  const n = enumNumber(raw, 'SPAN_KIND_', KIND_NAMES);
  return n === undefined ? 'unspecified' : (KINDS[n] ?? 'unspecified');
}

export function statusCodeOf(raw: unknown): StatusCode {
  const n = enumNumber(raw, 'STATUS_CODE_', STATUS_NAMES);
  return n === undefined ? 'unset' : (STATUSES[n] ?? 'unset');
}

/**
 * Whether an OTLP 0.7-0.9 `deprecatedCode` (the old gRPC-style code: 0 OK, 1..16 failures,
 * "DEPRECATED_STATUS_CODE_UNKNOWN_ERROR", ...) signals a failure. Only recognised failure codes
 * count; garbage does not.
 */
export function deprecatedCodeIsError(raw: unknown): boolean {
  if (typeof raw === 'number') return Number.isInteger(raw) && raw >= 1 && raw <= 16;
  if (typeof raw !== 'string') return false;
  const text = raw.trim().toUpperCase();
  if (/^\d+$/.test(text)) return deprecatedCodeIsError(Number(text));
  return text.startsWith('DEPRECATED_STATUS_CODE_') && text !== 'DEPRECATED_STATUS_CODE_OK';
}

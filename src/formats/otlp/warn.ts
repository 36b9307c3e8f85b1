/**
 * Building the warnings this decoder emits, so every one names its file (and the span, when known)
 * and quotes untrusted input the same way: shortened, and JSON-quoted so control characters in it
 * cannot reach a terminal raw.
 */
import type { TraceWarning, WarningCode } from '../../model/warnings.js';

export interface WarnAt {
  readonly file: string;
  readonly traceId?: string | undefined;
  readonly spanId?: string | undefined;
}

/** Longest piece of input quoted in a warning message. */
const QUOTE_CHARS = 64;

export function warning(code: WarningCode, message: string, at: WarnAt): TraceWarning {
  return {
    code,
    message,
    file: at.file,
    ...(at.traceId !== undefined ? { traceId: at.traceId } : {}),
    ...(at.spanId !== undefined ? { spanId: at.spanId } : {}),
  };
}

/** A raw wire value for a message: `"abc"`, `12`, `null`, `an object`, `an array`, `missing`. */
export function describeRaw(raw: unknown): string {
  if (raw === undefined) return 'missing';
  if (typeof raw === 'string') {
    const short = raw.length > QUOTE_CHARS ? `${raw.slice(0, QUOTE_CHARS)}…` : raw;
    return JSON.stringify(short);
  }
  if (typeof raw === 'number' || typeof raw === 'boolean' || raw === null) return String(raw);
  if (Array.isArray(raw)) return 'an array';
  return typeof raw === 'object' ? 'an object' : `a ${typeof raw}`;
}

/**
 * A span's status from the OTLP `status` object, and nothing else: HTTP status attributes and
 * exception events are read by a separate analysis, so the decoder reports only what the producer
 * set as status.
 *
 * Old senders (OTLP 0.7-0.9) may carry the failure only in `deprecatedCode`; trace.proto of those
 * versions says: when `code` is UNSET, a `deprecatedCode` other than OK means ERROR.
 */
import type { StatusCode } from '../../model/span.js';
import { isObject } from '../decoder.js';
import { deprecatedCodeIsError, statusCodeOf } from './enums.js';
import type { WireStatus } from './wire.js';

export interface SpanStatus {
  readonly status: StatusCode;
  /** The producer's message, only for a failed span and only when non-empty. */
  readonly statusMessage?: string;
}

export function spanStatusOf(raw: unknown): SpanStatus {
  if (!isObject(raw)) return { status: 'unset' };
  const wire = raw as WireStatus;
  let status = statusCodeOf(wire.code);
  if (status === 'unset' && deprecatedCodeIsError(wire.deprecatedCode)) status = 'error';
  if (status === 'error' && typeof wire.message === 'string' && wire.message !== '') {
    return { status, statusMessage: wire.message };
  }
  return { status };
}

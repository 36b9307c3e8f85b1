/** `status_code` (internal/sampling/status_code.go): a span with one of the listed status codes. */
import type { StatusCode } from '../../model/span.js';
import type { PolicyEvaluator } from './evaluator.js';
import { anySpan } from './resource-or-span.js';

const CODES: Readonly<Record<'OK' | 'ERROR' | 'UNSET', StatusCode>> = { OK: 'ok', ERROR: 'error', UNSET: 'unset' };

export function statusCodePolicy(codes: readonly ('OK' | 'ERROR' | 'UNSET')[]): PolicyEvaluator {
  const wanted = new Set(codes.map((c) => CODES[c]));
  return { evaluate: (trace) => anySpan(trace, (span) => wanted.has(span.status)) };
}

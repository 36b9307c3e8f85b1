/**
 * Span kind from the OpenTracing tag `span.kind`, the only place Jaeger records it. Writers differ
 * in case ("SERVER" from some bridges), so it is compared lower-cased; anything else is unspecified.
 */
import type { Attributes, SpanKind } from '../../model/span.js';
import { ownValue } from './own.js';

const KINDS: readonly SpanKind[] = ['client', 'server', 'producer', 'consumer', 'internal'];

export function decodeKind(attributes: Attributes): SpanKind {
  const raw = ownValue(attributes, 'span.kind');
  if (typeof raw !== 'string') return 'unspecified';
  const lower = raw.trim().toLowerCase();
  return (KINDS as readonly string[]).includes(lower) ? (lower as SpanKind) : 'unspecified';
}

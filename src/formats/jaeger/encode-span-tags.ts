/**
 * The tags of a Jaeger span: its attributes, plus the tags through which Jaeger says what other
 * formats have fields for (`span.kind`, `error`, `otel.status_code`, `otel.status_description`).
 * The result is checked with the decoder's own readers (decodeKind, decodeStatus), so what is written
 * reads back as the same kind, status and message; a span read from Jaeger already carries its tags
 * and comes out unchanged. Carriers in another format's spelling (a Zipkin `error` tag holding the
 * message) are replaced by Jaeger's. An attribute that contradicts the span's kind or status is
 * dropped or overwritten, and counted: the span's status is what analyses rely on.
 */
import type { AttrValue, Attributes, Span } from '../../model/span.js';
import { fieldCarriers } from '../encode/field-carriers.js';
import { TRACE_STATE_TAG } from '../encode/trace-state-tag.js';
import { TAIL_POLICY_KEY } from '../../model/span-sampling.js';
import type { LossTally } from '../encode/losses.js';
import { type AttrBag, setAttr } from '../attr-record.js';
import { decodeKind } from './kind.js';
import { decodeStatus } from './status.js';

/** The only tags decodeKind and decodeStatus read: copying these few, not every tag, keeps big dumps fast. */
const READ_KEYS = ['span.kind', 'error', 'otel.status_code', 'otel.status_description'] as const;

function asBag(tags: ReadonlyMap<string, AttrValue>): Attributes {
  const bag: AttrBag = {};
  for (const key of READ_KEYS) {
    const value = tags.get(key);
    if (value !== undefined) setAttr(bag, key, value);
  }
  return bag;
}

function isTrue(value: AttrValue | undefined): boolean {
  return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

function fixKind(span: Span, tags: Map<string, AttrValue>): boolean {
  if (decodeKind(asBag(tags)) === span.kind) return false;
  const conflict = tags.has('span.kind');
  if (span.kind === 'unspecified') tags.delete('span.kind');
  else tags.set('span.kind', span.kind);
  return conflict;
}

function fixStatus(span: Span, tags: Map<string, AttrValue>): boolean {
  let conflict = false;
  if (decodeStatus(asBag(tags), span.events).status !== span.status) {
    if (span.status === 'error') {
      if (tags.has('error')) conflict = true;
      tags.set('error', true);
    } else {
      if (isTrue(tags.get('error'))) {
        tags.delete('error');
        conflict = true;
      }
      const code = tags.get('otel.status_code');
      const upper = typeof code === 'string' ? code.trim().toUpperCase() : undefined;
      if (upper === 'ERROR' || (upper === 'OK' && span.status === 'unset')) {
        tags.delete('otel.status_code');
        conflict = true;
      }
      if (span.status === 'ok') tags.set('otel.status_code', 'OK');
    }
  }
  return conflict;
}

function fixMessage(span: Span, tags: Map<string, AttrValue>, losses: LossTally): boolean {
  if (span.status !== 'error' || decodeStatus(asBag(tags), span.events).statusMessage === span.statusMessage) return false;
  const conflict = tags.has('otel.status_description');
  if (span.statusMessage !== undefined) tags.set('otel.status_description', span.statusMessage);
  else tags.delete('otel.status_description');
  if (decodeStatus(asBag(tags), span.events).statusMessage !== span.statusMessage) losses.add('status-message');
  return conflict;
}

/** The span's tags as ordered key/value pairs. */
export function jaegerSpanTagEntries(span: Span, losses: LossTally): Map<string, AttrValue> {
  const foreign = span.format === 'jaeger' ? new Set<string>() : fieldCarriers(span);
  const tags = new Map<string, AttrValue>();
  for (const [key, value] of Object.entries(span.attributes)) if (!foreign.has(key)) tags.set(key, value);
  // Jaeger has no fields for these: the tags Jaeger and the Collector use for them.
  if (span.traceState !== undefined) tags.set(TRACE_STATE_TAG, span.traceState);
  if (span.sampling?.tailPolicy !== undefined) tags.set(TAIL_POLICY_KEY, span.sampling.tailPolicy);
  const conflicts = [fixKind(span, tags), fixStatus(span, tags), fixMessage(span, tags, losses)];
  if (conflicts.includes(true)) losses.add('conflicting-attributes');
  return tags;
}

/**
 * The `tags` of a Zipkin v2 span: a flat string-to-string map. Attribute values are spelled out as
 * text (numbers, booleans; arrays and maps as JSON, as the OpenTelemetry Zipkin mapping says).
 * Status is said the Zipkin way and checked with the decoder's own reader (statusFromTags), so it
 * reads back the same: an `error` tag holding the message (or "" when there is none) for a failed
 * span, `otel.status_code=OK` for an OK one. Zipkin takes the mere presence of `error` as failure,
 * so an `error` attribute on a span that did not fail (Jaeger's `error=false`) is dropped.
 */
import type { AttrValue, Span } from '../../model/span.js';
import { fieldCarriers, kindCarrier } from '../encode/field-carriers.js';
import type { LossTally } from '../encode/losses.js';
import { statusFromTags } from './error-status.js';

export type ZipkinTags = Record<string, string>;

function text(value: AttrValue): { text: string; typed: boolean } {
  if (typeof value === 'string') return { text: value, typed: false };
  if (value === null) return { text: '', typed: false };
  if (typeof value === 'number' || typeof value === 'boolean') return { text: String(value), typed: true };
  return { text: JSON.stringify(value), typed: true };
}

function asRecord(tags: ReadonlyMap<string, string>): ZipkinTags {
  // No prototype: a tag named "__proto__" is stored like any other.
  const out = Object.create(null) as ZipkinTags;
  for (const [key, value] of tags) out[key] = value;
  return out;
}

function isFalseText(value: string | undefined): boolean {
  return value !== undefined && value.trim().toLowerCase() === 'false';
}

/** Makes the tags say the span's status; true when an attribute had to give way. */
function fixStatus(span: Span, tags: Map<string, string>): boolean {
  let conflict = false;
  if (span.status === 'error') {
    if (statusFromTags(asRecord(tags)).status !== 'error') tags.set('error', span.statusMessage ?? '');
    if (statusFromTags(asRecord(tags)).statusMessage !== span.statusMessage) {
      conflict = true;
      tags.set('error', span.statusMessage ?? '');
      if (statusFromTags(asRecord(tags)).statusMessage !== span.statusMessage) tags.delete('otel.status_description');
    }
    return conflict;
  }
  if (tags.has('error')) {
    if (!isFalseText(tags.get('error'))) conflict = true;
    tags.delete('error');
  }
  const code = tags.get('otel.status_code')?.trim().toUpperCase();
  if (code === 'ERROR' || (code === 'OK' && span.status === 'unset')) {
    tags.delete('otel.status_code');
    conflict = true;
  }
  if (span.status === 'ok' && code !== 'OK') tags.set('otel.status_code', 'OK');
  return conflict;
}

/** The span's tags, leaving out the keys the remote endpoint took over. */
export function zipkinTags(span: Span, endpointKeys: ReadonlySet<string>, losses: LossTally): ZipkinTags {
  const skip = span.format === 'zipkin' ? new Set<string>() : fieldCarriers(span);
  const kind = kindCarrier(span);
  if (kind !== undefined) skip.add(kind);
  const tags = new Map<string, string>();
  let typed = false;
  for (const [key, value] of Object.entries(span.attributes)) {
    if (skip.has(key) || endpointKeys.has(key)) continue;
    const spelled = text(value);
    typed ||= spelled.typed;
    tags.set(key, spelled.text);
  }
  if (typed) losses.add('typed-attributes');
  if (fixStatus(span, tags)) losses.add('conflicting-attributes');
  return asRecord(tags);
}

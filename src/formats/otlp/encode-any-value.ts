/**
 * Attribute values as OTLP `AnyValue`s and `KeyValue` lists, in the protobuf-JSON spelling the
 * specification gives (int64 as a decimal string). Whole numbers within 2^53 become `intValue`,
 * others `doubleValue`; integers the decoder kept as strings because they exceeded 2^53 stay
 * strings (the model no longer knows they were numbers). Nesting is capped like the decoder's.
 */
import type { AttrValue } from '../../model/span.js';
import { MAX_DEPTH } from './any-value.js';
import { boundedJson } from '../../json/bounded-json.js';

type AnyValueOut =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string }
  | { doubleValue: number }
  | { arrayValue: { values: AnyValueOut[] } }
  | { kvlistValue: { values: KeyValueOut[] } }
  | Record<string, never>;

export interface KeyValueOut {
  readonly key: string;
  readonly value: AnyValueOut;
}

/** Text kept for a value nested deeper than the decoder would have read it. */
const DEEP_TEXT_CHARS = 1024;

function encode(value: AttrValue, depth: number): AnyValueOut {
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number') return Number.isSafeInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  if (value === null) return {};
  if (depth >= MAX_DEPTH) return { stringValue: boundedJson(value, DEEP_TEXT_CHARS) };
  if (Array.isArray(value)) return { arrayValue: { values: value.map((item) => encode(item, depth + 1)) } };
  return { kvlistValue: { values: Object.entries(value).map(([key, item]) => ({ key, value: encode(item, depth + 1) })) } };
}

function anyValueOut(value: AttrValue): AnyValueOut {
  return encode(value, 0);
}

export function keyValuesOut(entries: Iterable<readonly [string, AttrValue]>): KeyValueOut[] {
  const out: KeyValueOut[] = [];
  for (const [key, value] of entries) out.push({ key, value: anyValueOut(value) });
  return out;
}

/**
 * OTLP `AnyValue` and `KeyValue` lists to tracectl's JSON-safe attribute values.
 *
 * Protobuf JSON writes int64 as decimal strings (some writers use numbers), doubles as numbers
 * (NaN/Infinity as strings), bytes as base64, and nests arrays and kvlists to any depth. Integers
 * beyond 2^53 stay decimal strings so nothing is silently rounded; bytes stay base64 text. The
 * nesting depth is controlled by the file, so conversion recurses at most MAX_DEPTH levels and
 * keeps anything deeper as bounded JSON text.
 */
import type { AttrValue, Attributes } from '../../model/span.js';
import { isObject } from '../decoder.js';
import { setAttr } from '../attr-record.js';
import { boundedJson } from '../../json/bounded-json.js';
import type { WireAnyValue, WireKeyValue, WireValues } from './wire.js';

/** Array/kvlist levels converted structurally; deeper content becomes text. */
export const MAX_DEPTH = 64;
/** Length of the text kept for content below MAX_DEPTH. */
export const DEEP_TEXT_CHARS = 1024;

const INTEGER = /^[-+]?\d+$/;
const MAX_INT_CHARS = 40;

function intValue(raw: unknown): AttrValue {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return null;
    if (!Number.isInteger(raw) || Number.isSafeInteger(raw)) return raw;
    // Already rounded by JSON.parse; written as a string like every other out-of-range integer.
    return BigInt(raw).toString();
  }
  if (typeof raw === 'string') {
    const text = raw.trim();
    // Longer than any int64: malformed, kept as written (and BigInt of a huge string is slow).
    if (!INTEGER.test(text) || text.length > MAX_INT_CHARS) return raw;
    const big = BigInt(text);
    const asNumber = Number(big);
    return Number.isSafeInteger(asNumber) ? asNumber : big.toString();
  }
  return null;
}

function doubleValue(raw: unknown): AttrValue {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (typeof raw === 'string') {
    // "NaN", "Infinity" and "-Infinity" are protobuf JSON's spelling of non-finite doubles;
    // JSON has no number for them, so they stay strings.
    const n = Number(raw);
    return raw.trim() !== '' && Number.isFinite(n) ? n : raw;
  }
  return null;
}

function boolValue(raw: unknown): AttrValue {
  if (typeof raw === 'boolean') return raw;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  return null;
}

function valuesOf(container: unknown): readonly unknown[] {
  if (!isObject(container)) return [];
  const values = (container as WireValues).values;
  return Array.isArray(values) ? values : [];
}

function convert(raw: unknown, depth: number): AttrValue {
  if (typeof raw === 'string' || typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (!isObject(raw)) return null;
  const v = raw as WireAnyValue;
  if (v.stringValue !== undefined) return typeof v.stringValue === 'string' ? v.stringValue : null;
  if (v.boolValue !== undefined) return boolValue(v.boolValue);
  if (v.intValue !== undefined) return intValue(v.intValue);
  if (v.doubleValue !== undefined) return doubleValue(v.doubleValue);
  if (v.bytesValue !== undefined) return typeof v.bytesValue === 'string' ? v.bytesValue : null;
  if (v.arrayValue !== undefined) {
    if (depth >= MAX_DEPTH) return boundedJson(v.arrayValue, DEEP_TEXT_CHARS);
    return valuesOf(v.arrayValue).map((item) => convert(item, depth + 1));
  }
  if (v.kvlistValue !== undefined) {
    if (depth >= MAX_DEPTH) return boundedJson(v.kvlistValue, DEEP_TEXT_CHARS);
    return keyValues(valuesOf(v.kvlistValue), depth + 1);
  }
  return null;
}

/** One AnyValue as an attribute value; an empty or unreadable value is null. */
export function anyValue(raw: unknown): AttrValue {
  return convert(raw, 0);
}

function keyValues(list: readonly unknown[], depth: number): { [key: string]: AttrValue } {
  const out: { [key: string]: AttrValue } = {};
  for (const item of list) {
    if (!isObject(item)) continue;
    const kv = item as WireKeyValue;
    if (typeof kv.key !== 'string') continue;
    setAttr(out, kv.key, convert(kv.value, depth));
  }
  return out;
}

/**
 * A `KeyValue` list (span, event, link, resource attributes) as an object. Entries without a string
 * key are skipped; a repeated key keeps its last value.
 */
export function attributesOf(raw: unknown): Attributes {
  return Array.isArray(raw) ? keyValues(raw, 0) : {};
}

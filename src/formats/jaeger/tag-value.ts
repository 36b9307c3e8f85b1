/**
 * Typed tag values. Jaeger writers do not always match a tag's value to its declared type: the
 * anonymizer writes `{"key":"error","type":"bool","value":"true"}`, int64 values beyond 2^53 arrive
 * as decimal strings. A value is converted to its declared type when it parses as that type, and
 * kept as given otherwise, so nothing the producer wrote is lost or invented.
 */
import type { AttrValue } from '../../model/span.js';
import { boundedJson } from '../../json/bounded-json.js';

const INTEGER = /^[+-]?\d+$/;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

/** The Jaeger value types (UI JSON spelling; api_v2 enum names and numbers map onto them). */
export type TagType = 'string' | 'bool' | 'int64' | 'float64' | 'binary';

const TYPE_BY_NUMBER: readonly TagType[] = ['string', 'bool', 'int64', 'float64', 'binary'];

/** A declared type from `type` ("int64") or `vType` ("INT64" or its enum number 2); undefined when unknown. */
export function tagType(raw: unknown): TagType | undefined {
  if (typeof raw === 'number') return TYPE_BY_NUMBER[raw];
  if (typeof raw !== 'string') return undefined;
  const lower = raw.toLowerCase();
  return (TYPE_BY_NUMBER as readonly string[]).includes(lower) ? (lower as TagType) : undefined;
}

const MAX_STRUCTURED_CHARS = 4096;

/**
 * A value as given, made JSON-safe and flat: scalars stay, a missing value is null, and a
 * structured value (never legitimate in a Jaeger tag) becomes its JSON text rather than a nested
 * object later code would have to walk.
 */
function asGiven(value: unknown): AttrValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  // Bounded and without recursion: a hostile file may nest a tag value 100,000 levels deep.
  return boundedJson(value, MAX_STRUCTURED_CHARS);
}

function asBool(value: unknown): AttrValue {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  if (value === 1 || value === 0) return value === 1;
  return asGiven(value);
}

/** An int64: a safe number, or the decimal string when it exceeds 2^53 (so it is not rounded). */
function asInt64(value: unknown): AttrValue {
  if (typeof value === 'number') return asGiven(value);
  if (typeof value === 'string' && INTEGER.test(value.trim())) {
    const big = BigInt(value.trim());
    return big >= MIN_SAFE && big <= MAX_SAFE ? Number(big) : big.toString();
  }
  return asGiven(value);
}

function asFloat64(value: unknown): AttrValue {
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    if (Number.isFinite(n)) return n;
  }
  return asGiven(value);
}

function asString(value: unknown): AttrValue {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return asGiven(value);
}

/** A value converted to `type` when it parses as one; as given otherwise (binary stays base64 text). */
export function coerceTagValue(type: TagType | undefined, value: unknown): AttrValue {
  switch (type) {
    case 'bool':
      return asBool(value);
    case 'int64':
      return asInt64(value);
    case 'float64':
      return asFloat64(value);
    case 'string':
      return asString(value);
    default:
      return asGiven(value);
  }
}

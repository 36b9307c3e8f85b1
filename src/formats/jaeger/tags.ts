/**
 * Jaeger tag lists (span tags, process tags, log fields) to typed attributes. Both dialects are read
 * tag by tag, since one file may mix them: UI JSON `{key,type,value}` and api_v2 protobuf-JSON
 * `{key,vType,vStr|vBool|vInt64|vFloat64|vBinary}`. Protobuf-JSON omits default values, so a BOOL
 * tag without `vBool` is false, an INT64 without `vInt64` is 0, and a tag with no `vType` is a
 * STRING (unless only another `v*` field is present, which then says what the writer meant).
 */
import type { AttrValue } from '../../model/span.js';
import { isObject } from '../decoder.js';
import { type AttrBag, setAttr } from '../attr-record.js';
import { ownValue } from './own.js';
import { type TagType, coerceTagValue, tagType } from './tag-value.js';

const PROTO_FIELDS: ReadonlyArray<readonly [TagType, string]> = [
  ['string', 'vStr'],
  ['bool', 'vBool'],
  ['int64', 'vInt64'],
  ['float64', 'vFloat64'],
  ['binary', 'vBinary'],
];

const PROTO_DEFAULT: Readonly<Record<TagType, unknown>> = { string: '', bool: false, int64: 0, float64: 0, binary: '' };

function fieldFor(type: TagType): string {
  const entry = PROTO_FIELDS.find(([t]) => t === type);
  return entry ? entry[1] : 'vStr';
}

/** The value of an api_v2 protobuf-JSON tag. */
function protoTagValue(tag: Readonly<Record<string, unknown>>): AttrValue {
  const declared = tagType(ownValue(tag, 'vType'));
  if (declared !== undefined) {
    const raw = ownValue(tag, fieldFor(declared));
    return coerceTagValue(declared, raw === undefined ? PROTO_DEFAULT[declared] : raw);
  }
  for (const [type, field] of PROTO_FIELDS) {
    const raw = ownValue(tag, field);
    if (raw !== undefined) return coerceTagValue(ownValue(tag, 'vType') === undefined ? type : undefined, raw);
  }
  return '';
}

function isUiTag(tag: Readonly<Record<string, unknown>>): boolean {
  return ownValue(tag, 'value') !== undefined || ownValue(tag, 'type') !== undefined;
}

/** One tag's key and typed value; undefined when it has no usable key. */
function decodeTag(raw: unknown): readonly [string, AttrValue] | undefined {
  if (!isObject(raw)) return undefined;
  const key = ownValue(raw, 'key');
  if (typeof key !== 'string' || key === '') return undefined;
  const value = isUiTag(raw) ? coerceTagValue(tagType(ownValue(raw, 'type')), ownValue(raw, 'value')) : protoTagValue(raw);
  return [key, value];
}

/**
 * A tag list as attributes; entries without a key are dropped, and a repeated key keeps its last value.
 * With `only`, just those keys are decoded (the others are not even typed): the lean decoding.
 */
export function decodeTags(raw: unknown, only?: ReadonlySet<string>): AttrBag {
  const bag: AttrBag = {};
  if (!Array.isArray(raw)) return bag;
  for (const item of raw) {
    if (only !== undefined && !(isObject(item) && only.has(ownValue(item, 'key') as string))) continue;
    const tag = decodeTag(item);
    if (tag) setAttr(bag, tag[0], tag[1]);
  }
  return bag;
}

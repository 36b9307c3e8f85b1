/**
 * The fast lean reading of a Zipkin v2 span: its compact fields (compact-batch.ts LeanSpan)
 * straight from the record's bytes (json-bytes.ts), for `latency`, `traces` and the other
 * commands that read compact spans. A 100 MiB Zipkin dump is about 200,000 small spans, and
 * `JSON.parse` plus a Span object each was most of the time spent on it.
 *
 * It handles the span as Zipkin's own servers write it and nothing else: canonical lower-case hex
 * ids, integer microsecond times that are plausible epoch times, string tags, v2 annotations. Anything
 * else — a 64-bit id padded or upper-case, a time as a string, a v1 span, a field that would earn a
 * warning, a key it does not know — throws NOT_FAST and the span is read by JSON.parse and
 * decodeV2Span instead. So this file only has to agree with v2-span.ts on the common shape, and the
 * tests check that it does (the same batch from both, span by span, on every fixture and real dump).
 *
 * The mapping it repeats, from v2-span.ts and what that calls (lean: attributes are only the status
 * tags, no remote endpoint): kind absent/null/"" → internal, CLIENT/SERVER/PRODUCER/CONSUMER (any
 * case) → that, other strings and other values → unspecified; name not a string → ""; service and
 * host from localEndpoint's non-empty serviceName and its ipv4 and ipv6 (model/host.ts); duration
 * absent or 0 → no-duration; `shared` only when it is `true` on a span that is not a client; status
 * from `error`, `otel.status_code`, `otel.status_description` (error-status.ts); events from
 * annotations in input order.
 */
import { detailEvent, detailStart, type LeanSpan } from './compact-batch.js';
import * as J from './json-bytes.js';
import { UNKNOWN_SERVICE } from '../model/span.js';
import { addressesKey } from '../model/host.js';
import { statusFromTags } from '../formats/zipkin/error-status.js';

const key = (s: string): Uint8Array => Buffer.from(s, 'latin1');
const K_TRACE_ID = key('traceId');
const K_ID = key('id');
const K_PARENT_ID = key('parentId');
const K_NAME = key('name');
const K_KIND = key('kind');
const K_TIMESTAMP = key('timestamp');
const K_DURATION = key('duration');
const K_LOCAL = key('localEndpoint');
const K_REMOTE = key('remoteEndpoint');
const K_ANNOTATIONS = key('annotations');
const K_TAGS = key('tags');
const K_DEBUG = key('debug');
const K_SHARED = key('shared');
const K_SERVICE_NAME = key('serviceName');
const K_IPV4 = key('ipv4');
const K_IPV6 = key('ipv6');
const K_VALUE = key('value');
const K_ENDPOINT = key('endpoint');
const K_ERROR = key('error');
const K_OTEL_CODE = key('otel.status_code');
const K_OTEL_DESCRIPTION = key('otel.status_description');

// Index of each kind in compact-batch KINDS, TIMINGS, FORMATS.
const KIND_UNSPECIFIED = 0;
const KIND_INTERNAL = 5;
const KIND_INDEX: Readonly<Record<string, number>> = { SERVER: 1, CLIENT: 2, PRODUCER: 3, CONSUMER: 4 };
const KIND_CLIENT = 2;
const KIND_NAMES = Object.keys(KIND_INDEX).map(key);
const KIND_NUMBERS = Object.values(KIND_INDEX);
const TIMING_EXACT = 0;
const TIMING_NO_DURATION = 2;
const FORMAT_ZIPKIN = 1;
const STATUS_UNSET = 0;
const STATUS_INDEX: Readonly<Record<string, number>> = { unset: STATUS_UNSET, ok: 1, error: 2 };

/** Plausible epoch times in µs (model/time.ts isPlausibleEpochNanos, 2000 to 2100). */
const PLAUSIBLE_MIN_US = 946_684_800_000_000;
const PLAUSIBLE_MAX_US = 4_102_444_800_000_000;
const TWO_32 = 4294967296;

/** Value of a lower-case hex digit's byte; -1 for anything else (upper case goes the slow way). */
const HEX = new Int8Array(256).fill(-1);
for (let i = 0; i < 16; i++) HEX['0123456789abcdef'.charCodeAt(i)] = i;

// Fields found by the last readSpan: ids as words (hexHi/hexLo of the last id read).
let hexHi = 0;
let hexLo = 0;

/** Reads 16 lower-case hex digits at `at` into hexHi/hexLo; false when they are not. */
function hex16(b: Uint8Array, at: number): boolean {
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < 8; i++) {
    const v = HEX[b[at + i]!]!;
    if (v < 0) return false;
    hi = hi * 16 + v;
  }
  for (let i = 8; i < 16; i++) {
    const v = HEX[b[at + i]!]!;
    if (v < 0) return false;
    lo = lo * 16 + v;
  }
  hexHi = hi;
  hexLo = lo;
  return true;
}

/** A span id (the last string read) as canonical hex words, or NOT_FAST. */
function readSpanIdWords(): void {
  J.readString();
  if (J.strEscaped || J.strEnd - J.strStart !== 16 || !hex16(J.input(), J.strStart)) throw J.NOT_FAST;
}

/** A trace id: 16 lower-case hex digits, or 32 whose high half is not zero (model/ids.ts's canonical forms). */
function readTraceId(): string {
  J.readString();
  const n = J.strEnd - J.strStart;
  if (J.strEscaped || (n !== 16 && n !== 32)) throw J.NOT_FAST;
  const b = J.input();
  if (!hex16(b, J.strStart)) throw J.NOT_FAST;
  if (n === 32) {
    if (hexHi === 0 && hexLo === 0) throw J.NOT_FAST; // padded 64-bit id: shortened by the slow path
    if (!hex16(b, J.strStart + 16)) throw J.NOT_FAST;
  }
  return J.cachedStringValue();
}

/** A timestamp in µs that reads as itself with no warning: a plain positive integer in the plausible range. */
function readPlausibleMicros(): number {
  J.readNumber();
  const us = J.intValue;
  if (!J.intPlain || us < PLAUSIBLE_MIN_US || us > PLAUSIBLE_MAX_US) throw J.NOT_FAST;
  return us;
}

/** The low 32 bits of us × 1000 (an event time in ns, as compact-batch's detail hash takes it). */
function nanosLow32(us: number): number {
  return ((us % TWO_32) * 1000) % TWO_32;
}

/** A string value, or undefined (the value skipped) when it is anything else: readEndpoint's nonEmptyString, less the emptiness. */
function stringOrSkip(): string | undefined {
  if (J.peek() !== 0x22) {
    J.skipValue();
    return undefined;
  }
  J.readString();
  return J.cachedStringValue();
}

/** Status tags found in the last span's tags, by key (undefined when absent). */
let tagError: string | undefined;
let tagCode: string | undefined;
let tagDescription: string | undefined;
let statusTagCount = 0;

function readTags(): void {
  tagError = tagCode = tagDescription = undefined;
  statusTagCount = 0;
  if (J.peek() !== 0x7b) {
    J.skipValue(); // not an object: no tags (readTags)
    return;
  }
  if (!J.enter(0x7b, 0x7d)) return;
  do {
    J.readKey();
    let which = 0;
    if (!J.strEscaped) {
      // Most tags are none of the three: their first byte tells.
      const first = J.input()[J.strStart];
      if (first === 0x65 && J.stringIs(K_ERROR)) which = 1;
      else if (first === 0x6f && J.stringIs(K_OTEL_CODE)) which = 2;
      else if (first === 0x6f && J.stringIs(K_OTEL_DESCRIPTION)) which = 3;
    } else if (/^(error|otel\.status_code|otel\.status_description)$/.test(J.stringValue())) {
      throw J.NOT_FAST; // a status key spelled with escapes
    }
    if (which === 0) {
      J.skipValue(); // lean: only the status tags are read, whatever the others hold
      continue;
    }
    // A status tag that is not text is converted or dropped with a warning: the slow path's to do.
    if (J.peek() !== 0x22) throw J.NOT_FAST;
    J.readString();
    const value = J.stringValue();
    if (which === 1) {
      if (tagError === undefined) statusTagCount++;
      tagError = value;
    } else if (which === 2) {
      if (tagCode === undefined) statusTagCount++;
      tagCode = value;
    } else {
      if (tagDescription === undefined) statusTagCount++;
      tagDescription = value;
    }
  } while (J.more(0x7d));
}

/** Reads the annotations, folding each into the detail hash `h`; returns the hash. */
function readAnnotations(h: number): number {
  if (J.peek() !== 0x5b) {
    J.skipValue(); // not a list: no annotations
    return h;
  }
  if (!J.enter(0x5b, 0x5d)) return h;
  do {
    if (J.peek() !== 0x7b) {
      J.skipValue(); // not an annotation: left out silently, as readAnnotations does
      continue;
    }
    let us = -1;
    let value: string | undefined;
    let sawValue = false;
    if (J.enter(0x7b, 0x7d)) {
      do {
        J.readKey();
        if (J.strEscaped) throw J.NOT_FAST;
        if (J.stringIs(K_TIMESTAMP)) {
          us = readPlausibleMicros();
        } else if (J.stringIs(K_VALUE)) {
          if (J.peek() !== 0x22) throw J.NOT_FAST; // converted or defaulted by the slow path
          J.readString();
          value = J.stringValue();
          sawValue = true;
        } else if (J.stringIs(K_ENDPOINT)) {
          if (J.peek() === 0x7b) throw J.NOT_FAST; // an annotation with its own endpoint: a v1 span
          J.skipValue();
        } else {
          J.skipValue();
        }
      } while (J.more(0x7d));
    }
    if (us < 0 || !sawValue) throw J.NOT_FAST; // dropped or defaulted, with a warning
    h = detailEvent(h, nanosLow32(us), value!);
  } while (J.more(0x5d));
  return h;
}

// Bits of the span-level keys seen, to send a repeated key (JSON.parse keeps the last) the slow way.
const SEEN_TRACE = 1;
const SEEN_ID = 2;
const SEEN_PARENT = 4;
const SEEN_NAME = 8;
const SEEN_KIND = 16;
const SEEN_TIMESTAMP = 32;
const SEEN_DURATION = 64;
const SEEN_LOCAL = 128;
const SEEN_REMOTE = 256;
const SEEN_ANNOTATIONS = 512;
const SEEN_TAGS = 1024;
const SEEN_DEBUG = 2048;
const SEEN_SHARED = 4096;

function once(seen: number, bit: number): number {
  if ((seen & bit) !== 0) throw J.NOT_FAST;
  return seen | bit;
}

/**
 * Reads the span object at the reader's position into `out`, or throws NOT_FAST (the position is
 * then anywhere inside it). Only a span decodeV2Span would read without any warning gets through.
 */
export function readZipkinSpan(out: LeanSpan): void {
  if (J.peek() !== 0x7b) throw J.NOT_FAST;
  let seen = 0;
  let service: string | undefined;
  let host: string | undefined;
  let hasTimestamp = false;
  let startUs = 0;
  let durationUs = 0;
  let kind = KIND_INTERNAL;
  let operation = '';
  let shared = false;
  // The detail hash starts from the status-tag count, which may come after the annotations: they are
  // checked where they stand and hashed at the end.
  let annotationsAt = -1;
  tagError = tagCode = tagDescription = undefined;
  statusTagCount = 0;
  out.hasParent = false;
  out.parentHi = 0;
  out.parentLo = 0;
  out.parentType = 0;
  if (!J.enter(0x7b, 0x7d)) throw J.NOT_FAST; // {}: no ids, warned about
  do {
    J.readKey();
    if (J.strEscaped) throw J.NOT_FAST;
    const len = J.strEnd - J.strStart;
    if (len === 7 && J.stringIs(K_TRACE_ID)) {
      seen = once(seen, SEEN_TRACE);
      out.traceId = readTraceId();
    } else if (len === 2 && J.stringIs(K_ID)) {
      seen = once(seen, SEEN_ID);
      readSpanIdWords();
      out.spanHi = hexHi;
      out.spanLo = hexLo;
    } else if (len === 8 && J.stringIs(K_PARENT_ID)) {
      seen = once(seen, SEEN_PARENT);
      const c = J.peek();
      if (c === 0x6e) {
        J.skipValue(); // null: no parent
      } else {
        J.readString();
        if (J.strEnd !== J.strStart) {
          if (J.strEscaped || J.strEnd - J.strStart !== 16 || !hex16(J.input(), J.strStart)) throw J.NOT_FAST;
          if (hexHi !== 0 || hexLo !== 0) {
            out.hasParent = true;
            out.parentHi = hexHi;
            out.parentLo = hexLo;
            out.parentType = 1; // child_of
          }
        }
      }
    } else if (len === 4 && J.stringIs(K_NAME)) {
      seen = once(seen, SEEN_NAME);
      operation = stringOrSkip() ?? '';
    } else if (len === 4 && J.stringIs(K_KIND)) {
      seen = once(seen, SEEN_KIND);
      kind = readKind();
    } else if (len === 9 && J.stringIs(K_TIMESTAMP)) {
      seen = once(seen, SEEN_TIMESTAMP);
      startUs = readPlausibleMicros();
      hasTimestamp = true;
    } else if (len === 8 && J.stringIs(K_DURATION)) {
      seen = once(seen, SEEN_DURATION);
      J.readNumber();
      // 0 means unknown; a negative, fractional or huge one is clamped or dropped with a warning.
      if (!J.intPlain || J.intValue * 1000 > Number.MAX_SAFE_INTEGER) throw J.NOT_FAST;
      durationUs = J.intValue;
    } else if (len === 13 && J.stringIs(K_LOCAL)) {
      seen = once(seen, SEEN_LOCAL);
      if (J.peek() !== 0x7b) throw J.NOT_FAST;
      let ipv4: string | undefined;
      let ipv6: string | undefined;
      service = undefined;
      if (J.enter(0x7b, 0x7d)) {
        do {
          J.readKey();
          if (J.strEscaped) throw J.NOT_FAST;
          if (J.stringIs(K_SERVICE_NAME)) service = stringOrSkip();
          else if (J.stringIs(K_IPV4)) ipv4 = stringOrSkip();
          else if (J.stringIs(K_IPV6)) ipv6 = stringOrSkip();
          else J.skipValue();
        } while (J.more(0x7d));
      }
      if (service === '') service = undefined;
      host = addressesKey([ipv4, ipv6]);
    } else if (len === 14 && J.stringIs(K_REMOTE)) {
      seen = once(seen, SEEN_REMOTE);
      J.skipValue(); // lean: the peer is not kept
    } else if (len === 11 && J.stringIs(K_ANNOTATIONS)) {
      seen = once(seen, SEEN_ANNOTATIONS);
      annotationsAt = J.pos;
      J.skipValue();
    } else if (len === 4 && J.stringIs(K_TAGS)) {
      seen = once(seen, SEEN_TAGS);
      readTags();
    } else if (len === 5 && J.stringIs(K_DEBUG)) {
      seen = once(seen, SEEN_DEBUG);
      J.skipValue();
    } else if (len === 6 && J.stringIs(K_SHARED)) {
      seen = once(seen, SEEN_SHARED);
      shared = J.skipValue() === J.V_TRUE;
    } else {
      throw J.NOT_FAST; // a key Zipkin v2 does not have (or v1's binaryAnnotations)
    }
  } while (J.more(0x7d));
  // Without a timestamp the times come from the annotations; without ids the span is skipped.
  if (!hasTimestamp || (seen & (SEEN_TRACE | SEEN_ID)) !== (SEEN_TRACE | SEEN_ID)) throw J.NOT_FAST;
  const end = J.pos;

  if (statusTagCount === 0) {
    out.status = STATUS_UNSET;
    out.message = undefined;
  } else {
    const status = statusFromTags(statusTags());
    out.status = STATUS_INDEX[status.status]!;
    out.message = status.statusMessage;
  }
  let detail = detailStart(statusTagCount, 0);
  if (annotationsAt >= 0) {
    J.begin(J.input(), annotationsAt);
    detail = readAnnotations(detail);
    J.begin(J.input(), end);
  }
  out.detail = detail;
  out.kind = kind;
  out.timing = durationUs === 0 ? TIMING_NO_DURATION : TIMING_EXACT;
  out.format = FORMAT_ZIPKIN;
  out.shared = shared && kind !== KIND_CLIENT;
  out.service = service ?? UNKNOWN_SERVICE;
  out.operation = operation;
  out.host = host;
  out.startNs = BigInt(startUs) * 1000n;
  out.durationNs = durationUs * 1000;
}

function statusTags(): Record<string, string> {
  const tags: Record<string, string> = {};
  if (tagError !== undefined) tags['error'] = tagError;
  if (tagCode !== undefined) tags['otel.status_code'] = tagCode;
  if (tagDescription !== undefined) tags['otel.status_description'] = tagDescription;
  return tags;
}

/** v2-span.ts readKind over the value at the reader's position. */
function readKind(): number {
  const c = J.peek();
  if (c === 0x22) {
    J.readString();
    if (J.strEnd === J.strStart) return KIND_INTERNAL;
    // As Zipkin writes them (upper case) without building the string; any other spelling is looked up.
    for (let k = 0; k < KIND_NAMES.length; k++) if (J.stringIs(KIND_NAMES[k]!)) return KIND_NUMBERS[k]!;
    return KIND_INDEX[J.stringValue().toUpperCase()] ?? KIND_UNSPECIFIED;
  }
  return J.skipValue() === J.V_NULL ? KIND_INTERNAL : KIND_UNSPECIFIED;
}

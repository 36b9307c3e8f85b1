/**
 * The fast lean reading of a Zipkin v2 span: its compact fields (model/lean-span.ts)
 * straight from the record's bytes (json/byte-reader.ts), for `latency`, `traces` and the other
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
 *
 * Given a LeanAttributes, it also reads what `why` counts: every tag (numbers and booleans spelled
 * out as tagString does; null, a list or an object is left out with a warning by the ordinary path,
 * so it is not fast), the remote endpoint's peer attributes and the local endpoint's port, in the
 * order buildSpan's records list them (peer attributes, then tags; a tag named like a peer
 * attribute takes its place). A tag key repeated (JSON.parse keeps the last value in the first
 * place) or starting with a digit (an index-like key comes first in an object's order) is not fast.
 * Repeated text comes from the reader's cache by its bytes, so counting it looks up the same string
 * again instead of a fresh one.
 */
import { type ByteReader, NOT_FAST, V_NULL, V_TRUE } from '../../json/byte-reader.js';
import { detailEvent, detailStart, type LeanAttributes, type LeanSpan } from '../../model/lean-span.js';
import { addressesKey } from '../../model/host.js';
import { UNKNOWN_SERVICE } from '../../model/span.js';
import { statusFromTags } from './error-status.js';

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
const K_PORT = key('port');
const K_VALUE = key('value');
const K_ENDPOINT = key('endpoint');
const K_ERROR = key('error');
const K_OTEL_CODE = key('otel.status_code');
const K_OTEL_DESCRIPTION = key('otel.status_description');

// Index of each kind in model/lean-span.ts KINDS, TIMINGS, FORMATS.
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

function nonEmpty(s: string | undefined): string | undefined {
  return s === '' ? undefined : s;
}

/** The low 32 bits of us × 1000 (an event time in ns, as the detail hash of model/lean-span.ts takes it). */
function nanosLow32(us: number): number {
  return ((us % TWO_32) * 1000) % TWO_32;
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
  if ((seen & bit) !== 0) throw NOT_FAST;
  return seen | bit;
}

/** Reads Zipkin v2 spans from a ByteReader into LeanSpans; one per thread, reused span after span. */
export class ZipkinLeanReader {
  // Fields found by the last read: an id as words (of the last id read), the status tags by key.
  private hexHi = 0;
  private hexLo = 0;
  private tagError: string | undefined;
  private tagCode: string | undefined;
  private tagDescription: string | undefined;
  private statusTagCount = 0;
  // With attributes: the tags in input order, the peer, the local port.
  private tagCount = 0;
  private readonly tagKeys: string[] = [];
  private readonly tagValues: string[] = [];
  private peerService: string | undefined;
  private peerIp: string | undefined;
  private peerPort: number | undefined;

  /** `attributes`: also read every attribute and resource attribute into it (see above). */
  constructor(
    private readonly r: ByteReader,
    private readonly attributes?: LeanAttributes,
  ) {}

  /**
   * Reads the span object at the reader's position into `out`, or throws NOT_FAST (the position is
   * then anywhere inside it). Only a span decodeV2Span would read without any warning gets through.
   */
  read(out: LeanSpan): void {
    const r = this.r;
    if (r.peek() !== 0x7b) throw NOT_FAST;
    let seen = 0;
    let service: string | undefined;
    let host: string | undefined;
    let localIp: string | undefined;
    let localPort: number | undefined;
    let hasTimestamp = false;
    let startUs = 0;
    let durationUs = 0;
    let kind = KIND_INTERNAL;
    let operation = '';
    let shared = false;
    // The detail hash starts from the status-tag count, which may come after the annotations: they are
    // checked where they stand and hashed at the end.
    let annotationsAt = -1;
    this.tagError = this.tagCode = this.tagDescription = undefined;
    this.statusTagCount = 0;
    this.tagCount = 0;
    this.peerService = this.peerIp = this.peerPort = undefined;
    const attributes = this.attributes;
    out.hasParent = false;
    out.parentHi = 0;
    out.parentLo = 0;
    out.parentType = 0;
    if (!r.enter(0x7b, 0x7d)) throw NOT_FAST; // {}: no ids, warned about
    do {
      r.readKey();
      if (r.strEscaped) throw NOT_FAST;
      const len = r.strEnd - r.strStart;
      if (len === 7 && r.stringIs(K_TRACE_ID)) {
        seen = once(seen, SEEN_TRACE);
        out.traceId = this.readTraceId();
      } else if (len === 2 && r.stringIs(K_ID)) {
        seen = once(seen, SEEN_ID);
        this.readSpanIdWords();
        out.spanHi = this.hexHi;
        out.spanLo = this.hexLo;
      } else if (len === 8 && r.stringIs(K_PARENT_ID)) {
        seen = once(seen, SEEN_PARENT);
        const c = r.peek();
        if (c === 0x6e) {
          r.skipValue(); // null: no parent
        } else {
          r.readString();
          if (r.strEnd !== r.strStart) {
            if (r.strEscaped || r.strEnd - r.strStart !== 16 || !this.hex16(r.bytes, r.strStart)) throw NOT_FAST;
            if (this.hexHi !== 0 || this.hexLo !== 0) {
              out.hasParent = true;
              out.parentHi = this.hexHi;
              out.parentLo = this.hexLo;
              out.parentType = 1; // child_of
            }
          }
        }
      } else if (len === 4 && r.stringIs(K_NAME)) {
        seen = once(seen, SEEN_NAME);
        operation = this.stringOrSkip() ?? '';
      } else if (len === 4 && r.stringIs(K_KIND)) {
        seen = once(seen, SEEN_KIND);
        kind = this.readKind();
      } else if (len === 9 && r.stringIs(K_TIMESTAMP)) {
        seen = once(seen, SEEN_TIMESTAMP);
        startUs = this.readPlausibleMicros();
        hasTimestamp = true;
      } else if (len === 8 && r.stringIs(K_DURATION)) {
        seen = once(seen, SEEN_DURATION);
        r.readNumber();
        // 0 means unknown; a negative, fractional or huge one is clamped or dropped with a warning.
        if (!r.intPlain || r.intValue * 1000 > Number.MAX_SAFE_INTEGER) throw NOT_FAST;
        durationUs = r.intValue;
      } else if (len === 13 && r.stringIs(K_LOCAL)) {
        seen = once(seen, SEEN_LOCAL);
        if (r.peek() !== 0x7b) throw NOT_FAST;
        let ipv4: string | undefined;
        let ipv6: string | undefined;
        service = undefined;
        if (r.enter(0x7b, 0x7d)) {
          do {
            r.readKey();
            if (r.strEscaped) throw NOT_FAST;
            if (r.stringIs(K_SERVICE_NAME)) service = this.stringOrSkip();
            else if (r.stringIs(K_IPV4)) ipv4 = this.stringOrSkip();
            else if (r.stringIs(K_IPV6)) ipv6 = this.stringOrSkip();
            else if (attributes !== undefined && r.stringIs(K_PORT)) localPort = this.readPort();
            else r.skipValue();
          } while (r.more(0x7d));
        }
        if (service === '') service = undefined;
        host = addressesKey([ipv4, ipv6]);
        localIp = nonEmpty(ipv4) ?? nonEmpty(ipv6);
      } else if (len === 14 && r.stringIs(K_REMOTE)) {
        seen = once(seen, SEEN_REMOTE);
        if (attributes === undefined) r.skipValue(); // lean: the peer is not kept
        else this.readRemote();
      } else if (len === 11 && r.stringIs(K_ANNOTATIONS)) {
        seen = once(seen, SEEN_ANNOTATIONS);
        annotationsAt = r.pos;
        r.skipValue();
      } else if (len === 4 && r.stringIs(K_TAGS)) {
        seen = once(seen, SEEN_TAGS);
        this.readTags();
      } else if (len === 5 && r.stringIs(K_DEBUG)) {
        seen = once(seen, SEEN_DEBUG);
        r.skipValue();
      } else if (len === 6 && r.stringIs(K_SHARED)) {
        seen = once(seen, SEEN_SHARED);
        shared = r.skipValue() === V_TRUE;
      } else {
        throw NOT_FAST; // a key Zipkin v2 does not have (or v1's binaryAnnotations)
      }
    } while (r.more(0x7d));
    // Without a timestamp the times come from the annotations; without ids the span is skipped.
    if (!hasTimestamp || (seen & (SEEN_TRACE | SEEN_ID)) !== (SEEN_TRACE | SEEN_ID)) throw NOT_FAST;
    const end = r.pos;

    if (this.statusTagCount === 0) {
      out.status = STATUS_UNSET;
      out.message = undefined;
    } else {
      const status = statusFromTags(this.statusTags());
      out.status = STATUS_INDEX[status.status]!;
      out.message = status.statusMessage;
    }
    let detail = detailStart(this.statusTagCount, 0);
    if (annotationsAt >= 0) {
      r.begin(r.bytes, annotationsAt);
      detail = this.readAnnotations(detail);
      r.begin(r.bytes, end);
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
    if (attributes !== undefined) this.fillAttributes(attributes, service, localIp, localPort);
  }

  /** buildSpan's attribute and resource records, from what the read found. */
  private fillAttributes(a: LeanAttributes, service: string | undefined, localIp: string | undefined, localPort: number | undefined): void {
    const keys = a.keys;
    const values = a.values;
    let n = 0;
    if (this.peerService !== undefined) {
      keys[n] = 'peer.service';
      values[n++] = this.peerService;
    }
    if (this.peerIp !== undefined) {
      keys[n] = 'net.peer.ip';
      values[n++] = this.peerIp;
    }
    if (this.peerPort !== undefined) {
      keys[n] = 'net.peer.port';
      values[n++] = this.peerPort;
    }
    const peers = n;
    for (let i = 0; i < this.tagCount; i++) {
      const k = this.tagKeys[i]!;
      let at = -1;
      for (let j = 0; j < peers; j++) if (keys[j] === k) at = j;
      if (at >= 0) values[at] = this.tagValues[i]!;
      else {
        keys[n] = k;
        values[n++] = this.tagValues[i]!;
      }
    }
    a.count = n;
    const rKeys = a.resourceKeys;
    const rValues = a.resourceValues;
    let m = 0;
    if (service !== undefined) {
      rKeys[m] = 'service.name';
      rValues[m++] = service;
    }
    if (localIp !== undefined) {
      rKeys[m] = 'host.ip';
      rValues[m++] = localIp;
    }
    if (localPort !== undefined) {
      rKeys[m] = 'host.port';
      rValues[m++] = localPort;
    }
    a.resourceCount = m;
  }

  /** The remote endpoint's peer facts (readEndpoint and peerAttributes); anything but an object is no peer. */
  private readRemote(): void {
    const r = this.r;
    if (r.peek() !== 0x7b) {
      r.skipValue();
      return;
    }
    let service: string | undefined;
    let ipv4: string | undefined;
    let ipv6: string | undefined;
    let port: number | undefined;
    if (r.enter(0x7b, 0x7d)) {
      do {
        r.readKey();
        if (r.strEscaped) throw NOT_FAST;
        if (r.stringIs(K_SERVICE_NAME)) service = this.stringOrSkip();
        else if (r.stringIs(K_IPV4)) ipv4 = this.stringOrSkip();
        else if (r.stringIs(K_IPV6)) ipv6 = this.stringOrSkip();
        else if (r.stringIs(K_PORT)) port = this.readPort();
        else r.skipValue();
      } while (r.more(0x7d));
    }
    this.peerService = nonEmpty(service);
    this.peerIp = nonEmpty(ipv4) ?? nonEmpty(ipv6);
    this.peerPort = port;
  }

  /** endpoint.ts readPort: a whole number 1..65535, else none (the value skipped). */
  private readPort(): number | undefined {
    const r = this.r;
    const c = r.peek();
    if (c !== 0x2d && !(c >= 0x30 && c <= 0x39)) {
      r.skipValue();
      return undefined;
    }
    r.readNumber();
    const n = r.numberValue();
    return Number.isInteger(n) && n > 0 && n <= 65535 ? n : undefined;
  }

  /** A tag's value as tagString gives it, or NOT_FAST for one the ordinary path leaves out with a warning. */
  private tagText(): string {
    const r = this.r;
    const c = r.peek();
    if (c === 0x22) {
      r.readString();
      return r.cachedStringValue();
    }
    if (c === 0x74 || c === 0x66) return r.skipValue() === V_TRUE ? 'true' : 'false';
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      r.readNumber();
      return String(r.numberValue());
    }
    throw NOT_FAST; // null, a list or an object
  }

  private addTag(key: string, value: string): void {
    const c = key.charCodeAt(0);
    if (c >= 0x30 && c <= 0x39) throw NOT_FAST;
    for (let i = 0; i < this.tagCount; i++) if (this.tagKeys[i] === key) throw NOT_FAST;
    this.tagKeys[this.tagCount] = key;
    this.tagValues[this.tagCount++] = value;
  }

  /** Reads 16 lower-case hex digits at `at` into hexHi/hexLo; false when they are not. */
  private hex16(b: Uint8Array, at: number): boolean {
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
    this.hexHi = hi;
    this.hexLo = lo;
    return true;
  }

  /** A span id (the last string read) as canonical hex words, or NOT_FAST. */
  private readSpanIdWords(): void {
    const r = this.r;
    r.readString();
    if (r.strEscaped || r.strEnd - r.strStart !== 16 || !this.hex16(r.bytes, r.strStart)) throw NOT_FAST;
  }

  /** A trace id: 16 lower-case hex digits, or 32 whose high half is not zero (model/ids.ts's canonical forms). */
  private readTraceId(): string {
    const r = this.r;
    r.readString();
    const n = r.strEnd - r.strStart;
    if (r.strEscaped || (n !== 16 && n !== 32)) throw NOT_FAST;
    const b = r.bytes;
    if (!this.hex16(b, r.strStart)) throw NOT_FAST;
    if (n === 32) {
      if (this.hexHi === 0 && this.hexLo === 0) throw NOT_FAST; // padded 64-bit id: shortened by the slow path
      if (!this.hex16(b, r.strStart + 16)) throw NOT_FAST;
    }
    return r.cachedStringValue();
  }

  /** A timestamp in µs that reads as itself with no warning: a plain positive integer in the plausible range. */
  private readPlausibleMicros(): number {
    const r = this.r;
    r.readNumber();
    const us = r.intValue;
    if (!r.intPlain || us < PLAUSIBLE_MIN_US || us > PLAUSIBLE_MAX_US) throw NOT_FAST;
    return us;
  }

  /** A string value, or undefined (the value skipped) when it is anything else: readEndpoint's nonEmptyString, less the emptiness. */
  private stringOrSkip(): string | undefined {
    const r = this.r;
    if (r.peek() !== 0x22) {
      r.skipValue();
      return undefined;
    }
    r.readString();
    return r.cachedStringValue();
  }

  private readTags(): void {
    const r = this.r;
    this.tagError = this.tagCode = this.tagDescription = undefined;
    this.statusTagCount = 0;
    this.tagCount = 0;
    const capture = this.attributes !== undefined;
    if (r.peek() !== 0x7b) {
      r.skipValue(); // not an object: no tags (readTags)
      return;
    }
    if (!r.enter(0x7b, 0x7d)) return;
    do {
      r.readKey();
      let which = 0;
      if (!r.strEscaped) {
        // Most tags are none of the three: their first byte tells.
        const first = r.bytes[r.strStart];
        if (first === 0x65 && r.stringIs(K_ERROR)) which = 1;
        else if (first === 0x6f && r.stringIs(K_OTEL_CODE)) which = 2;
        else if (first === 0x6f && r.stringIs(K_OTEL_DESCRIPTION)) which = 3;
      } else if (/^(error|otel\.status_code|otel\.status_description)$/.test(r.stringValue())) {
        throw NOT_FAST; // a status key spelled with escapes
      }
      const tag = capture ? r.cachedStringValue() : '';
      if (which === 0) {
        if (capture) this.addTag(tag, this.tagText());
        else r.skipValue(); // lean: only the status tags are read, whatever the others hold
        continue;
      }
      // A status tag that is not text is converted or dropped with a warning: the slow path's to do.
      if (r.peek() !== 0x22) throw NOT_FAST;
      r.readString();
      const value = capture ? r.cachedStringValue() : r.stringValue();
      if (capture) this.addTag(tag, value);
      if (which === 1) {
        if (this.tagError === undefined) this.statusTagCount++;
        this.tagError = value;
      } else if (which === 2) {
        if (this.tagCode === undefined) this.statusTagCount++;
        this.tagCode = value;
      } else {
        if (this.tagDescription === undefined) this.statusTagCount++;
        this.tagDescription = value;
      }
    } while (r.more(0x7d));
  }

  /** Reads the annotations, folding each into the detail hash `h`; returns the hash. */
  private readAnnotations(h: number): number {
    const r = this.r;
    if (r.peek() !== 0x5b) {
      r.skipValue(); // not a list: no annotations
      return h;
    }
    if (!r.enter(0x5b, 0x5d)) return h;
    do {
      if (r.peek() !== 0x7b) {
        r.skipValue(); // not an annotation: left out silently, as readAnnotations does
        continue;
      }
      let us = -1;
      let value: string | undefined;
      let sawValue = false;
      if (r.enter(0x7b, 0x7d)) {
        do {
          r.readKey();
          if (r.strEscaped) throw NOT_FAST;
          if (r.stringIs(K_TIMESTAMP)) {
            us = this.readPlausibleMicros();
          } else if (r.stringIs(K_VALUE)) {
            if (r.peek() !== 0x22) throw NOT_FAST; // converted or defaulted by the slow path
            r.readString();
            value = r.stringValue();
            sawValue = true;
          } else if (r.stringIs(K_ENDPOINT)) {
            if (r.peek() === 0x7b) throw NOT_FAST; // an annotation with its own endpoint: a v1 span
            r.skipValue();
          } else {
            r.skipValue();
          }
        } while (r.more(0x7d));
      }
      if (us < 0 || !sawValue) throw NOT_FAST; // dropped or defaulted, with a warning
      h = detailEvent(h, nanosLow32(us), value!);
    } while (r.more(0x5d));
    return h;
  }

  private statusTags(): Record<string, string> {
    const tags: Record<string, string> = {};
    if (this.tagError !== undefined) tags['error'] = this.tagError;
    if (this.tagCode !== undefined) tags['otel.status_code'] = this.tagCode;
    if (this.tagDescription !== undefined) tags['otel.status_description'] = this.tagDescription;
    return tags;
  }

  /** v2-span.ts readKind over the value at the reader's position. */
  private readKind(): number {
    const r = this.r;
    const c = r.peek();
    if (c === 0x22) {
      r.readString();
      if (r.strEnd === r.strStart) return KIND_INTERNAL;
      // As Zipkin writes them (upper case) without building the string; any other spelling is looked up.
      for (let k = 0; k < KIND_NAMES.length; k++) if (r.stringIs(KIND_NAMES[k]!)) return KIND_NUMBERS[k]!;
      return KIND_INDEX[r.stringValue().toUpperCase()] ?? KIND_UNSPECIFIED;
    }
    return r.skipValue() === V_NULL ? KIND_INTERNAL : KIND_UNSPECIFIED;
  }
}

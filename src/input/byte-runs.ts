/**
 * Records that travel as bytes. Runs of small records (record-run.ts): each record is read by the
 * fast lean reader where it can be (formats/zipkin/lean-span.ts, straight into the batch), and by JSON.parse and
 * the format's decoder where it cannot — an odd span, another format, malformed JSON — so the spans,
 * warnings and error messages are those of the ordinary way. OTLP records (json-framer `otlpBytes`)
 * are only decoded back to their text here (textOfBytes). `why` reads runs the same way with the
 * fast reader's attributes on (readByteRunAttributes), its spans counted where they are read.
 */
import type { RecordHint } from '../formats/decoder.js';
import { ZipkinLeanReader } from '../formats/zipkin/lean-span.js';
import { ByteReader, NOT_FAST } from '../json/byte-reader.js';
import { newLeanAttributes, newLeanSpan, type LeanAttributes, type LeanSpan } from '../model/lean-span.js';
import type { FormatName } from '../model/span.js';
import type { BatchEncoder } from './compact-batch.js';

/** How the ordinary path decodes one record's text (decode-records.ts), or a run's rest. */
export interface SlowPath {
  /** One record's text, found at `line`, `column`. */
  record(text: string, hint: RecordHint, line: number, column: number): void;
  /** The records from the run's record `from` on, as a run (the text starts at that record). */
  rest(text: string, hint: RecordHint, elements: readonly number[]): void;
}

/** Counts of what was read; `fast` and `slow` say how many records of runs took each way. */
type Tally = { records: number; recognized: number; spans: number; fast: number; slow: number; readonly formats: Set<FormatName> };

/** Whether records of `format` (undefined: found by content) may be read by the fast Zipkin reader. */
function fastRunsFor(fastRuns: boolean, format: FormatName | undefined): boolean {
  return fastRuns && (format === undefined || format === 'zipkin');
}

// One reader per thread, reading one record at a time, into one reused lean span (and attributes).
const reader = new ByteReader();
const zipkin = new ZipkinLeanReader(reader);
const lean = newLeanSpan();
const attributes = newLeanAttributes();
const zipkinFull = new ZipkinLeanReader(reader, attributes);

/**
 * Decodes the run in `bytes` (a 0 byte after its last record; `elements` two numbers a record, its
 * line and column) into `encoder`; counts go to `tally`, everything else to `slow`.
 */
export function decodeByteRun(
  bytes: Uint8Array,
  elements: readonly number[],
  hint: RecordHint,
  format: FormatName | undefined,
  fastRuns: boolean,
  encoder: BatchEncoder,
  tally: Tally,
  slow: SlowPath,
): void {
  decodeRun(bytes, elements, hint, format, fastRuns, zipkin, (span) => encoder.addLean(span), tally, slow);
}

/**
 * decodeByteRun for a reader that needs every attribute (`why`): the spans the fast reader takes go
 * to `onSpan` with their attributes (valid until the next call), the others to `slow` as there.
 */
export function readByteRunAttributes(
  bytes: Uint8Array,
  elements: readonly number[],
  hint: RecordHint,
  format: FormatName | undefined,
  fastRuns: boolean,
  onSpan: (span: LeanSpan, attributes: LeanAttributes) => void,
  tally: Tally,
  slow: SlowPath,
): void {
  decodeRun(bytes, elements, hint, format, fastRuns, zipkinFull, (span) => onSpan(span, attributes), tally, slow);
}

function decodeRun(
  bytes: Uint8Array,
  elements: readonly number[],
  hint: RecordHint,
  format: FormatName | undefined,
  fastRuns: boolean,
  fastReader: ZipkinLeanReader,
  take: (span: LeanSpan) => void,
  tally: Tally,
  slow: SlowPath,
): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length - 1; // the sentinel
  const count = elements.length / 2;
  if (!fastRunsFor(fastRuns, format)) {
    tally.slow += count;
    slow.rest(buf.toString('utf8', 0, end), hint, elements);
    return;
  }
  reader.begin(bytes, 0);
  let at = 0;
  for (let k = 0; k < count; k++) {
    const last = k + 1 === count;
    const fast = readFast(fastReader);
    // Not a span the fast reader takes: the first record of the run decides for the whole run (a
    // run of Jaeger spans goes the ordinary way at once); a later one is found whole and parsed alone.
    if (!fast && (k === 0 || !skipsWhole(bytes, at))) {
      tally.slow += count - k;
      slow.rest(buf.toString('utf8', at, end), hint, elements.slice(2 * k));
      return;
    }
    // What follows must be the next record's comma, or the run's end: else the text is not what the
    // framer handed on, and the ordinary parse of the rest says what is wrong with it.
    const next = reader.peek();
    if (last ? reader.pos !== end : next !== 0x2c) {
      tally.slow += count - k;
      slow.rest(buf.toString('utf8', at, end), hint, elements.slice(2 * k));
      return;
    }
    if (fast) {
      takeFast(take, tally);
    } else {
      tally.slow++;
      slow.record(buf.toString('utf8', at, reader.pos), hint, elements[2 * k]!, elements[2 * k + 1]!);
    }
    if (!last) {
      reader.expect(0x2c);
      reader.skipWs();
      at = reader.pos;
    }
  }
}

/** Reads the span at the reader's position into `lean`; false when the fast reader does not take it. */
function readFast(fastReader: ZipkinLeanReader): boolean {
  try {
    fastReader.read(lean);
    return true;
  } catch (err) {
    if (err !== NOT_FAST) throw err;
    return false;
  }
}

/** The span just read fast goes into the batch and the counts. */
function takeFast(take: (span: LeanSpan) => void, tally: Tally): void {
  tally.fast++;
  take(lean);
  tally.records++;
  tally.recognized++;
  tally.spans++;
  tally.formats.add('zipkin');
}

/** Whether the record at `at` is one whole JSON value (the reader then stands after it). */
function skipsWhole(bytes: Uint8Array, at: number): boolean {
  try {
    reader.begin(bytes, at);
    reader.skipValue();
    return true;
  } catch (err) {
    if (err !== NOT_FAST) throw err;
    return false;
  }
}

/**
 * A record's text from its bytes (framer `otlpBytes`); cut positions become positions in the text.
 * Cuts fall between ASCII brackets, so the pieces between them decode on their own exactly as the
 * whole would.
 */
export function textOfBytes(bytes: Uint8Array, byteCuts: readonly number[] | null): { text: string; cuts: readonly number[] | null } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (byteCuts === null || byteCuts.length === 0) return { text: buf.toString('utf8'), cuts: null };
  const cuts = [...byteCuts];
  const parts: string[] = [];
  let from = 0;
  let length = 0;
  for (let c = 0; c < cuts.length; c += 4) {
    const part = buf.toString('utf8', from, cuts[c]!);
    parts.push(part);
    length += part.length;
    from = cuts[c]!;
    cuts[c] = length;
  }
  parts.push(buf.toString('utf8', from));
  return { text: parts.join(''), cuts };
}

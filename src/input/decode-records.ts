/**
 * Framed record text → spans: `JSON.parse`, pick the format by content, decode. The same code runs on
 * the main thread (small inputs, full spans, tests) and in the parse worker, so a record is read the
 * same way wherever it is read.
 */
import type { Decoded, RecordHint } from '../formats/decoder.js';
import { decoderFor } from '../formats/registry.js';
import type { FormatName, Span } from '../model/span.js';
import type { TraceWarning } from '../model/warnings.js';
import { decodeByteRun, readByteRunAttributes, textOfBytes } from './byte-runs.js';
import type { LeanAttributes, LeanSpan } from '../model/lean-span.js';
import { BatchEncoder, type SpanBatch } from './compact-batch.js';
import { findJsonError } from '../json/json-error-position.js';

/** Malformed JSON inside a record; `detail` says where (line and column in the input) and what. */
export class RecordParseError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'RecordParseError';
  }
}

/** Where a record starts, for messages; `cuts` as in FramedRecord. */
export interface RecordPlace {
  readonly line: number;
  readonly column: number;
  readonly cuts?: readonly number[] | null;
}

/** What reading records found besides spans. */
export interface RecordTally {
  records: number;
  recognized: number;
  spans: number;
  /** Records of runs read by the fast lean reader, and the ordinary way (byte-runs.ts). */
  fast: number;
  slow: number;
  readonly formats: Set<FormatName>;
}

export function newTally(): RecordTally {
  return { records: 0, recognized: 0, spans: 0, fast: 0, slow: 0, formats: new Set() };
}

/**
 * Decodes one record; warnings (with the input's name) go to `warnings`. Returns the spans, or
 * undefined when the record is no trace data of any format. Throws RecordParseError on bad JSON.
 */
export function decodeRecordText(
  name: string,
  text: string | { readonly parsed: unknown },
  hint: RecordHint,
  place: RecordPlace,
  forced: FormatName | undefined,
  warnings: (w: TraceWarning) => void,
  tally: RecordTally,
  lean = false,
): readonly Span[] | undefined {
  tally.records++;
  const value = typeof text === 'string' ? parseRecord(text, place) : text.parsed;
  const decoder = decoderFor(value, hint, forced);
  if (decoder === undefined) {
    warnings({
      code: 'skipped-record',
      message: `${name}: line ${place.line}: a JSON value that is no Jaeger, Zipkin or OTLP trace data was skipped`,
      file: name,
    });
    return undefined;
  }
  tally.recognized++;
  tally.formats.add(decoder.name);
  const decoded: Decoded = decoder.decode(value, lean ? { file: name, lean } : { file: name });
  for (const w of decoded.warnings) warnings(w.file === undefined ? { ...w, file: name } : w);
  tally.spans += decoded.spans.length;
  return decoded.spans;
}

/** JSON.parse of one record; a failure names the line and column in the input. */
function parseRecord(text: string, place: RecordPlace): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const at = findJsonError(text);
    throw new RecordParseError(placeError(text, at.index, at.message, place));
  }
}

/**
 * The records of a run (json-framer `elements`): the text is consecutive elements of one array, so
 * `[text]` parses to them. A failure is placed like parseRecord's: the first error in the run is the
 * first error of its first bad record.
 */
function parseRun(text: string, place: RecordPlace): unknown[] {
  const wrapped = `[${text}]`;
  try {
    return JSON.parse(wrapped) as unknown[];
  } catch {
    const at = findJsonError(wrapped);
    throw new RecordParseError(placeError(text, Math.max(0, at.index - 1), at.message, place));
  }
}

/** The message for malformed JSON at `index` in the text of a record that starts at `place`. */
function placeError(text: string, index: number, message: string, place: RecordPlace): string {
  const before = text.slice(0, index);
  const lastNewline = before.lastIndexOf('\n');
  let newlines = 0;
  for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) newlines++;
  // Bytes cut out before the error (framer lean cuts) count too.
  let cutAt = -1;
  let columnAfterCut = 0;
  const cuts = place.cuts ?? [];
  for (let c = 0; c < cuts.length && cuts[c]! <= index; c += 4) {
    newlines += cuts[c + 2]!;
    cutAt = cuts[c]!;
    columnAfterCut = cuts[c + 3]!;
  }
  const line = place.line + newlines;
  // Columns count bytes, as the framer's do (its errors, a record's start, a cut's end): the same
  // error gets the same column whether it is found in the envelope or in a record, read whole or lean.
  const bytes = (from: number): number => Buffer.byteLength(text.slice(from, index), 'utf8');
  let column: number;
  if (lastNewline >= 0 && lastNewline >= cutAt) column = bytes(lastNewline + 1) + 1;
  else if (cutAt >= 0) column = columnAfterCut + bytes(cutAt);
  else column = place.column + bytes(0);
  return `malformed JSON at line ${line}, column ${column}: ${message}`;
}

/** A batch of framed records, as sent to a parse worker. */
export interface RecordJob {
  readonly seq: number;
  readonly name: string;
  readonly format: FormatName | undefined;
  /** Whether runs may be read by the fast lean reader (ReadTuning `fastRuns`). */
  readonly fastRuns: boolean;
  readonly texts: string[];
  readonly hints: RecordHint[];
  /** line, column of each record, interleaved. */
  readonly places: number[];
  /** Each record's cuts (framer lean cuts), or null. */
  readonly cuts: (readonly number[] | null)[];
  /** For a record that is a run of records (framer `elements`): each one's line and column; else null. */
  readonly runs?: (readonly number[] | null)[];
  /**
   * For a record that travels as bytes (framer `runBytes`, `otlpBytes`): its bytes, a 0 byte after
   * them; its text is then "", and its `cuts` are positions in the bytes (FramedRecord `byteCuts`).
   */
  readonly bytes?: (Uint8Array | null)[];
}

/** What came of a job: compact spans, warnings, counts, or the first malformed record's message. */
export interface JobResult {
  readonly seq: number;
  readonly batch: SpanBatch;
  readonly warnings: TraceWarning[];
  readonly records: number;
  readonly recognized: number;
  readonly spans: number;
  /** Records of runs read fast and the ordinary way. */
  readonly fast: number;
  readonly slow: number;
  readonly formats: FormatName[];
  /** Set when a record was malformed: the records after it were not read. */
  readonly error?: string;
}

/** Above this many records in a job (small ones: Zipkin spans), they are parsed as one array. */
const SMALL_RECORDS = 32;

/** Decodes a job's records into the encoder's next batch. */
export function runJob(job: RecordJob, encoder: BatchEncoder): JobResult {
  const warnings: TraceWarning[] = [];
  const tally = newTally();
  const push = (w: TraceWarning): void => void warnings.push(w);
  let error: string | undefined;
  // Many small records (Zipkin spans) parse faster as one array; any malformed record, and the
  // records are parsed one by one, so the error names its own place.
  let parsed: unknown[] | undefined;
  if (job.texts.length > SMALL_RECORDS && job.bytes === undefined && (job.runs === undefined || job.runs.every((r) => r === null))) {
    try {
      parsed = JSON.parse(`[${job.texts.join(',')}]`) as unknown[];
    } catch {
      parsed = undefined;
    }
  }
  const decode = (value: string | { readonly parsed: unknown }, hint: RecordHint, place: RecordPlace): void => {
    const spans = decodeRecordText(job.name, value, hint, place, job.format, push, tally, true);
    if (spans !== undefined) for (const span of spans) encoder.add(span);
  };
  // A run: every record decoded on its own, at its own line and column.
  const decodeRun = (text: string, hint: RecordHint, elements: readonly number[]): void => {
    const values = parseRun(text, { line: elements[0]!, column: elements[1]! });
    if (values.length * 2 !== elements.length) throw new Error(`a run of ${elements.length / 2} records parsed to ${values.length} values`);
    for (let k = 0; k < values.length; k++) decode({ parsed: values[k] }, hint, { line: elements[2 * k]!, column: elements[2 * k + 1]! });
  };
  const slow = {
    record: (text: string, hint: RecordHint, line: number, column: number) => decode(text, hint, { line, column }),
    rest: decodeRun,
  };
  for (let i = 0; i < job.texts.length; i++) {
    const place = { line: job.places[2 * i]!, column: job.places[2 * i + 1]!, cuts: job.cuts[i] ?? null };
    const elements = job.runs?.[i];
    const bytes = job.bytes?.[i];
    try {
      if (elements !== undefined && elements !== null) {
        if (bytes !== undefined && bytes !== null) decodeByteRun(bytes, elements, job.hints[i]!, job.format, job.fastRuns, encoder, tally, slow);
        else decodeRun(job.texts[i]!, job.hints[i]!, elements);
      } else if (bytes !== undefined && bytes !== null) {
        const { text, cuts } = textOfBytes(bytes.subarray(0, bytes.length - 1), job.cuts[i] ?? null);
        decode(text, job.hints[i]!, { ...place, cuts });
      } else {
        decode(parsed !== undefined ? { parsed: parsed[i] } : job.texts[i]!, job.hints[i]!, place);
      }
    } catch (err) {
      if (!(err instanceof RecordParseError)) throw err;
      error = err.detail;
      break;
    }
  }
  return {
    seq: job.seq,
    batch: encoder.take(),
    warnings,
    records: tally.records,
    recognized: tally.recognized,
    spans: tally.spans,
    fast: tally.fast,
    slow: tally.slow,
    formats: [...tally.formats],
    ...(error !== undefined ? { error } : {}),
  };
}

/**
 * Decodes a job's records into full spans (attributes, resource, events and all) and hands each to
 * `onSpan`, for a reader that works on whole spans in a worker of its own (`why`). Records are read
 * exactly as runJob reads them (text, runs, bytes; the same errors at the same places), without
 * the lean shortcuts that leave attributes out. Returns the job's result with an empty batch.
 *
 * With `onLean`, runs of records that travel as bytes are read by the fast Zipkin reader with its
 * attributes on, where it can (byte-runs.ts): each span it takes goes to `onLean` instead of
 * becoming a Span, the rest to `onSpan` as above (the job's `fastRuns` off: all of them).
 */
export function decodeJobSpans(job: RecordJob, onSpan: (span: Span) => void, onLean?: (span: LeanSpan, attributes: LeanAttributes) => void): JobResult {
  const warnings: TraceWarning[] = [];
  const tally = newTally();
  const push = (w: TraceWarning): void => void warnings.push(w);
  const decode = (value: string | { readonly parsed: unknown }, hint: RecordHint, place: RecordPlace): void => {
    const spans = decodeRecordText(job.name, value, hint, place, job.format, push, tally);
    if (spans !== undefined) for (const span of spans) onSpan(span);
  };
  const decodeRun = (text: string, hint: RecordHint, elements: readonly number[]): void => {
    const values = parseRun(text, { line: elements[0]!, column: elements[1]! });
    if (values.length * 2 !== elements.length) throw new Error(`a run of ${elements.length / 2} records parsed to ${values.length} values`);
    for (let k = 0; k < values.length; k++) decode({ parsed: values[k] }, hint, { line: elements[2 * k]!, column: elements[2 * k + 1]! });
  };
  const slow = {
    record: (text: string, hint: RecordHint, line: number, column: number) => decode(text, hint, { line, column }),
    rest: decodeRun,
  };
  let error: string | undefined;
  for (let i = 0; i < job.texts.length; i++) {
    const place = { line: job.places[2 * i]!, column: job.places[2 * i + 1]!, cuts: job.cuts[i] ?? null };
    const elements = job.runs?.[i];
    const bytes = job.bytes?.[i];
    const hint = job.hints[i]!;
    try {
      if (elements !== undefined && elements !== null) {
        if (bytes !== undefined && bytes !== null && onLean !== undefined) readByteRunAttributes(bytes, elements, hint, job.format, job.fastRuns, onLean, tally, slow);
        else decodeRun(bytes !== undefined && bytes !== null ? textOfBytes(bytes.subarray(0, bytes.length - 1), null).text : job.texts[i]!, hint, elements);
      } else if (bytes !== undefined && bytes !== null) {
        const { text, cuts } = textOfBytes(bytes.subarray(0, bytes.length - 1), job.cuts[i] ?? null);
        decode(text, hint, { ...place, cuts });
      } else {
        decode(job.texts[i]!, hint, place);
      }
    } catch (err) {
      if (!(err instanceof RecordParseError)) throw err;
      error = err.detail;
      break;
    }
  }
  return {
    seq: job.seq,
    batch: EMPTY_ENCODER.take(),
    warnings,
    records: tally.records,
    recognized: tally.recognized,
    spans: tally.spans,
    fast: tally.fast,
    slow: tally.slow,
    formats: [...tally.formats],
    ...(error !== undefined ? { error } : {}),
  };
}

/** Hands out empty batches (it is never given a span). */
const EMPTY_ENCODER = new BatchEncoder();

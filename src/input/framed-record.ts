/** A record the framer (json-framer.ts) cut out of the stream, with where it was found. */
import type { RecordHint } from '../formats/decoder.js';

export interface FramedRecord {
  /** The record's JSON text. */
  readonly text: string;
  readonly hint: RecordHint;
  /** Byte offset of the record's first byte in the (decompressed) stream. */
  readonly offset: number;
  /** 1-based line and column (in bytes) of the record's first byte. */
  readonly line: number;
  readonly column: number;
  /**
   * With `leanOtlp`: what was cut out, four numbers per cut: its position in `text`, bytes removed,
   * newlines removed, and the 1-based column of the first byte after the cut.
   */
  readonly cuts?: readonly number[];
  /**
   * With `runs`: the text holds several records, consecutive elements of one array separated by
   * commas, to be parsed as `[text]`; two numbers per record, its line and column.
   */
  readonly elements?: readonly number[];
  /**
   * With `runBytes` (a run) or `otlpBytes` (an OTLP ResourceSpans), the record's UTF-8 bytes (less
   * any lean cuts) and a 0 byte after them (json-bytes.ts's sentinel); `text` is then "" (the bytes
   * are decoded where they are parsed).
   */
  readonly bytes?: Uint8Array;
  /** With `bytes`: the lean cuts as `cuts` has them, but each first number a position in `bytes`. */
  readonly byteCuts?: readonly number[];
}

/**
 * Small records that sit next to each other in one array (Zipkin spans, Jaeger spans of a bare span
 * list), handed on as one text. A 100 MiB Zipkin dump holds about 200,000 spans; one string, one
 * record object and one structured clone each made the main thread the bottleneck of reading it.
 * The records of a run are consecutive elements of one container, so the bytes from the first
 * record's start to the last one's end hold nothing else but commas and whitespace between them:
 * wrapped in `[` `]` they parse to exactly those records. Each record's line and column travel with
 * the run, so every record is still decoded, warned about and placed on its own.
 */
import type { RecordHint } from '../formats/decoder.js';
import type { FramedRecord } from './framed-record.js';

/** A run is handed on at this many bytes (about what a parse job holds). */
const RUN_BYTES = 128 << 10;

export class RecordRun {
  private buf: Buffer | undefined;
  private start = 0;
  private end = 0;
  private offset = 0;
  private hint: RecordHint = 'element';
  private container: object | undefined;
  private places: number[] = [];

  /** `asBytes`: hand runs on as bytes (FramedRecord `bytes`) rather than text. */
  constructor(
    private readonly onRecord: (record: FramedRecord) => void,
    private readonly asBytes = false,
  ) {}

  /**
   * Adds the record buf[start..end) (offsets in `buf`, which is the current chunk), found in
   * `container`; a record of another container, hint or chunk first hands on the run so far.
   */
  add(buf: Buffer, start: number, end: number, absStart: number, hint: RecordHint, container: object, line: number, column: number): void {
    if (this.buf !== undefined && (this.buf !== buf || this.container !== container || this.hint !== hint)) this.flush();
    if (this.buf === undefined) {
      this.buf = buf;
      this.start = start;
      this.offset = absStart;
      this.hint = hint;
      this.container = container;
    }
    this.end = end;
    this.places.push(line, column);
    if (this.end - this.start >= RUN_BYTES) this.flush();
  }

  /** Hands on what the run holds: call before any other record, at a chunk's end and on an error. */
  flush(): void {
    const buf = this.buf;
    if (buf === undefined) return;
    const places = this.places;
    this.buf = undefined;
    this.container = undefined;
    this.places = [];
    if (this.asBytes) {
      // A copy with its own memory (transferable), and the 0 byte the fast reader stops at.
      const bytes = new Uint8Array(this.end - this.start + 1);
      bytes.set(buf.subarray(this.start, this.end));
      this.onRecord({ text: '', bytes, hint: this.hint, offset: this.offset, line: places[0]!, column: places[1]!, elements: places });
      return;
    }
    this.onRecord({ text: buf.toString('utf8', this.start, this.end), hint: this.hint, offset: this.offset, line: places[0]!, column: places[1]!, elements: places });
  }
}

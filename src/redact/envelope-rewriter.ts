/**
 * Rewrites a JSON trace dump value by value while copying everything around the values byte for
 * byte, so a redacted dump keeps its format, its envelope and its layout: Jaeger's
 * `{"data":[...]}`, OTLP's `{"resourceSpans":[...]}`, a Zipkin list, one document per line, CRLF
 * line ends, a BOM. It never holds more than one record.
 *
 * The input layer's framer finds the values (input/json-framer.ts, option `values`), so a dump is
 * split into records here exactly as every other command reads it: elements of a top-level array
 * (and of arrays inside it), of `data`, `resourceSpans` and `batches` arrays, of jaeger-ui's
 * `data.spans`; `result` and `trace` wrap an envelope; a top-level object with none of these is one
 * record as a whole. Every other value of the envelope (a `total`, an `errors` list, a stray string
 * in a span list) is handed to `rewrite` too, as a field, so nothing in the file goes out unseen.
 * This class keeps the bytes the framer has scanned and writes them out: the envelope as it was,
 * each value as rewritten.
 */
import type { RecordHint } from '../formats/decoder.js';
import { type EnvelopeValue, JsonFramer } from '../input/json-framer.js';

/** `rewrite` gets a value's JSON text and returns the text to write in its place. */
export type RewriteValue = (text: string, where: ValuePlace) => string;

export interface ValuePlace {
  /** A record (one of the input layer's record hints), or a `field` of the envelope. */
  readonly hint: RecordHint | 'field';
  /** The envelope key a field sits under, if any. */
  readonly key?: string;
  /** 1-based line and column (bytes) of the value's first byte. */
  readonly line: number;
  readonly column: number;
}

const BOM = [0xef, 0xbb, 0xbf];

export class EnvelopeRewriter {
  /** Records and fields rewritten so far. */
  values = 0;

  private readonly framer: JsonFramer;
  /** Bytes read and not yet written, from offset `from` on. */
  private chunks: Buffer[] = [];
  private from = 0;
  /** Offset of the next byte to read. */
  private base = 0;

  constructor(
    private readonly rewrite: RewriteValue,
    private readonly write: (chunk: Buffer | string) => void,
  ) {
    this.framer = new JsonFramer(() => undefined, { values: (value) => this.value(value) });
  }

  /** Top-level JSON values seen. */
  get documents(): number {
    return this.framer.counts.documents;
  }

  /** Reads the next bytes; throws the framer's FrameError on malformed JSON in the envelope. */
  push(buf: Buffer): void {
    if (buf.length === 0) return;
    this.chunks.push(buf);
    const first = this.base === 0;
    this.base += buf.length;
    if (first && buf.length >= 3 && buf[0] === BOM[0] && buf[1] === BOM[1] && buf[2] === BOM[2]) {
      // Copied as envelope; the framer starts after it, so columns still count its bytes.
      this.framer.resumeAt(3, 1, 0);
      this.framer.push(buf.subarray(3));
    } else {
      this.framer.push(buf);
    }
  }

  /** Writes what is left (the envelope after the last value); throws when the document is incomplete. */
  end(): void {
    this.framer.end();
    this.copyTo(this.base);
  }

  private value(value: EnvelopeValue): void {
    this.copyTo(value.start);
    const text = this.take(value.end).toString('utf8');
    const place = { hint: value.hint, ...(value.key !== undefined ? { key: value.key } : {}), line: value.line, column: value.column };
    this.values++;
    this.write(this.rewrite(text, place));
  }

  /** Writes the bytes before `offset` as they are. */
  private copyTo(offset: number): void {
    if (offset > this.from) for (const part of this.takeParts(offset)) this.write(part);
  }

  /** The bytes before `offset`, in one buffer. */
  private take(offset: number): Buffer {
    const parts = this.takeParts(offset);
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }

  /** Removes the bytes before `offset` from what is kept, and returns them. */
  private takeParts(offset: number): Buffer[] {
    const parts: Buffer[] = [];
    while (this.from < offset) {
      const chunk = this.chunks[0]!;
      const n = Math.min(chunk.length, offset - this.from);
      parts.push(chunk.subarray(0, n));
      if (n === chunk.length) this.chunks.shift();
      else this.chunks[0] = chunk.subarray(n);
      this.from += n;
    }
    return parts;
  }
}

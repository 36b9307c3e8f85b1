/**
 * A framed record as the bytes it was read as. The text is decoded from UTF-8 only where the record
 * is parsed: in a parse worker for big inputs, so that the main thread, which reads and frames, does
 * not also decode every byte (and its heap does not churn through a copy of the whole input).
 *
 * With lean cuts (json-framer `leanOtlp`) the bytes are the record without what was cut, and each
 * cut's position is a byte offset in them; decoding turns it into a position in the text, which is
 * what a parse error is placed by (decode-records.ts).
 */
import type { RecordHint } from '../formats/decoder.js';
import type { FramedRecord } from './json-framer.js';

export class RecordBytes implements FramedRecord {
  private decoded: DecodedRecord | undefined;

  constructor(
    /** The record's UTF-8 bytes (cut bytes left out). */
    readonly bytes: Buffer,
    readonly hint: RecordHint,
    readonly offset: number,
    readonly line: number,
    readonly column: number,
    /** As FramedRecord `cuts`, but each first number a byte offset in `bytes`. */
    readonly byteCuts?: readonly number[],
    readonly elements?: readonly number[],
  ) {}

  get text(): string {
    return this.decode().text;
  }

  get cuts(): readonly number[] | undefined {
    return this.decode().cuts;
  }

  private decode(): DecodedRecord {
    return (this.decoded ??= decodeRecordBytes(this.bytes, this.byteCuts));
  }
}

export interface DecodedRecord {
  readonly text: string;
  /** The cuts with their first numbers as positions in `text`. */
  readonly cuts: readonly number[] | undefined;
}

/**
 * A record's text from its bytes; cut positions become positions in the text. Cuts fall between
 * ASCII brackets, so the pieces between them decode on their own exactly as the whole would.
 */
export function decodeRecordBytes(bytes: Uint8Array, byteCuts: readonly number[] | null | undefined): DecodedRecord {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (byteCuts === undefined || byteCuts === null || byteCuts.length === 0) return { text: buf.toString('utf8'), cuts: undefined };
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

/**
 * Where one record ends and the next begins in a dump as a format's usual writer lays it out, so
 * record guessing (input/record-guess.ts) can cut the input there with a native search instead of
 * the framer's byte scan. A cut only has to be right for that layout: each record it cuts out is
 * checked by parsing it alone, and the first that is not one whole object hands the input back to
 * the framer.
 */
import type { RecordHint } from './decoder.js';

export interface RecordCut {
  /** The records it cuts: those the framer hands on with this hint. */
  readonly hint: RecordHint;
  /** The bytes from the `}` that ends one record to the first byte of the next one's id. */
  readonly cut: Buffer;
  /** What must follow that id, when the cut alone also matches inside a record. */
  readonly afterId?: Buffer;
}

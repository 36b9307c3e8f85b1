/**
 * Whether an input is valid UTF-8, checked chunk by chunk as it is read. JSON is UTF-8; bytes that
 * are not (a Latin-1 name, a binary blob pasted into a tag) are read as U+FFFD, as every JSON reader
 * in Node does, and the reader says so once per input (warning `invalid-utf8`) rather than nothing.
 * The check is Node's own validator (buffer.isUtf8): about 4 ms per 100 MiB. A character cut by a
 * chunk's end is held back and checked with the next chunk's first bytes.
 */
import { isUtf8 } from 'node:buffer';

/** Length of the sequence a UTF-8 lead byte starts (1-4); 0 for a byte no sequence starts with. */
function sequenceLength(b: number): number {
  if (b < 0x80) return 1;
  if (b >= 0xc2 && b <= 0xdf) return 2;
  if (b >= 0xe0 && b <= 0xef) return 3;
  if (b >= 0xf0 && b <= 0xf4) return 4;
  return 0;
}

export class Utf8Check {
  /** The start of a character the last chunk ended inside. */
  private carry: Buffer | undefined;
  private ok = true;

  /** Whether every byte so far is valid UTF-8 (a character still open at the end counts as invalid once `end` is called). */
  get valid(): boolean {
    return this.ok;
  }

  push(chunk: Buffer): void {
    if (!this.ok) return;
    let from = 0;
    if (this.carry !== undefined) {
      const need = sequenceLength(this.carry[0]!) - this.carry.length;
      if (chunk.length < need) {
        this.carry = Buffer.concat([this.carry, chunk]);
        return;
      }
      const character = Buffer.concat([this.carry, chunk.subarray(0, need)]);
      this.carry = undefined;
      if (!isUtf8(character)) {
        this.ok = false;
        return;
      }
      from = need;
    }
    // Hold back a character the chunk's end cuts: its lead byte is among the last three bytes.
    let end = chunk.length;
    for (let k = 1; k <= 3 && end - k >= from; k++) {
      const b = chunk[end - k]!;
      if ((b & 0xc0) === 0x80) continue; // a continuation byte: the lead is further back
      if (sequenceLength(b) > k) {
        this.carry = Buffer.from(chunk.subarray(end - k));
        end -= k;
      }
      break;
    }
    if (!isUtf8(chunk.subarray(from, end))) this.ok = false;
  }

  /** At the end of the input: false when any byte was not valid UTF-8 (a character cut at the end included). */
  end(): boolean {
    if (this.carry !== undefined) this.ok = false;
    this.carry = undefined;
    return this.ok;
  }
}

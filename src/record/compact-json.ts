/**
 * One JSON text on one line, byte for byte otherwise: whitespace outside strings is dropped and
 * nothing is re-serialized. Re-serializing (JSON.parse then JSON.stringify) would round numbers a
 * sender wrote beyond 2^53 (int64 attribute values, nanosecond times as numbers), and the dump must
 * keep what was sent. JSON forbids raw newlines inside strings, so the result holds none.
 *
 * The input must already be known to be valid JSON (the caller parses it first). It is compacted in
 * place (runs move left over the dropped whitespace, which memmove allows): the receiver owns the
 * body, and a copy per request is memory the receiver's bound would have to make room for. Bodies
 * that exporters write with JSON.stringify have no whitespace to drop and are not moved at all.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

export function compactJson(text: Buffer): Buffer {
  let length = 0;
  let inString = false;
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    const byte = text[i] as number;
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (isWhitespace(byte)) {
      if (runStart !== length) text.copy(text, length, runStart, i);
      length += i - runStart;
      runStart = i + 1;
    }
  }
  if (runStart !== length) text.copy(text, length, runStart, text.length);
  length += text.length - runStart;
  return text.subarray(0, length);
}

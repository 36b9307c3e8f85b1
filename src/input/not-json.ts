/**
 * What an input that is not JSON at all looks like, for its one-line error: "x.png: not JSON
 * (starts with bytes 89 50 4e 47, a PNG image)" says more than "unexpected byte 0x89" at line 1,
 * column 1. Formats with a magic number are named; other bytes that are no text are "binary data".
 * Protobuf has no magic number (an OTLP export starts with byte 0a, as any message whose first field
 * is a length-delimited field 1 does), so binary data of no known kind gets a hint at what tracectl
 * reads instead. Gzip never gets here: it is read (decompress.ts).
 */
const MAGIC: readonly [readonly number[], string][] = [
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x50, 0x4b, 0x03, 0x04], 'a zip archive'],
  [[0x50, 0x4b, 0x05, 0x06], 'an empty zip archive'],
  [[0x28, 0xb5, 0x2f, 0xfd], 'zstd-compressed data (decompress it first: zstd -d)'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'xz-compressed data (decompress it first: xz -d)'],
  [[0x42, 0x5a, 0x68], 'bzip2-compressed data (decompress it first: bunzip2)'],
  [[0x7f, 0x45, 0x4c, 0x46], 'an ELF executable'],
  [[0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66], 'an SQLite database'],
  [[0x50, 0x41, 0x52, 0x31], 'a Parquet file'],
];

/** How many first bytes are looked at (and shown: the first four). */
export const HEAD_BYTES = 8;

/**
 * `head`: the input's first bytes (after a byte-order mark). A description for "not JSON (...)", or
 * undefined when they look like text (then the JSON error at its place says more).
 */
export function notJson(head: Uint8Array): string | undefined {
  const shown = [...head.subarray(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  const starts = `starts with bytes ${shown}`;
  for (const [magic, what] of MAGIC) {
    if (head.length >= magic.length && magic.every((b, i) => head[i] === b)) return `${starts}, ${what}`;
  }
  if (!binary(head)) return undefined;
  return `${starts}, binary data; OTLP protobuf? tracectl reads OTLP JSON, as \`tracectl record\` and the Collector's file exporter write it`;
}

/** Control bytes other than JSON whitespace, or bytes that are not UTF-8. */
function binary(head: Uint8Array): boolean {
  for (const b of head) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return true;
  // A multi-byte character may be cut at the end of the head: only what is whole must decode.
  for (let cut = 0; cut < 4 && cut < head.length; cut++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, head.length - cut));
      return false;
    } catch {
      // try without the last bytes
    }
  }
  return true;
}

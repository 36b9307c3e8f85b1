/**
 * The worker's half of record guessing (record-guess.ts): a block of consecutive records of one
 * array (Jaeger traces, Zipkin spans), cut where the main thread guessed each one starts, with no
 * byte scan. Zipkin spans are read by the fast reader where it takes them (byte-runs.ts). Each guess is
 * checked by `JSON.parse`: the text from one guessed start to the next parses as one object only if
 * it is exactly one whole record (a cut inside a string or inside a trace leaves a text that does not
 * parse). The first record that does not parse, or is no object, ends the block: the main thread
 * frames the input from there the ordinary way, so what is wrong with it is said exactly as without
 * guessing.
 */

export interface GuessOutcome {
  /** The first record not taken (an index into the block's starts); absent when all were. */
  readonly failedAt?: number;
}

/**
 * Reads the records of `bytes` (a 0 byte after them): record k runs from starts[k] to the comma
 * before starts[k + 1] (the last to the 0 byte); places holds each one's line and column. Each
 * record taken goes to `decode`, parsed.
 */
export function decodeGuessedRecords(
  bytes: Uint8Array,
  starts: readonly number[],
  places: readonly number[],
  decode: (record: object, line: number, column: number) => void,
): GuessOutcome {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const last = buf.length - 1; // the 0 byte after the block
  for (let k = 0; k < starts.length; k++) {
    const end = k + 1 < starts.length ? starts[k + 1]! - 1 : last;
    const value = parsedRecord(buf, starts[k]!, end);
    if (value === undefined) return { failedAt: k };
    decode(value, places[2 * k]!, places[2 * k + 1]!);
  }
  return {};
}

/** The object buf[start, end) holds exactly, or undefined (not JSON on its own, or not an object). */
export function parsedRecord(buf: Buffer, start: number, end: number): object | undefined {
  let value: unknown;
  try {
    value = JSON.parse(buf.toString('utf8', start, end));
  } catch {
    return undefined;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
}

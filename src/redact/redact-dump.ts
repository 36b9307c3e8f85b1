/**
 * `tracectl redact` end to end: read one dump (file or stdin, plain or gzip), rewrite each record
 * with the Redactor, write the result in the same format and layout (gzip again if it came gzipped).
 * Records are parsed one at a time; the file is never held whole.
 */
import { createGzip } from 'node:zlib';
import { InputError } from '../errors.js';
import type { RecordHint } from '../formats/decoder.js';
import { decoderFor } from '../formats/registry.js';
import { decompress } from '../input/decompress.js';
import { HEAD_BYTES, notJson } from '../input/not-json.js';
import { findJsonError } from '../json/json-error-position.js';
import { describeFsError, openInput, type InputPlace } from '../input/open-input.js';
import type { FormatName } from '../model/span.js';
import { FrameError } from '../input/json-framer.js';
import { EnvelopeRewriter, type ValuePlace } from './envelope-rewriter.js';
import { protectNumbers, restoreNumbers } from './exact-numbers.js';
import { Redactor, type RedactOptions } from './redactor.js';
import { stringifyDeep } from './stringify-deep.js';

/** Where the redacted bytes go: a file written atomically, or standard output. */
export interface RedactSink {
  write(chunk: Buffer | string): Promise<void>;
}

export interface RedactResult {
  readonly input: string;
  readonly gzip: boolean;
  readonly formats: FormatName[];
  /** Records recognized as trace data, and other values (envelope fields, unknown records) redacted as plain JSON. */
  readonly records: number;
  readonly otherValues: number;
  readonly redactor: Redactor;
}

export interface DumpOptions {
  /** Write gzip when the input was gzip (false: always plain JSON, e.g. for standard output). */
  readonly gzipLikeInput?: boolean;
  /** Read every record as this format (--input-format) instead of recognizing it. */
  readonly format?: FormatName;
}

export async function redactDump(path: string, place: InputPlace, options: RedactOptions, sink: RedactSink, dump: DumpOptions = {}): Promise<RedactResult> {
  const input = await openInput(path, place);
  const name = input.name;
  const redactor = new Redactor(options);
  const formats = new Set<FormatName>();
  let records = 0;
  let otherValues = 0;

  const rewrite = (text: string, place: ValuePlace): string => {
    let value: unknown;
    try {
      value = JSON.parse(protectNumbers(text));
    } catch {
      throw new InputError(name, `malformed JSON at ${position(text, place)}`);
    }
    const decoder = place.hint === 'field' ? undefined : decoderFor(value, place.hint as RecordHint, dump.format);
    if (decoder !== undefined) {
      formats.add(decoder.name);
      records++;
    } else otherValues++;
    const redacted = redactor.redact(value, place.key);
    let json: string;
    try {
      json = JSON.stringify(redacted) ?? 'null';
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      json = stringifyDeep(redacted);
    }
    return restoreNumbers(json);
  };

  let pending: (Buffer | string)[] = [];
  const rewriter = new EnvelopeRewriter(rewrite, (chunk) => void pending.push(chunk));
  // The file is opened as it is first read, here: a refused open (no permission) surfaces now.
  const plain = await decompress(input.stream, () => undefined).catch((err: unknown) => {
    throw describe(name, err, false);
  });
  const gzip = plain.gzip && dump.gzipLikeInput !== false ? createGzip() : undefined;
  const drain = async (): Promise<void> => {
    const out = pending;
    pending = [];
    for (const chunk of out) {
      if (gzip === undefined) await sink.write(chunk);
      else if (!gzip.write(chunk)) await new Promise((r) => gzip.once('drain', r));
    }
  };
  const gzipped = gzip === undefined ? undefined : forward(gzip, sink);
  // A handler from the start, so a write failing mid-read is not an unhandled rejection meanwhile
  // (the promise is still awaited below, where its error counts).
  gzipped?.catch(() => undefined);
  /** The first bytes, to say what an input that is not JSON is. */
  let head = Buffer.alloc(0);
  try {
    for await (const chunk of plain.chunks) {
      if (head.length < HEAD_BYTES) head = Buffer.concat([head, (chunk as Buffer).subarray(0, HEAD_BYTES - head.length)]);
      rewriter.push(chunk);
      await drain();
    }
    rewriter.end();
    await drain();
  } catch (err) {
    gzip?.destroy();
    // The copy of the destroyed gzip stream rejects ("premature close"): settle it here, or it
    // surfaces later as an unhandled rejection.
    await gzipped?.catch(() => undefined);
    const binary = err instanceof FrameError ? notJson(head.subarray(head.subarray(0, 3).equals(BOM_BYTES) ? 3 : 0)) : undefined;
    throw binary !== undefined ? new InputError(name, `not JSON (${binary})`) : describe(name, err, plain.gzip);
  }
  if (gzip !== undefined) {
    gzip.end();
    await gzipped;
  }
  if (rewriter.documents === 0) throw new InputError(name, 'empty input: no JSON in it');
  if (records === 0) throw new InputError(name, 'not a trace dump: found no Jaeger, Zipkin or OTLP spans (use --input-format to force one)');
  return { input: name, gzip: plain.gzip, formats: [...formats], records, otherValues, redactor };
}

/** Copies the gzip stream's output to the sink. */
async function forward(gzip: NodeJS.ReadableStream, sink: RedactSink): Promise<void> {
  for await (const chunk of gzip as AsyncIterable<Buffer>) await sink.write(chunk);
}

const BOM_BYTES = Buffer.from([0xef, 0xbb, 0xbf]);

function position(text: string, place: ValuePlace): string {
  const at = findJsonError(text);
  const before = text.slice(0, at.index);
  const newlines = before.split('\n').length - 1;
  const column = newlines === 0 ? place.column + at.index : at.index - before.lastIndexOf('\n');
  return `line ${place.line + newlines}, column ${column}: ${at.message}`;
}

function describe(name: string, err: unknown, gzip: boolean): Error {
  if (err instanceof InputError) return err;
  if (err instanceof FrameError) return new InputError(name, `malformed JSON at line ${err.line}, column ${err.column}: ${err.message}`);
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && code.startsWith('Z_')) return new InputError(name, `gzip data is corrupt or truncated (${(err as Error).message})`);
  if (gzip && (err as Error | undefined)?.message?.includes('unexpected end of file')) return new InputError(name, 'gzip data is truncated');
  if (typeof code === 'string') return new InputError(name, describeFsError(err));
  if (err instanceof RangeError) return new InputError(name, `too large to redact: ${err.message}`);
  return err instanceof Error ? err : new Error(String(err));
}

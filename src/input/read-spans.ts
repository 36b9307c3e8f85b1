/**
 * The input side end to end: open each input, gunzip if needed, frame records, parse them, pick the
 * format by content and decode to spans, which are handed to `onSpan` one by one as they are read.
 * Nothing here holds a whole file.
 */
import { InputError } from '../errors.js';
import type { Decoded } from '../formats/decoder.js';
import { decoderFor } from '../formats/registry.js';
import type { FormatName, Span } from '../model/span.js';
import type { WarningLog } from '../model/warning-log.js';
import { decompress } from './decompress.js';
import { findJsonError } from './json-error-position.js';
import { FrameError, JsonFramer, type FramedRecord } from './json-framer.js';
import { describeFsError, openInput, type StdinLike } from './open-input.js';

export interface ReadOptions {
  /** Force a format instead of detecting it per record. */
  readonly format?: FormatName;
  readonly stdin: StdinLike;
  readonly warnings: WarningLog;
  /** Called as bytes are read (compressed bytes for gzip input). */
  readonly onProgress?: (progress: ReadProgress) => void;
}

export interface ReadProgress {
  readonly input: string;
  readonly bytesRead: number;
  readonly totalBytes?: number;
  readonly spans: number;
}

export interface InputSummary {
  readonly name: string;
  readonly gzip: boolean;
  readonly formats: FormatName[];
  readonly records: number;
  readonly spans: number;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export async function readSpans(paths: readonly string[], onSpan: (span: Span) => void, options: ReadOptions): Promise<InputSummary[]> {
  const summaries: InputSummary[] = [];
  for (const path of paths) summaries.push(await readOne(path, onSpan, options));
  return summaries;
}

async function readOne(path: string, onSpan: (span: Span) => void, options: ReadOptions): Promise<InputSummary> {
  const input = await openInput(path, options.stdin);
  const name = input.name;
  const formats = new Set<FormatName>();
  let records = 0;
  let recognized = 0;
  let spans = 0;
  let bytesRead = 0;
  const ctx = { file: name };

  const onRecord = (record: FramedRecord): void => {
    records++;
    const value = parseRecord(name, record);
    const decoder = decoderFor(value, record.hint, options.format);
    if (decoder === undefined) {
      options.warnings.add({
        code: 'skipped-record',
        message: `${name}: line ${record.line}: a JSON value that is no Jaeger, Zipkin or OTLP trace data was skipped`,
        file: name,
      });
      return;
    }
    recognized++;
    formats.add(decoder.name);
    const decoded: Decoded = decoder.decode(value, ctx);
    for (const w of decoded.warnings) options.warnings.add(w.file === undefined ? { ...w, file: name } : w);
    for (const span of decoded.spans) onSpan(span);
    spans += decoded.spans.length;
  };

  const framer = new JsonFramer(onRecord);
  let gzip = false;
  try {
    const plain = await decompress(input.stream, (n) => {
      bytesRead += n;
      options.onProgress?.({ input: name, bytesRead, ...(input.sizeBytes !== undefined ? { totalBytes: input.sizeBytes } : {}), spans });
    });
    gzip = plain.gzip;
    let first = true;
    for await (const chunk of plain.chunks) {
      let buf = chunk as Buffer;
      if (first) {
        first = false;
        if (buf.subarray(0, 3).equals(BOM)) buf = buf.subarray(3);
      }
      framer.push(buf);
    }
    framer.end();
  } catch (err) {
    throw toInputError(name, err, gzip);
  }

  if (framer.counts.documents === 0) throw new InputError(name, 'empty input: no JSON in it');
  if (recognized === 0) {
    if (framer.counts.nonTraceDocuments > 0) {
      throw new InputError(name, 'holds OpenTelemetry logs or metrics, not traces');
    }
    throw new InputError(name, 'not a trace dump: found no Jaeger, Zipkin or OTLP spans (use --input-format to force one)');
  }
  if (framer.counts.nonTraceDocuments > 0) {
    options.warnings.add({
      code: 'non-trace-record',
      message: `${name}: ${framer.counts.nonTraceDocuments} OTLP logs/metrics documents skipped`,
      file: name,
    });
  }
  if (framer.counts.scalarRecords > 0) {
    options.warnings.add({
      code: 'skipped-record',
      message: `${name}: ${framer.counts.scalarRecords} values that are not objects skipped where spans or traces were expected`,
      file: name,
    });
  }
  return { name, gzip, formats: [...formats], records, spans };
}

/** JSON.parse of one record; a failure becomes an error with the line and column in the input. */
function parseRecord(name: string, record: FramedRecord): unknown {
  try {
    return JSON.parse(record.text);
  } catch {
    const at = findJsonError(record.text);
    const before = record.text.slice(0, at.index);
    const lastNewline = before.lastIndexOf('\n');
    let newlines = 0;
    for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) newlines++;
    const line = record.line + newlines;
    const column = lastNewline < 0 ? record.column + at.index : at.index - lastNewline;
    throw new InputError(name, `malformed JSON at line ${line}, column ${column}: ${at.message}`);
  }
}

function toInputError(name: string, err: unknown, gzip: boolean): Error {
  if (err instanceof InputError) return err;
  if (err instanceof FrameError) {
    return new InputError(name, `malformed JSON at line ${err.line}, column ${err.column}: ${err.message}`);
  }
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return new InputError(name, `gzip data is corrupt or truncated (${(err as Error).message})`);
  }
  if (gzip && (err as Error | undefined)?.message?.includes('unexpected end of file')) {
    return new InputError(name, 'gzip data is truncated');
  }
  if (typeof code === 'string') return new InputError(name, describeFsError(err));
  if (err instanceof RangeError) return new InputError(name, `too large to read: ${err.message}`);
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * The input side end to end: open each input, gunzip if needed, frame records, parse them, pick the
 * format by content and decode. Nothing here holds a whole file.
 *
 * Two ways out:
 * - `readSpans` hands full `Span`s (attributes, events, links) to `onSpan` one by one, parsing on
 *   this thread: for commands that show span details.
 * - `readCompact` hands batches of compact spans (compact-batch.ts) to `onBatch`, in read order,
 *   parsing in worker threads while this thread reads and frames: for commands that need only the
 *   trace structure and timing, which is what makes big dumps fast and small in memory.
 * - `readJobs` frames whole records and hands them to a caller's own worker jobs, for a command
 *   that does its per-span work where the spans are parsed.
 */
import { InputError } from '../errors.js';
import type { FormatName, Span } from '../model/span.js';
import type { WarningLog } from '../model/warning-log.js';
import { BatchEncoder, type SpanBatch } from './compact-batch.js';
import { decompress } from './decompress.js';
import { decodeRecordText, newTally, RecordParseError, type JobResult, type RecordJob, type RecordTally } from './decode-records.js';
import type { FramedRecord } from './framed-record.js';
import { FrameError, JsonFramer, type FramerOptions, type InputCut } from './json-framer.js';
import { HEAD_BYTES, notJson } from './not-json.js';
import { describeFsError, type InputPlace, openInput } from './open-input.js';
import { RecordPipeline, WORKERS_AVAILABLE, WorkerPool, type InlineRunner } from './record-pipeline.js';
import { DEFAULT_TUNING, type ReadCounts, type ReadTuning } from './read-tuning.js';
import { Utf8Check } from './utf8-check.js';

export interface ReadOptions extends InputPlace {
  /** Force a format instead of detecting it per record. */
  readonly format?: FormatName;
  readonly warnings: WarningLog;
  /** Called as bytes are read (compressed bytes for gzip input). */
  readonly onProgress?: (progress: ReadProgress) => void;
  /**
   * readSpans: resolves when the consumer can take more spans (a consumer writing them somewhere
   * slower than they are read holds the reading back instead of buffering without bound).
   */
  readonly room?: () => Promise<void>;
  /**
   * Refuse an input cut off inside a record (or a cut gzip stream), as malformed JSON at its end.
   * Without it the whole records before the cut are read and the cut is a `truncated-input` warning.
   */
  readonly strict?: boolean;
}

export interface CompactReadOptions extends ReadOptions {
  /**
   * Parse workers: a number, or undefined for the default (one, when the platform allows it and the
   * inputs are not all small files). 0 parses on this thread.
   */
  readonly workers?: number;
  /** Fast paths and sizes (read-tuning.ts); what is left out has its default. */
  readonly tuning?: Partial<ReadTuning>;
  /** Told how the records were read (fast or the ordinary way). */
  readonly counts?: ReadCounts;
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
/**
 * Compact spans never hold attributes or events: OTLP spans' are cut out before parsing. Records
 * travel to the workers as bytes, decoded from UTF-8 there: small ones in runs, read by the fast
 * lean reader where it can be (byte-runs.ts); OTLP ones too, which keeps their text off this thread's
 * heap (on a gigabyte through stdin that took peak RSS from 200-212 MB to 186-197 MB, at the same speed).
 * For measuring, tuning `runs` off hands small records on one by one, `otlpBytes` off OTLP records as text.
 */
function leanFraming(tuning: ReadTuning): FramerOptions {
  return { leanOtlp: true, runs: tuning.runs, runBytes: true, otlpBytes: tuning.otlpBytes };
}
/** Below this many bytes in all, starting a worker costs more than it saves. */
const SMALL_INPUT_BYTES = 4 << 20;

/** How one input's records are consumed; `finish` returns the error message of a malformed record. */
interface RecordSink {
  add(record: FramedRecord): void;
  room(): Promise<void>;
  finish(): Promise<string | undefined>;
  readonly tally: RecordTally;
  /** A malformed record was found: reading on is pointless. */
  readonly failed: boolean;
}

export async function readSpans(paths: readonly string[], onSpan: (span: Span) => void, options: ReadOptions): Promise<InputSummary[]> {
  const summaries: InputSummary[] = [];
  for (const path of paths) {
    summaries.push(
      await readOne(path, options, (name) => {
        const tally = newTally();
        let error: string | undefined;
        const warn = (w: Parameters<WarningLog['add']>[0]): void => options.warnings.add(w);
        return {
          tally,
          add(record) {
            if (error !== undefined) return;
            try {
              const spans = decodeRecordText(name, record.text, record.hint, record, options.format, warn, tally);
              if (spans !== undefined) for (const span of spans) onSpan(span);
            } catch (err) {
              if (!(err instanceof RecordParseError)) throw err;
              error = err.detail;
            }
          },
          room: options.room ?? (() => Promise.resolve()),
          finish: () => Promise.resolve(error),
          get failed() {
            return error !== undefined;
          },
        };
      }),
    );
  }
  return summaries;
}

/** Reads the inputs into compact span batches, parsed off the main thread for big inputs. */
export async function readCompact(
  paths: readonly string[],
  onBatch: (batch: SpanBatch, source: number) => void,
  options: CompactReadOptions,
): Promise<InputSummary[]> {
  const tuning = { ...DEFAULT_TUNING, ...options.tuning };
  const workers = options.workers ?? (await defaultWorkers(paths, options.cwd));
  const pool = workers > 0 && WORKERS_AVAILABLE ? new WorkerPool(workers, tuning.workerYoungMb) : undefined;
  const inline = new BatchEncoder();
  try {
    const summaries: InputSummary[] = [];
    for (const path of paths) {
      summaries.push(
        await readOne(
          path,
          options,
          (name) =>
            pipelineSink(name, options, tuning, pool, inline, (result, source) => {
              if (result.batch.count > 0) onBatch(result.batch, source);
            }),
          leanFraming(tuning),
        ),
      );
    }
    return summaries;
  } finally {
    await pool?.close();
  }
}

/**
 * Reads the inputs with a caller's own jobs: records (whole, nothing cut out) go in batches to the
 * workers of `pool`, which answer each job with a JobResult (their work is theirs: `why` tallies
 * full spans there), or run on this thread through `inline` when the workers are behind. Results
 * arrive in read order; warnings and counts are taken care of here.
 */
export async function readJobs(
  paths: readonly string[],
  options: CompactReadOptions,
  pool: WorkerPool | undefined,
  inline: (job: RecordJob) => JobResult,
  onResult: (result: JobResult) => void,
): Promise<InputSummary[]> {
  const tuning = { ...DEFAULT_TUNING, ...options.tuning };
  // Whole records, as bytes where the framer can (decoded from UTF-8 where they are parsed).
  const framing: FramerOptions = { runs: tuning.runs, runBytes: true, otlpBytes: tuning.otlpBytes };
  const summaries: InputSummary[] = [];
  for (const path of paths) summaries.push(await readOne(path, options, (name) => pipelineSink(name, options, tuning, pool, inline, onResult), framing));
  return summaries;
}

/** A sink that sends records through a RecordPipeline, adding up its results' counts and warnings. */
function pipelineSink(
  name: string,
  options: CompactReadOptions,
  tuning: ReadTuning,
  pool: WorkerPool | undefined,
  inline: InlineRunner,
  onResult: (result: JobResult, source: number) => void,
): RecordSink {
  const tally = newTally();
  const pipeline = new RecordPipeline(
    name,
    options.format,
    pool,
    inline,
    (result, source) => {
      tally.records += result.records;
      tally.recognized += result.recognized;
      tally.spans += result.spans;
      if (options.counts !== undefined) {
        options.counts.fast += result.fast;
        options.counts.slow += result.slow;
      }
      for (const f of result.formats) tally.formats.add(f);
      options.warnings.addAll(result.warnings);
      onResult(result, source);
    },
    tuning,
  );
  return {
    tally,
    add: (r) => pipeline.add(r),
    room: () => pipeline.room(),
    finish: () => pipeline.finish(),
    get failed() {
      return pipeline.failed;
    },
  };
}

/** One worker unless every input is a file smaller than SMALL_INPUT_BYTES in all (stdin counts as big). */
export async function defaultWorkers(paths: readonly string[], cwd: string | undefined): Promise<number> {
  const { stat } = await import('node:fs/promises');
  const { resolve } = await import('node:path');
  let total = 0;
  for (const path of paths) {
    if (path === '-') return 1;
    try {
      total += (await stat(cwd === undefined ? path : resolve(cwd, path))).size;
    } catch {
      return 0; // openInput reports it
    }
  }
  return total >= SMALL_INPUT_BYTES ? 1 : 0;
}

async function readOne(path: string, options: ReadOptions, makeSink: (name: string) => RecordSink, framerOptions: FramerOptions = {}): Promise<InputSummary> {
  const input = await openInput(path, options);
  const name = input.name;
  const sink = makeSink(name);
  let bytesRead = 0;
  const framer = new JsonFramer((record) => sink.add(record), framerOptions);
  const utf8 = new Utf8Check();
  let gzip = false;
  let frameError: unknown;
  let cut: InputCut | undefined;
  /** The gzip stream ended mid-member: what it inflated to is read. */
  let gzipCut: unknown;
  /** A byte-order mark skipped: offsets in messages count it. */
  let bom = 0;
  /** The first bytes, to say what an input that is not JSON is. */
  let head = Buffer.alloc(0);
  try {
    const plain = await decompress(input.stream, (n) => {
      bytesRead += n;
      options.onProgress?.({ input: name, bytesRead, ...(input.sizeBytes !== undefined ? { totalBytes: input.sizeBytes } : {}), spans: sink.tally.spans });
    });
    gzip = plain.gzip;
    let first = true;
    try {
      for await (const chunk of plain.chunks) {
        let buf = chunk as Buffer;
        if (first) {
          first = false;
          if (buf.subarray(0, 3).equals(BOM)) {
            buf = buf.subarray(3);
            bom = 3;
          }
        }
        if (head.length < HEAD_BYTES) head = Buffer.concat([head, buf.subarray(0, HEAD_BYTES - head.length)]);
        utf8.push(buf);
        framer.push(buf);
        await sink.room();
        if (sink.failed) break;
      }
    } catch (err) {
      if (!gzip || !isGzipCut(err)) throw err;
      gzipCut = err;
    }
    if (!sink.failed) {
      if (gzipCut !== undefined && options.strict === true) throw gzipCut;
      cut = framer.endAt(options.strict !== true);
      if (cut !== undefined && options.strict === true) throw cut.error;
    }
  } catch (err) {
    frameError = err;
  }
  // Records framed before a structural error come first in the input: their errors win.
  const recordError = await sink.finish();
  if (recordError !== undefined) {
    input.stream.destroy();
    throw new InputError(name, recordError);
  }
  if (frameError !== undefined) {
    const binary = frameError instanceof FrameError ? notJson(head) : undefined;
    if (binary !== undefined) throw new InputError(name, `not JSON (${binary})`);
    throw toInputError(name, frameError, gzip);
  }
  if (cut !== undefined || gzipCut !== undefined) {
    // Nothing whole before the cut: there is nothing to read, and saying so is the error.
    if (sink.tally.records === 0) throw toInputError(name, gzipCut ?? cut?.error, gzip);
    options.warnings.add({ code: 'truncated-input', message: cutMessage(name, cut, gzipCut !== undefined ? bytesRead : undefined, bom), file: name });
  }

  const tally = sink.tally;
  if (framer.counts.documents === 0) throw new InputError(name, 'empty input: no JSON in it');
  if (tally.recognized === 0) {
    if (framer.counts.nonTraceDocuments > 0) {
      throw new InputError(name, 'holds OpenTelemetry logs or metrics, not traces');
    }
    throw new InputError(name, 'not a trace dump: found no Jaeger, Zipkin or OTLP spans (use --input-format to force one)');
  }
  if (!utf8.end()) {
    options.warnings.add({
      code: 'invalid-utf8',
      message: `${name}: not valid UTF-8; bytes that are not were read as U+FFFD`,
      file: name,
    });
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
    }, framer.counts.scalarRecords); // counted as the values it stands for
  }
  return { name, gzip, formats: [...tally.formats], records: tally.records, spans: tally.spans };
}

/** Node's zlib error for a gzip stream that ends before its member does. */
function isGzipCut(err: unknown): boolean {
  const e = err as NodeJS.ErrnoException | undefined;
  return e?.code === 'Z_BUF_ERROR' || (e?.message?.includes('unexpected end of file') ?? false);
}

/**
 * The truncated-input warning: where the input ends, and where the last whole record before it
 * ends (what was read). `gzipBytes`: the gzip stream was cut after this many compressed bytes.
 */
function cutMessage(name: string, cut: InputCut | undefined, gzipBytes: number | undefined, bom: number): string {
  const whole = cut !== undefined ? `read up to byte ${cut.wholeUntil + bom}, where the last whole record ends` : 'read all it inflated to';
  const where = gzipBytes !== undefined ? `gzip data is truncated after ${gzipBytes} bytes${cut !== undefined ? ` and inflates to a cut record at byte ${cut.at + bom}` : ''}` : `the input ends inside a record at byte ${cut!.at + bom}`;
  return `${name}: ${where}; ${whole} (--strict refuses a cut input)`;
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

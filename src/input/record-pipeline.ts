/**
 * Hands framed records to parse workers in batches and gives their results back in read order.
 *
 * On a 2-core machine the work of reading a dump splits well in two: the main thread reads, gunzips
 * and frames (a byte scan), a worker `JSON.parse`s and decodes (most of the cost). Batches of about a
 * quarter megabyte keep messages few and what is in flight small. At most a few batches are in flight
 * per worker; when the workers are that far behind, reading waits for them (backpressure), so the
 * file is never queued in memory. (Parsing the next batch on the main thread instead of waiting was
 * measured at -1% to +4%: not worth its code.) With no workers every job runs inline.
 *
 * A malformed record stops the pipeline: nothing after it is dispatched, and `finish` throws the
 * earliest error (by position in the input), so the message is the same whatever the timing.
 */
import { Worker } from 'node:worker_threads';
import type { RecordHint } from '../formats/decoder.js';
import type { FormatName } from '../model/span.js';
import { BatchEncoder } from './compact-batch.js';
import { runJob, type JobResult, type RecordJob } from './decode-records.js';
import type { FramedRecord } from './framed-record.js';
import type { ReadTuning } from './read-tuning.js';

const BATCH_CHARS = 256 << 10;
const IN_FLIGHT_PER_WORKER = 8;

/** Whether workers can be started: the worker module exists only in the built JavaScript. */
export const WORKERS_AVAILABLE = import.meta.url.endsWith('.js');

type Message = JobResult | { seq: number; crash: string };

/** A set of parse workers, started once per run and shared by every input. */
export class WorkerPool {
  readonly workers: Worker[] = [];
  private listeners: ((msg: Message, source: number) => void)[] = [];
  private failure: ((err: Error) => void) | undefined;

  /**
   * `youngMb`: each worker's young generation (ReadTuning `workerYoungMb`). `script`: the worker
   * module; by default parse-worker.js (compact spans). Another script must answer each RecordJob
   * with a JobResult just as that one does.
   */
  constructor(count: number, youngMb: number, script: URL = new URL('./parse-worker.js', import.meta.url)) {
    for (let i = 0; i < count; i++) {
      // A small young generation: a batch's parsed objects die young, and RSS stays low.
      const worker = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: youngMb } });
      worker.on('message', (msg: Message) => {
        for (const l of this.listeners) l(msg, i);
      });
      worker.on('error', (err) => this.failure?.(err));
      this.workers.push(worker);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  listen(listener: (msg: Message, source: number) => void, onFailure: (err: Error) => void): () => void {
    this.listeners.push(listener);
    this.failure = onFailure;
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
      this.failure = undefined;
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Results of one input's records, delivered in order. `source` tells whose interned strings a batch uses. */
export type ResultHandler = (result: JobResult, source: number) => void;

/** Runs a job on this thread: the compact encoder's, or a reader's own (it must match its workers'). */
export type InlineRunner = BatchEncoder | ((job: RecordJob) => JobResult);

/** Source number of the inline encoder (workers are 0..n-1). */
const INLINE_SOURCE = -1;

export class RecordPipeline {
  private texts: string[] = [];
  private hints: RecordHint[] = [];
  private places: number[] = [];
  private cuts: (readonly number[] | null)[] = [];
  private runs: (readonly number[] | null)[] = [];
  private bytes: (Uint8Array | null)[] = [];
  private hasBytes = false;
  private chars = 0;
  private nextSeq = 0;
  private nextDeliver = 0;
  private readonly done = new Map<number, { msg: Message; source: number }>();
  /** Jobs dispatched and not yet delivered. */
  private inFlight = 0;
  /** Jobs posted to workers whose results have not come back. */
  private atWorkers = 0;
  private error: string | undefined;
  private crash: Error | undefined;
  private wake: (() => void) | undefined;
  private readonly unlisten: (() => void) | undefined;
  private rr = 0;

  constructor(
    private readonly name: string,
    private readonly format: FormatName | undefined,
    private readonly pool: WorkerPool | undefined,
    private readonly inline: InlineRunner,
    private readonly onResult: ResultHandler,
    private readonly tuning: Pick<ReadTuning, 'fastRuns'>,
  ) {
    if (pool !== undefined && pool.size > 0) {
      this.unlisten = pool.listen(
        (msg, source) => this.received(msg, source),
        (err) => {
          this.crash ??= err;
          this.wake?.();
        },
      );
    }
  }

  /** Whether a malformed record has been found (stop feeding). */
  get failed(): boolean {
    return this.error !== undefined || this.crash !== undefined;
  }

  add(record: FramedRecord): void {
    if (this.failed) return;
    this.texts.push(record.text);
    this.hints.push(record.hint);
    this.places.push(record.line, record.column);
    this.cuts.push(record.bytes !== undefined ? (record.byteCuts ?? null) : (record.cuts ?? null));
    this.runs.push(record.elements ?? null);
    const bytes = record.bytes ?? null;
    this.bytes.push(bytes);
    if (bytes !== null) this.hasBytes = true;
    this.chars += bytes !== null ? bytes.length : record.text.length;
    if (this.chars >= BATCH_CHARS) this.dispatch();
  }

  /** Resolves when there is room for more batches (backpressure: a job never waits long). */
  async room(): Promise<void> {
    // Let worker results in, so they are delivered (and their memory freed) as soon as possible.
    if (this.inFlight > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    const limit = IN_FLIGHT_PER_WORKER * (this.pool?.size ?? 0);
    while (limit > 0 && this.atWorkers >= limit && !this.failed) await this.waitForResult();
  }

  /** Sends what is batched, waits for every result; throws the earliest malformed record's message. */
  async finish(): Promise<string | undefined> {
    if (!this.failed) this.dispatch();
    while (this.inFlight > 0 && this.crash === undefined) await this.waitForResult();
    this.unlisten?.();
    if (this.crash !== undefined) throw this.crash;
    return this.error;
  }

  private dispatch(): void {
    if (this.texts.length === 0) return;
    const bytes = this.hasBytes ? this.bytes : undefined;
    const job: RecordJob = { seq: this.nextSeq++, name: this.name, format: this.format, fastRuns: this.tuning.fastRuns, texts: this.texts, hints: this.hints, places: this.places, cuts: this.cuts, runs: this.runs, ...(bytes !== undefined ? { bytes } : {}) };
    this.cuts = [];
    this.runs = [];
    this.bytes = [];
    this.hasBytes = false;
    this.texts = [];
    this.hints = [];
    this.places = [];
    this.chars = 0;
    // Record bytes are transferred, not copied (each record has a buffer of its own).
    this.post(job, bytes === undefined ? [] : bytes.filter((b) => b !== null).map((b) => b.buffer as ArrayBuffer));
  }

  private post(job: RecordJob, transfer: ArrayBuffer[]): void {
    this.inFlight++;
    const workers = this.pool?.size ?? 0;
    if (this.atWorkers >= IN_FLIGHT_PER_WORKER * workers) {
      // No workers (or, between two waits in room(), all of them busy): parse here, deliver in order.
      this.received(typeof this.inline === 'function' ? this.inline(job) : runJob(job, this.inline), INLINE_SOURCE);
      return;
    }
    this.atWorkers++;
    this.pool!.workers[this.rr]!.postMessage(job, transfer);
    this.rr = (this.rr + 1) % workers;
  }

  private received(msg: Message, source: number): void {
    if (source !== INLINE_SOURCE) this.atWorkers--;
    this.done.set(msg.seq, { msg, source });
    while (this.done.has(this.nextDeliver)) {
      const next = this.done.get(this.nextDeliver)!;
      this.done.delete(this.nextDeliver);
      this.nextDeliver++;
      this.inFlight--;
      if ('crash' in next.msg) this.crash ??= new Error(`parse worker failed: ${next.msg.crash}`);
      else this.deliver(next.msg, next.source);
    }
    this.wake?.();
  }

  private deliver(result: JobResult, source: number): void {
    if (this.failed) return;
    this.onResult(result, source);
    if (result.error !== undefined) this.error = result.error;
  }

  private waitForResult(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = () => {
        this.wake = undefined;
        resolve();
      };
    });
  }
}

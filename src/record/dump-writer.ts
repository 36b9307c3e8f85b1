/**
 * Writes the dump: one line per request, in the order the requests were admitted, whatever order
 * their bodies finish in, with a bound on what waits in memory.
 *
 * Each request takes a numbered slot before its body is read and fills it (or gives it up) once its
 * body is decoded; lines go out as soon as every earlier slot is settled. Bytes received and not yet
 * written (lines waiting for the disk or for an earlier slot, plus the declared size of bodies being
 * read) are counted, and while they are over `maxQueuedBytes` new requests wait in `admit` in
 * arrival order: the receiver then neither reads their bodies nor answers them, so a burst is paced
 * by the disk instead of piling up in memory, and everything acknowledged is already queued here.
 *
 * One write is in progress at a time, of every line that is ready (so a slow disk gets large writes).
 * A file target is an AtomicFile: a reader never sees half a dump, and an interrupted run leaves the
 * previous file intact. Once a write has failed, requests are refused rather than acknowledged.
 */
import { AtomicFile } from '../output/atomic-file.js';
import type { RequestSink, Slot } from './request-sink.js';

export interface WriteSummary {
  readonly lines: number;
  readonly bytes: number;
}

export interface DumpWriterOptions {
  /** Bytes received and not yet written above which new requests wait (default 4 MiB). */
  readonly maxQueuedBytes?: number;
}

/**
 * Several of the file's 1 MiB writes, so the disk always has the next one ready, and a few dozen
 * requests of a few hundred spans; small next to the rest of the process (a larger bound only
 * raised peak RSS in bench/record-memory.js, not throughput).
 */
const DEFAULT_MAX_QUEUED_BYTES = 4 * 1024 * 1024;

type Target = { kind: 'file'; file: AtomicFile } | { kind: 'stream'; write: (chunk: Buffer) => Promise<void> };

interface Waiter {
  readonly expectedBytes: number;
  readonly resolve: (slot: Slot) => void;
  readonly reject: (err: Error) => void;
  readonly signal: AbortSignal;
  readonly onAbort: () => void;
}

const NEWLINE = Buffer.from('\n');

export class DumpWriter implements RequestSink {
  private readonly settled = new Map<number, Buffer | undefined>();
  private readonly maxQueuedBytes: number;
  private nextSlot = 0;
  private nextToWrite = 0;
  /** Lines in order, waiting for the write in progress to end. */
  private ready: Buffer[] = [];
  private queued = 0;
  private readonly waiters: Waiter[] = [];
  private writing: Promise<void> | undefined;
  private failure: Error | undefined;
  private lines = 0;
  private bytes = 0;
  private closed = false;

  private constructor(
    private readonly target: Target,
    options: DumpWriterOptions,
  ) {
    this.maxQueuedBytes = options.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES;
  }

  /** Opens `target` (relative to `cwd`) now, so a bad path fails before anything runs. */
  static async toFile(target: string, cwd: string, options: DumpWriterOptions = {}): Promise<DumpWriter> {
    return new DumpWriter({ kind: 'file', file: await AtomicFile.open(target, cwd) }, options);
  }

  /** Hands lines to `write` (standard output, or anything that stores them) as they settle. */
  static toStream(write: (chunk: Buffer) => Promise<void>, options: DumpWriterOptions = {}): DumpWriter {
    return new DumpWriter({ kind: 'stream', write }, options);
  }

  /** Where lines go while recording: the temporary file, or undefined for a stream. */
  get tempPath(): string | undefined {
    return this.target.kind === 'file' ? this.target.file.tempPath : undefined;
  }

  /** Slots taken but not yet settled. */
  get pending(): number {
    return this.nextSlot - this.nextToWrite;
  }

  /** Bytes received and not yet written, plus the declared size of bodies still being read. */
  get queuedBytes(): number {
    return this.queued;
  }

  /** Requests waiting in `admit` for room. */
  get waiting(): number {
    return this.waiters.length;
  }

  admit(expectedBytes: number, signal: AbortSignal): Promise<Slot> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.waiters.length === 0 && this.queued < this.maxQueuedBytes) return Promise.resolve(this.reserve(expectedBytes));
    if (signal.aborted) return Promise.reject(new Error('the sender went away'));
    return new Promise<Slot>((resolve, reject) => {
      const waiter: Waiter = {
        expectedBytes,
        resolve,
        reject,
        signal,
        onAbort: () => {
          const at = this.waiters.indexOf(waiter);
          if (at !== -1) this.waiters.splice(at, 1);
          reject(new Error('the sender went away'));
        },
      };
      signal.addEventListener('abort', waiter.onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  /** A slot now, whatever the room: for callers that bound what they send themselves. */
  reserve(expectedBytes = 0): Slot {
    if (this.closed) throw new Error('the dump is already finished');
    const seq = this.nextSlot++;
    this.queued += expectedBytes;
    let done = false;
    return {
      fill: (line) => {
        if (done) return;
        done = true;
        this.queued += (line === undefined ? 0 : line.length + 1) - expectedBytes;
        this.settled.set(seq, line);
        this.drain();
      },
    };
  }

  /** Writes every settled line, syncs and renames into place. Unsettled slots must be filled first. */
  async finish(): Promise<WriteSummary> {
    this.closed = true;
    if (this.pending > 0) throw new Error(`${this.pending} requests are still being read`);
    while (this.writing !== undefined) await this.writing;
    if (this.failure !== undefined) {
      await this.discard();
      throw this.failure;
    }
    if (this.target.kind === 'file') await this.target.file.commit();
    return { lines: this.lines, bytes: this.bytes };
  }

  /** Gives up: closes and removes the temporary file. */
  async discard(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) {
      waiter.signal.removeEventListener('abort', waiter.onAbort);
      waiter.reject(new Error('the dump was given up'));
    }
    if (this.target.kind === 'file') await this.target.file.abort();
  }

  private drain(): void {
    while (this.settled.has(this.nextToWrite)) {
      const line = this.settled.get(this.nextToWrite);
      this.settled.delete(this.nextToWrite);
      this.nextToWrite++;
      if (line !== undefined) {
        this.ready.push(line, NEWLINE);
        this.lines++;
        this.bytes += line.length + 1;
      }
    }
    this.pump();
    this.wake();
  }

  /** Starts a write of everything ready, unless one is in progress (it starts the next when done). */
  private pump(): void {
    if (this.writing !== undefined || this.ready.length === 0) return;
    const batch = this.ready;
    this.ready = [];
    let size = 0;
    for (const part of batch) size += part.length;
    this.writing = this.write(batch, size).then(() => {
      this.queued -= size;
      this.writing = undefined;
      this.pump();
      this.wake();
    });
  }

  private async write(batch: Buffer[], size: number): Promise<void> {
    if (this.failure !== undefined) return;
    try {
      // The file gathers its own large writes; a stream gets one chunk.
      if (this.target.kind === 'file') for (const part of batch) await this.target.file.write(part);
      else await this.target.write(Buffer.concat(batch, size));
    } catch (err) {
      this.failure = err instanceof Error ? err : new Error(String(err));
      for (const waiter of this.waiters.splice(0)) {
        waiter.signal.removeEventListener('abort', waiter.onAbort);
        waiter.reject(this.failure);
      }
    }
  }

  /** Lets waiting requests in, oldest first, while there is room. */
  private wake(): void {
    while (this.waiters.length > 0 && this.queued < this.maxQueuedBytes && !this.closed) {
      const waiter = this.waiters.shift() as Waiter;
      waiter.signal.removeEventListener('abort', waiter.onAbort);
      waiter.resolve(this.reserve(waiter.expectedBytes));
    }
  }
}

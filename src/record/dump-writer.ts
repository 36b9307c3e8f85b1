/**
 * Writes the dump: one line per request, in the order the requests arrived, whatever order their
 * bodies finish in.
 *
 * Each request takes a numbered slot when its headers arrive and fills it (or gives it up) once its
 * body is decoded; lines go out as soon as every earlier slot is settled, so a slow upload delays
 * the file, never the other senders' replies. A file target is an AtomicFile: a reader never sees
 * half a dump, and an interrupted run leaves the previous file intact.
 */
import { AtomicFile } from '../output/atomic-file.js';

export interface Slot {
  /** Settles the slot with a line (without newline), or with nothing to write. */
  fill(line: Buffer | undefined): void;
}

export interface WriteSummary {
  readonly lines: number;
  readonly bytes: number;
}

type Sink = { kind: 'file'; file: AtomicFile } | { kind: 'stream'; write: (chunk: Buffer) => Promise<void> };

const NEWLINE = Buffer.from('\n');

export class DumpWriter {
  private readonly settled = new Map<number, Buffer | undefined>();
  private nextSlot = 0;
  private nextToWrite = 0;
  private chain: Promise<void> = Promise.resolve();
  private failure: Error | undefined;
  private lines = 0;
  private bytes = 0;
  private closed = false;

  private constructor(private readonly sink: Sink) {}

  /** Opens `target` (relative to `cwd`) now, so a bad path fails before anything runs. */
  static async toFile(target: string, cwd: string): Promise<DumpWriter> {
    return new DumpWriter({ kind: 'file', file: await AtomicFile.open(target, cwd) });
  }

  /** Hands lines to `write` (standard output) as they settle. */
  static toStream(write: (chunk: Buffer) => Promise<void>): DumpWriter {
    return new DumpWriter({ kind: 'stream', write });
  }

  /** Where lines go while recording: the temporary file, or undefined for a stream. */
  get tempPath(): string | undefined {
    return this.sink.kind === 'file' ? this.sink.file.tempPath : undefined;
  }

  /** Slots taken but not yet settled. */
  get pending(): number {
    return this.nextSlot - this.nextToWrite;
  }

  reserve(): Slot {
    if (this.closed) throw new Error('the dump is already finished');
    const seq = this.nextSlot++;
    let done = false;
    return {
      fill: (line) => {
        if (done) return;
        done = true;
        this.settled.set(seq, line);
        this.drain();
      },
    };
  }

  /** Writes every settled line, syncs and renames into place. Unsettled slots must be filled first. */
  async finish(): Promise<WriteSummary> {
    this.closed = true;
    if (this.pending > 0) throw new Error(`${this.pending} requests are still being read`);
    await this.chain;
    if (this.failure !== undefined) {
      await this.discard();
      throw this.failure;
    }
    if (this.sink.kind === 'file') await this.sink.file.commit();
    return { lines: this.lines, bytes: this.bytes };
  }

  /** Gives up: closes and removes the temporary file. */
  async discard(): Promise<void> {
    this.closed = true;
    if (this.sink.kind === 'file') await this.sink.file.abort();
  }

  private drain(): void {
    const ready: Buffer[] = [];
    while (this.settled.has(this.nextToWrite)) {
      const line = this.settled.get(this.nextToWrite);
      this.settled.delete(this.nextToWrite);
      this.nextToWrite++;
      if (line !== undefined) ready.push(line, NEWLINE);
    }
    if (ready.length === 0) return;
    const chunk = Buffer.concat(ready);
    this.lines += ready.length / 2;
    this.bytes += chunk.length;
    this.chain = this.chain.then(() => this.write(chunk)).catch((err: unknown) => {
      this.failure ??= err instanceof Error ? err : new Error(String(err));
    });
  }

  private async write(chunk: Buffer): Promise<void> {
    if (this.failure !== undefined) return;
    if (this.sink.kind === 'file') await this.sink.file.write(chunk);
    else await this.sink.write(chunk);
  }
}

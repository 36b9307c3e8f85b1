/**
 * Writes spans into the exporter's table as they are read: rows are gathered into batches
 * (BATCH_ROWS, one INSERT each, JSONEachRow) and one batch is in flight while the next fills, so a
 * dump of any size goes in with memory for two batches. `room()` holds the reader back while both
 * are taken.
 *
 * A span read twice (the same dump given twice, a Collector retry written to a file) is written
 * once, as trace assembly keeps it once (model/assemble.ts): repeats are recognized by a 64-bit hash
 * of the trace, the span id and what the span is (times, names, kind, status, parent), kept in an
 * open-addressing table of typed arrays (8 bytes a span, about 16 at the table's load).
 */
import { hashString } from '../../analyses/entry-span-stream.js';
import type { Span } from '../../model/span.js';
import { ClickHouseLosses, spanToRow } from './span-to-row.js';

const BATCH_ROWS = 20_000;

export interface WriteSummary {
  readonly spans: number;
  readonly traces: number;
  /** Exact repeats of a span already written, left out. */
  readonly repeats: number;
}

export class TableWriter {
  readonly losses = new ClickHouseLosses();
  private lines: string[] = [];
  private inFlight: Promise<void> | undefined;
  private failure: unknown;
  private readonly seen = new SeenSpans();
  private readonly traceIds = new Set<string>();
  private written = 0;
  private repeats = 0;

  constructor(
    private readonly send: (body: string) => Promise<void>,
    private readonly batchRows = BATCH_ROWS,
  ) {}

  add(span: Span): void {
    if (!this.seen.add(spanHash(span))) {
      this.repeats++;
      return;
    }
    const row = spanToRow(span, this.losses);
    if (row === undefined) return;
    this.lines.push(JSON.stringify(row));
    this.traceIds.add(span.traceId);
    this.written++;
    if (this.lines.length >= this.batchRows && this.inFlight === undefined) this.flush();
  }

  /** Resolves when more spans may be added without holding more than two batches. */
  async room(): Promise<void> {
    while (this.lines.length >= this.batchRows) {
      if (this.inFlight !== undefined) await this.inFlight;
      this.throwIfFailed();
      if (this.lines.length >= this.batchRows) this.flush();
    }
    this.throwIfFailed();
  }

  async finish(): Promise<WriteSummary> {
    if (this.inFlight !== undefined) await this.inFlight;
    this.throwIfFailed();
    if (this.lines.length > 0) {
      this.flush();
      await this.inFlight;
      this.throwIfFailed();
    }
    return { spans: this.written, traces: this.traceIds.size, repeats: this.repeats };
  }

  private flush(): void {
    const body = `${this.lines.join('\n')}\n`;
    this.lines = [];
    this.inFlight = this.send(body).then(
      () => {
        this.inFlight = undefined;
      },
      (err: unknown) => {
        this.failure ??= err;
        this.inFlight = undefined;
      },
    );
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}

/** What makes a span the same span, hashed to two 32-bit words. */
function spanHash(span: Span): [number, number] {
  const text = `${span.traceId}\u0000${span.spanId}\u0000${span.parentId ?? ''}\u0000${span.startNs}\u0000${span.durationNs}\u0000${span.service}\u0000${span.operation}\u0000${span.kind}\u0000${span.status}\u0000${span.statusMessage ?? ''}\u0000${span.timing}\u0000${span.events.length}\u0000${Object.keys(span.attributes).length}`;
  return [hashString(text), hashString(text, 0x01000193)];
}

/** A set of 64-bit keys: open addressing over typed arrays, doubling at 70% full. */
class SeenSpans {
  private cap = 1 << 16;
  private hi = new Uint32Array(this.cap);
  private lo = new Uint32Array(this.cap);
  private used = new Uint8Array(this.cap);
  private size = 0;

  /** Adds the key; false when it was there already. */
  add([h, l]: [number, number]): boolean {
    if (this.size * 10 >= this.cap * 7) this.grow();
    const slot = this.find(h, l);
    if (this.used[slot] === 1) return false;
    this.used[slot] = 1;
    this.hi[slot] = h;
    this.lo[slot] = l;
    this.size++;
    return true;
  }

  private find(h: number, l: number): number {
    const mask = this.cap - 1;
    let slot = (Math.imul(h ^ l, 0x9e3779b1) >>> 0) & mask;
    while (this.used[slot] === 1 && !(this.hi[slot] === h && this.lo[slot] === l)) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const { hi, lo, used } = this;
    this.cap *= 2;
    this.hi = new Uint32Array(this.cap);
    this.lo = new Uint32Array(this.cap);
    this.used = new Uint8Array(this.cap);
    for (let s = 0; s < used.length; s++) {
      if (used[s] !== 1) continue;
      const slot = this.find(hi[s]!, lo[s]!);
      this.used[slot] = 1;
      this.hi[slot] = hi[s]!;
      this.lo[slot] = lo[s]!;
    }
  }
}

/**
 * Record guessing, the main thread's half: the records of an array (the traces of a Jaeger
 * `{"data":[...]}` dump, the spans of a Zipkin v2 array) cut out without the framer's byte scan.
 *
 * jaeger-query writes each trace as `{"traceID":"…","spans":[…],…}` and Zipkin's writers each span
 * as `{"traceId":"…",…}`, one after another, so `},{"traceID":"…","spans":[` (or `},{"traceId":"`)
 * is found (natively, by indexOf) where one record ends and the next begins. In valid JSON the
 * quote before the key cannot be inside a string (the text after it would not be JSON), so a wrong
 * guess can only be inside a record whose own objects use those keys; such a record then does not
 * parse on its own. Once the framer has read a record and stands after it, the input is cut at
 * those places into blocks of records and sent to the workers, where each record is parsed (or read
 * by the fast Zipkin reader) exactly as cut (record-guess-decode.ts). The first record that is not
 * one whole object ends the guess: its block comes back read up to it, the blocks sent after it are
 * dropped unread, and the framer takes the input back at that record with every byte from there on
 * (kept until their block is read), so anything odd or malformed is found and reported exactly as
 * without guessing. The framer also takes back what is left when the input ends, and a record
 * longer than maxPending (4 MiB by default).
 *
 * The framer's scan was 0.41 s of the main thread's 2.2 s on the bench's Jaeger dump; guessing
 * takes 8-15% off the CPU time of `latency` on the Jaeger and Zipkin dumps. ReadTuning `guess`
 * (TRACECTL_GUESS=0) turns it off.
 */
import type { RecordHint } from '../formats/decoder.js';
import { JAEGER_TRACE_CUT } from '../formats/jaeger/record-cut.js';
import type { RecordCut } from '../formats/record-cut.js';
import { ZIPKIN_SPAN_CUT } from '../formats/zipkin/record-cut.js';
import type { RecordJob } from './decode-records.js';
import type { JsonFramer } from './json-framer.js';
import type { GuessOutcome } from './record-guess-decode.js';
import type { ReadCounts } from './read-tuning.js';

/** The record cuts guessing knows: Jaeger traces of `data`, Zipkin v2 spans of a top-level array. */
export const GUESS_RULES: readonly RecordCut[] = [JAEGER_TRACE_CUT, ZIPKIN_SPAN_CUT];

/** Block sizes (ReadTuning `guessBlockBytes`, `guessMaxPending`). */
export interface GuessSizes {
  /** Records of about this many bytes make a block. */
  readonly blockBytes: number;
  /** A record still not ended after this many bytes is left to the framer (and guessing stops). */
  readonly maxPending: number;
}

/** Where guessed blocks go: RecordPipeline.addGuess. */
export type GuessSink = (guess: NonNullable<RecordJob['guess']>, onOutcome: (outcome: GuessOutcome) => void) => void;

/** Where the input stands: a byte's offset, its line, and where that line starts. */
export interface InputPosition {
  readonly offset: number;
  readonly line: number;
  readonly lineStart: number;
}

/** Bytes for the framer to read again, from `at` (a comma after a record). */
export interface Rewind {
  readonly at: InputPosition;
  readonly bytes: Buffer[];
}

interface SentBlock {
  readonly offset: number;
  readonly bytes: Buffer;
  readonly starts: number[];
  readonly places: number[];
}

/**
 * The position in `buf` of the first `}` that ends a record before a guessed start (the comma after
 * it is where guessing takes over), from `from` on; -1 when there is none.
 */
export function nextCut(rule: RecordCut, buf: Buffer, from = 0): number {
  const { cut, afterId } = rule;
  for (let p = buf.indexOf(cut, from); p >= 0; p = buf.indexOf(cut, p + 1)) {
    if (afterId === undefined) return p;
    const idEnd = buf.indexOf(0x22, p + cut.length);
    if (idEnd < 0 || idEnd + afterId.length > buf.length) return -1; // not all here yet
    if (buf.compare(afterId, 0, afterId.length, idEnd, idEnd + afterId.length) === 0) return p;
  }
  return -1;
}

export class RecordGuess {
  /** Bytes not yet sent, from a comma after a record on. */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private at: InputPosition = { offset: 0, line: 1, lineStart: 0 };
  private sent: SentBlock[] = [];
  private stopped: Rewind | undefined;
  private rule: RecordCut = GUESS_RULES[0]!;
  /** Guessing now (between start and a stop or hand-back). */
  active = false;
  /** Guessing ended on this input: the framer reads the rest. */
  done = false;
  /** A record ran past maxPending: the caller should settle and hand back. */
  tooLong = false;

  constructor(
    private readonly sink: GuessSink,
    private readonly sizes: GuessSizes,
    private readonly counts: ReadCounts | undefined,
  ) {}

  /** Takes the input over at `at`, the comma after a record the framer has read, cutting by `rule`. */
  start(at: InputPosition, rule: RecordCut): void {
    this.active = true;
    this.at = at;
    this.rule = rule;
  }

  /** The next bytes of the input (while active). */
  push(buf: Buffer): void {
    if (buf.length === 0) return;
    this.pending.push(buf);
    this.pendingBytes += buf.length;
    if (this.pendingBytes < this.sizes.blockBytes) return;
    const all = this.pending.length === 1 ? buf : Buffer.concat(this.pending, this.pendingBytes);
    // all[0] is a comma, the record after it starts at 1; each cut found starts another.
    const starts = [1];
    for (let p = nextCut(this.rule, all, 1); p >= 0; p = nextCut(this.rule, all, p + 1)) starts.push(p + 2);
    if (starts.length < 2) {
      this.pending = [all];
      if (this.pendingBytes > this.sizes.maxPending) this.tooLong = true;
      return;
    }
    // The last start's record may not be whole yet: it stays, from its comma. The rest goes in
    // blocks of about blockBytes (a read brings 1 MiB; smaller jobs keep both threads evenly busy).
    const keep = starts.pop()! - 1;
    let from = 0;
    let first = 0;
    for (let k = 1; k <= starts.length; k++) {
      const end = k < starts.length ? starts[k]! - 1 : keep;
      if (end - from < this.sizes.blockBytes && k < starts.length) continue;
      // What follows the block is pending while it is read: a block read at once (no worker) that
      // stops short hands all of it back.
      const rest = all.subarray(end);
      this.pending = [rest];
      this.pendingBytes = rest.length;
      this.send(all.subarray(from, end), starts.slice(first, k).map((s) => s - from));
      if (!this.active) return;
      from = end;
      first = k;
    }
  }

  /** Set once a block stopped short: the framer must read these bytes next. Taken once. */
  takeRewind(): Rewind | undefined {
    const r = this.stopped;
    this.stopped = undefined;
    return r;
  }

  /**
   * Ends guessing (the input ended, or a record is too long); call once every block sent has been
   * delivered. What the framer must read next: from where a block stopped short, or what is pending.
   */
  handBack(): Rewind | undefined {
    const stopped = this.takeRewind();
    const rewind = stopped ?? (this.pendingBytes > 0 ? { at: this.at, bytes: this.pending } : undefined);
    this.pending = [];
    this.pendingBytes = 0;
    this.active = false;
    this.done = true;
    return rewind;
  }

  private send(block: Buffer, starts: number[]): void {
    const offset = this.at.offset;
    let { line, lineStart } = this.at;
    const places: number[] = [];
    let nl = block.indexOf(0x0a);
    for (const s of starts) {
      for (; nl >= 0 && nl < s; nl = block.indexOf(0x0a, nl + 1)) {
        line++;
        lineStart = offset + nl + 1;
      }
      places.push(line, offset + s - lineStart + 1);
    }
    for (; nl >= 0; nl = block.indexOf(0x0a, nl + 1)) {
      line++;
      lineStart = offset + nl + 1;
    }
    this.at = { offset: offset + block.length, line, lineStart };
    const sent: SentBlock = { offset, bytes: block, starts, places };
    this.sent.push(sent);
    // A copy travels (transferred), with a 0 byte after it (json-bytes.ts's sentinel); the block stays
    // here until it is read, to be framed again if need be.
    const bytes = new Uint8Array(block.length + 1);
    bytes.set(block);
    this.sink({ bytes, hint: this.rule.hint, starts, places }, (outcome) => this.outcome(sent, outcome));
  }

  private outcome(block: SentBlock, outcome: GuessOutcome): void {
    if (this.sent[0] !== block) throw new Error('guessed blocks delivered out of order');
    this.sent.shift();
    const k = outcome.failedAt;
    if (this.counts !== undefined) this.counts.guessed += k ?? block.starts.length;
    if (k === undefined) return;
    if (this.counts !== undefined) this.counts.guessStops++;
    // Back to the comma before the record that did not parse: the framer's state after a record.
    const start = block.starts[k]!;
    const line = block.places[2 * k]!;
    const column = block.places[2 * k + 1]!;
    const at = { offset: block.offset + start - 1, line, lineStart: block.offset + start - column + 1 };
    this.stopped = { at, bytes: [block.bytes.subarray(start - 1), ...this.sent.map((b) => b.bytes), ...this.pending] };
    this.sent = [];
    this.pending = [];
    this.pendingBytes = 0;
    this.active = false;
    this.done = true;
  }
}

/**
 * Feeds an input's bytes to the framer, or to guessing once the framer has read a Jaeger trace and
 * stands after it; gives the framer back what guessing did not read.
 */
export class GuessingFeed {
  /** The rule for the records the framer has handed on, once it has handed on one guessing knows. */
  private rule: RecordCut | undefined;

  constructor(
    private readonly framer: JsonFramer,
    private readonly guess: RecordGuess | undefined,
  ) {}

  /** Tell it of every record the framer hands on. */
  framed(hint: RecordHint): void {
    if (this.rule === undefined && this.guess !== undefined) this.rule = GUESS_RULES.find((r) => r.hint === hint);
  }

  /** Guessing now: its blocks must all be delivered (RecordPipeline.settle) before handBack. */
  get guessing(): boolean {
    return this.guess?.active === true;
  }

  /** A record is too long to guess: settle, then handBack. */
  get wantsHandBack(): boolean {
    return this.guess?.tooLong === true && this.guess.active;
  }

  push(buf: Buffer): void {
    const guess = this.guess;
    if (guess === undefined || guess.done) return this.framer.push(buf);
    if (guess.active) {
      guess.push(buf);
      return this.catchUp();
    }
    const rule = this.rule;
    const cut = rule === undefined ? -1 : nextCut(rule, buf);
    if (cut < 0) return this.framer.push(buf);
    this.framer.push(buf.subarray(0, cut + 1));
    if (!this.framer.idleAfterRecord(rule!.hint)) return this.framer.push(buf.subarray(cut + 1));
    guess.start(this.framer.position, rule!);
    guess.push(buf.subarray(cut + 1));
    this.catchUp();
  }

  /** After results were delivered: a block that stopped short gives its bytes back to the framer. */
  catchUp(): void {
    this.resume(this.guess?.takeRewind());
  }

  /** Once every block is delivered: the framer reads whatever guessing has not. */
  handBack(): void {
    if (this.guess?.active === true) this.resume(this.guess.handBack());
    else this.catchUp();
  }

  private resume(rewind: Rewind | undefined): void {
    if (rewind === undefined) return;
    this.framer.resumeAt(rewind.at.offset, rewind.at.line, rewind.at.lineStart);
    for (const bytes of rewind.bytes) this.framer.push(bytes);
  }
}

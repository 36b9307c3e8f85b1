/**
 * The status line of a live `tracectl ui --listen`: where exporters should send, what has arrived
 * (spans, requests, refusals) and how fast, what became of the command run with it, and, once the
 * span limit has been reached, how many of the oldest traces were let go (their spans still count in
 * the aggregates, but they can no longer be opened).
 *
 * The rate is spans per second over the last few seconds, from samples taken as frames are drawn
 * (the driver draws at least once a second while live, so the rate falls to 0 when senders stop).
 * The clock is a parameter, so a test decides what time it is.
 */
import type { Theme } from '../render/theme.js';
import { sanitize } from '../render/sanitize.js';
import type { TraceCatalog } from './catalog.js';

/** What the receiver has counted so far. */
export interface LiveCounts {
  readonly spans: number;
  readonly requests: number;
  /** Requests answered with an error. */
  readonly refused: number;
}

export type CommandState =
  | { readonly state: 'running'; readonly name: string }
  | { readonly state: 'exited'; readonly name: string; readonly exitCode: number; readonly signal?: string }
  | { readonly state: 'failed'; readonly message: string };

export interface LiveStatusOptions {
  /** The receiver's base URL, the real port in it. */
  readonly url: string;
  readonly counts: () => LiveCounts;
  readonly catalog: TraceCatalog;
  /** The span limit, named when traces are dropped. */
  readonly maxSpans: number;
  readonly theme: Theme;
  /** Milliseconds; Date.now by default. */
  readonly now?: () => number;
}

/** How far back the rate looks. */
const RATE_WINDOW_MS = 5000;

export class LiveStatus {
  private command: CommandState | undefined;
  private readonly samples: { at: number; spans: number }[] = [];
  private readonly now: () => number;

  constructor(private readonly options: LiveStatusOptions) {
    this.now = options.now ?? Date.now;
  }

  setCommand(state: CommandState): void {
    this.command = state;
  }

  /** Spans per second over the last few seconds (0 until two samples are a moment apart). */
  rate(): number {
    const at = this.now();
    const spans = this.options.counts().spans;
    const samples = this.samples;
    const last = samples[samples.length - 1];
    if (last === undefined || last.at !== at) samples.push({ at, spans });
    else last.spans = spans;
    while (samples.length > 2 && samples[1]!.at <= at - RATE_WINDOW_MS) samples.shift();
    const first = samples[0]!;
    const seconds = (at - first.at) / 1000;
    return seconds <= 0 ? 0 : (spans - first.spans) / seconds;
  }

  line(): string {
    const { theme, catalog, maxSpans } = this.options;
    const counts = this.options.counts();
    const parts = [
      `${theme.accent('●')} ${this.options.url}`,
      `${plural(counts.spans, 'span')}`,
      `${plural(counts.requests, 'request')}`,
      `${Math.round(this.rate()).toLocaleString('en-US')} spans/s`,
    ];
    if (counts.refused > 0) parts.push(theme.warn(`${plural(counts.refused, 'request')} refused`));
    const dropped = catalog.snapshot().dropped;
    if (dropped.traces > 0) {
      parts.push(theme.warn(`${plural(dropped.traces, 'oldest trace')} dropped (${plural(dropped.spans, 'span')}, --max-spans ${maxSpans})`));
    }
    const command = this.command;
    if (command?.state === 'running') parts.push(`running ${sanitize(command.name)}`);
    else if (command?.state === 'exited') {
      const how = command.signal !== undefined ? `ended by ${command.signal}` : `exited ${command.exitCode}`;
      const text = `${sanitize(command.name)} ${how}`;
      parts.push(command.exitCode === 0 ? theme.dim(text) : theme.error(text));
    } else if (command?.state === 'failed') parts.push(theme.error(`cannot run ${sanitize(command.message)}`));
    return parts.join(theme.dim(' · '));
  }
}

function plural(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

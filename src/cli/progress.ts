/**
 * The progress spinner for long reads: bytes read of the total (with a percentage when the size is
 * known), spans and traces so far, elapsed time — on stderr, so stdout stays the report.
 *
 * It appears only for a person watching: stderr is a terminal, not in CI (CI set), not with --json
 * or --quiet. It waits a moment before it shows, so quick runs print nothing extra, and ora (with
 * its dependencies) is loaded only then, so start-up does not pay for it.
 */
import type { RunContext } from './run-context.js';

export interface ProgressState {
  readonly input: string;
  readonly bytesRead: number;
  readonly totalBytes?: number;
  readonly spans: number;
  /** Absent when the reader does not know (it counts spans where they are parsed, not traces). */
  readonly traces?: number;
}

export interface Progress {
  update(state: ProgressState): void;
  stop(): void;
}

/** Milliseconds before the spinner shows. */
const SHOW_AFTER_MS = 400;

const NO_PROGRESS: Progress = { update: () => undefined, stop: () => undefined };

/** Whether a spinner may be drawn at all. */
export function progressEnabled(opts: { stderrIsTTY: boolean; env: Readonly<Record<string, string | undefined>>; json: boolean; quiet: boolean }): boolean {
  const ci = opts.env.CI;
  return opts.stderrIsTTY && (ci === undefined || ci === '' || ci === 'false' || ci === '0') && !opts.json && !opts.quiet;
}

/** One line of progress text, e.g. `dump.json  52.3 MB / 105.9 MB (49%)  153,023 spans  4,200 traces  1.2s`. */
export function progressText(state: ProgressState, elapsedMs: number): string {
  const read = formatBytes(state.bytesRead);
  const of =
    state.totalBytes !== undefined && state.totalBytes > 0
      ? ` / ${formatBytes(state.totalBytes)} (${Math.min(100, Math.floor((100 * state.bytesRead) / state.totalBytes))}%)`
      : '';
  const traces = state.traces === undefined ? '' : `  ${state.traces.toLocaleString('en-US')} traces`;
  return `reading ${state.input}  ${read}${of}  ${state.spans.toLocaleString('en-US')} spans${traces}  ${(elapsedMs / 1000).toFixed(1)}s`;
}

export function formatBytes(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} GB`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(0)} kB`;
  return `${n} B`;
}

interface Spinner {
  text: string;
  start(): Spinner;
  stop(): Spinner;
}

export function startProgress(ctx: RunContext): Progress {
  const stream = ctx.io.errStream;
  if (stream === undefined || !progressEnabled({ stderrIsTTY: ctx.io.stderrIsTTY, env: ctx.io.env, json: ctx.json, quiet: ctx.quiet })) return NO_PROGRESS;
  const started = Date.now();
  let state: ProgressState | undefined;
  let spinner: Spinner | undefined;
  let stopped = false;
  let ticker: NodeJS.Timeout | undefined;
  const render = (): void => {
    if (spinner !== undefined && state !== undefined) spinner.text = progressText(state, Date.now() - started);
  };
  const timer = setTimeout(() => {
    void import('ora').then(({ default: ora }) => {
      if (stopped) return;
      spinner = (ora({ stream, discardStdin: false }) as Spinner).start();
      render();
      // Elapsed time moves on even while a slow pipe delivers nothing.
      ticker = setInterval(render, 200);
      ticker.unref();
    });
  }, SHOW_AFTER_MS);
  timer.unref();
  return {
    update(next) {
      state = next;
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      if (ticker !== undefined) clearInterval(ticker);
      spinner?.stop();
    },
  };
}

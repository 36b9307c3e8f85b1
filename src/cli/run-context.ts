/**
 * The per-run context, built once from the common options: colour, width, warnings, JSON or text,
 * and the compiled --where. Loaded with a command's module, not at start-up.
 */
import { traceQueryMatcher } from '../analyses/pick-trace.js';
import type { HttpSettings } from '../input/http-settings.js';
import type { FormatName } from '../model/span.js';
import { WarningLog } from '../model/warning-log.js';
import type { TraceWarning } from '../model/warnings.js';
import { renderJson } from '../render/json.js';
import { renderWarningSummary } from '../render/warnings.js';
import { colorLevel, createTheme, type Theme } from '../render/theme.js';
import { whereFilter, type WhereFilter } from '../query/where-filter.js';
import { DEFAULT_WIDTH, MIN_WIDTH, type CommonOptions, type TableFlags, type TimeArg } from './common-options.js';
import { httpSettingsFrom } from './http-options.js';
import type { Io } from './io.js';

export type { CommonOptions } from './common-options.js';

export interface RunContext {
  readonly io: Io;
  readonly json: boolean;
  readonly quiet: boolean;
  readonly theme: Theme;
  /** Colour on stderr: its own terminal decides, but --no-color switches it off too. */
  readonly errTheme: Theme;
  readonly width: number;
  readonly warnings: WarningLog;
  readonly format: FormatName | undefined;
  /** --strict: a dump cut off inside a record is an error, not a truncated-input warning. */
  readonly strict: boolean;
  readonly adjustClockSkew: boolean;
  /** --where, compiled before any input is read (a typo fails fast, exit code 2). */
  readonly where: WhereFilter | undefined;
  /** How URL inputs are fetched: --header, TRACECTL_HEADERS, --http-timeout, --retries. */
  readonly http: HttpSettings;
  /** What a table input is read with: the time range, the query timeout, --explain, --max-traces. */
  readonly table: TableFlags & { readonly maxTraces?: number | undefined };
}

/**
 * `traceQuery`: a one-trace command's --trace. Warnings about other traces of the dump are then not
 * recorded: they say nothing about the trace shown (those of no trace in particular still are).
 */
export function runContext(options: Omit<CommonOptions, 'to'> & { to?: unknown; maxTraces?: number }, io: Io, traceQuery?: string): RunContext {
  const flag = options.color;
  const level = options.json === true ? 0 : colorLevel({ flag, env: io.env, isTTY: io.stdoutIsTTY });
  return {
    io,
    json: options.json === true,
    quiet: options.quiet === true,
    theme: createTheme(level),
    errTheme: createTheme(options.json === true ? 0 : colorLevel({ flag: flag === false ? false : undefined, env: io.env, isTTY: io.stderrIsTTY })),
    width: outputWidth(options, io),
    warnings: traceQuery === undefined ? new WarningLog() : new WarningLog(warningOfTrace(traceQueryMatcher(traceQuery))),
    format: options.inputFormat,
    strict: options.strict === true,
    adjustClockSkew: options.adjust !== false,
    where: options.where === undefined ? undefined : whereFilter(options.where),
    http: httpSettingsFrom(options, io),
    table: {
      since: options.since,
      from: options.from,
      // convert's --to names a format, not a time.
      to: typeof options.to === 'object' ? (options.to as TimeArg) : undefined,
      queryTimeout: options.queryTimeout,
      explain: options.explain,
      maxTraces: options.maxTraces,
    },
  };
}

/**
 * The width decided once: --width, then COLUMNS (a shell's or the user's word for it), then the
 * terminal the user looks at (bin/tracectl.js finds it among stdout, stderr and the controlling
 * terminal, so `| head` still fits the window), else DEFAULT_WIDTH. A COLUMNS that is no whole number
 * is ignored; below MIN_WIDTH the narrowest layout is used.
 */
function outputWidth(options: Pick<CommonOptions, 'width'>, io: Pick<Io, 'env' | 'columns'>): number {
  if (options.width !== undefined) return options.width;
  const raw = io.env.COLUMNS?.trim() ?? '';
  const env = /^\d+$/.test(raw) ? Number(raw) : undefined;
  const columns = env !== undefined && env > 0 ? env : io.columns !== undefined && io.columns > 0 ? io.columns : undefined;
  return columns === undefined ? DEFAULT_WIDTH : Math.min(10_000, Math.max(MIN_WIDTH, columns));
}

function warningOfTrace(matches: (traceId: string) => boolean): (w: TraceWarning) => boolean {
  return (w) => w.traceId === undefined || matches(w.traceId);
}

/** Prints the result: JSON (with warnings folded in) or text lines; then the warnings summary on stderr. */
export function emit(ctx: RunContext, result: object, textLines: () => string[]): void {
  if (ctx.json) {
    ctx.io.out(`${renderJson({ ...result, warnings: ctx.warnings.list, warningCounts: ctx.warnings.counts() })}\n`);
  } else {
    const lines = textLines();
    ctx.io.out(lines.length > 0 ? `${lines.join('\n')}\n` : '');
  }
  if (!ctx.quiet && ctx.warnings.total > 0) {
    ctx.io.err(`${renderWarningSummary({ counts: ctx.warnings.counts(), list: ctx.warnings.list }, ctx.errTheme).join('\n')}\n`);
  }
}

/** A notice on stderr (which trace was chosen, a hint for the next command): -q silences it, as it does warnings. */
export function notice(ctx: RunContext, text: string): void {
  if (!ctx.quiet) ctx.io.err(`tracectl: ${text}\n`);
}

/**
 * The per-run context, built once from the common options: colour, width, warnings, JSON or text,
 * and the compiled --where. Loaded with a command's module, not at start-up.
 */
import { traceQueryMatcher } from '../analyses/pick-trace.js';
import type { FormatName } from '../model/span.js';
import { WarningLog } from '../model/warning-log.js';
import type { TraceWarning } from '../model/warnings.js';
import { renderJson } from '../render/json.js';
import { renderWarningSummary } from '../render/warnings.js';
import { colorLevel, createTheme, type Theme } from '../render/theme.js';
import { whereFilter, type WhereFilter } from '../query/where-filter.js';
import { DEFAULT_WIDTH, type CommonOptions, type TableFlags, type TimeArg } from './common-options.js';
import type { Io } from './io.js';

export type { CommonOptions } from './common-options.js';

export interface RunContext {
  readonly io: Io;
  readonly json: boolean;
  readonly quiet: boolean;
  readonly theme: Theme;
  readonly width: number;
  readonly warnings: WarningLog;
  readonly format: FormatName | undefined;
  readonly adjustClockSkew: boolean;
  /** --where, compiled before any input is read (a typo fails fast, exit code 2). */
  readonly where: WhereFilter | undefined;
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
    width: options.width ?? io.columns ?? DEFAULT_WIDTH,
    warnings: traceQuery === undefined ? new WarningLog() : new WarningLog(warningOfTrace(traceQueryMatcher(traceQuery))),
    format: options.inputFormat,
    adjustClockSkew: options.adjust !== false,
    where: options.where === undefined ? undefined : whereFilter(options.where),
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
    const errTheme = createTheme(ctx.json ? 0 : colorLevel({ flag: undefined, env: ctx.io.env, isTTY: ctx.io.stderrIsTTY }));
    ctx.io.err(`${renderWarningSummary({ counts: ctx.warnings.counts(), list: ctx.warnings.list }, errTheme).join('\n')}\n`);
  }
}

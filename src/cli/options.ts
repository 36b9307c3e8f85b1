/**
 * Options every command shares, and the per-run context built from them once: colour, width,
 * warnings, JSON or text.
 */
import { Option, type Command } from 'commander';
import { traceQueryMatcher } from '../analyses/pick-trace.js';
import { UsageError } from '../errors.js';
import type { FormatName } from '../model/span.js';
import { WarningLog } from '../model/warning-log.js';
import type { TraceWarning } from '../model/warnings.js';
import { renderJson } from '../render/json.js';
import { renderWarningSummary } from '../render/warnings.js';
import { colorLevel, createTheme, type Theme } from '../render/theme.js';
import { whereFilter, type WhereFilter } from '../query/where-filter.js';
import { addHttpOptions } from './http-options.js';
import type { Io } from './io.js';

export interface CommonOptions {
  readonly json?: boolean;
  readonly inputFormat?: FormatName;
  readonly color?: boolean;
  readonly width?: number;
  readonly quiet?: boolean;
  readonly adjust?: boolean;
  readonly where?: string;
}

export const DEFAULT_WIDTH = 120;
const MIN_WIDTH = 40;

export function addCommonOptions(cmd: Command): Command {
  const withCommon = cmd
    .option('--json', 'print one JSON document on stdout instead of text')
    .addOption(new Option('--input-format <format>', 'read the input as this format instead of detecting it').choices(['jaeger', 'zipkin', 'otlp']))
    .option('--width <columns>', 'output width in columns (default: the terminal width, else 120)', parseWidth)
    // --color first, so that with --no-color beside it the default stays undefined ("decide for me").
    .option('--color', 'colour even when stdout is not a terminal')
    .option('--no-color', 'no colour, even on a terminal (NO_COLOR=1 does the same)')
    .option('-q, --quiet', 'no warnings summary and no progress on stderr')
    .option('--no-adjust', 'show raw times: no clock-skew correction')
    .option('--where <expr>', 'only spans matching EXPR, e.g. \'service = "api" and duration > 100ms\' (README: --where)');
  return addHttpOptions(withCommon);
}

function parseWidth(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < MIN_WIDTH || n > 10_000) throw new UsageError(`--width must be a whole number from ${MIN_WIDTH} to 10000, got '${value}'`);
  return n;
}

/** Parses a positive whole number option such as --limit. */
export function parseCount(flag: string): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a whole number of at least 1, got '${value}'`);
    return n;
  };
}

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
}

/**
 * `traceQuery`: a one-trace command's --trace. Warnings about other traces of the dump are then not
 * recorded: they say nothing about the trace shown (those of no trace in particular still are).
 */
export function runContext(options: CommonOptions, io: Io, traceQuery?: string): RunContext {
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

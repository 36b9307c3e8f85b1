/**
 * Options every command shares: their flags and parsers only, loaded at start-up for `--help`, so
 * nothing heavy is imported here. The per-run context built from them is in run-context.ts.
 */
import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import type { FormatName } from '../model/span.js';
import { addHttpOptions, type HttpCliOptions } from './http-options.js';

export interface CommonOptions extends HttpCliOptions {
  readonly json?: boolean;
  readonly inputFormat?: FormatName;
  readonly color?: boolean;
  readonly width?: number;
  readonly quiet?: boolean;
  readonly adjust?: boolean;
  readonly where?: string;
  readonly since?: number;
  readonly from?: TimeArg;
  readonly to?: TimeArg;
  readonly queryTimeout?: number;
  readonly explain?: boolean;
  readonly strict?: boolean;
}

/** A point in time as given to --from/--to: an absolute time, or a duration before now. */
export type TimeArg = { readonly kind: 'at'; readonly ns: bigint } | { readonly kind: 'ago'; readonly ns: number };

export const DEFAULT_QUERY_TIMEOUT_SEC = 60;
/** Traces a sampling command reads from a table input, unless --max-traces says otherwise. */
export const DEFAULT_MAX_TRACES = 1000;

/** The flags a table run reads. */
export interface TableFlags {
  readonly since?: number | undefined;
  readonly from?: TimeArg | undefined;
  readonly to?: TimeArg | undefined;
  readonly queryTimeout?: number | undefined;
  readonly explain?: boolean | undefined;
}

export const DEFAULT_WIDTH = 120;
export const MIN_WIDTH = 40;

/**
 * `withTo: false` leaves out the table range's --to, for `convert`, whose --to names the output
 * format (a table is then read from --since or --from until now).
 */
export function addCommonOptions(cmd: Command, withTo = true): Command {
  const withCommon = cmd
    .option('--json', 'print one JSON document on stdout instead of text')
    .addOption(new Option('--input-format <format>', 'read the input as this format instead of detecting it').choices(['jaeger', 'zipkin', 'otlp']))
    .option('--width <columns>', 'output width in columns (default: $COLUMNS, else the terminal\'s width, else 120)', parseWidth)
    // --color first, so that with --no-color beside it the default stays undefined ("decide for me").
    .option('--color', 'colour even when stdout is not a terminal or NO_COLOR is set')
    .option('--no-color', 'no colour, even on a terminal (NO_COLOR=1 does the same)')
    .option('-q, --quiet', 'no warnings, notices or progress on stderr (errors are still printed)')
    .option('--no-adjust', 'show raw times: no clock-skew correction')
    .option('--strict', 'refuse a dump cut off inside a record (exit 2) instead of reading its whole records with a warning')
    .option('--where <expr>', 'only spans matching EXPR, e.g. \'service = "api" and duration > 100ms\' (docs/where.md)')
    .option('--since <duration>', 'table inputs (clickhouse://): spans that started this long ago until now, e.g. 1h, 30m, 7d', parseAgo('--since'))
    .option('--from <time>', 'table inputs: spans that started at or after TIME (ISO 8601, e.g. 2024-05-01T10:00:00Z, or a duration ago: 2h)', parseTime('--from'));
  if (withTo) withCommon.option('--to <time>', 'table inputs: ... and before TIME (default: now)', parseTime('--to'));
  withCommon
    .option('--query-timeout <seconds>', `table inputs: ClickHouse stops a query after this long (default ${DEFAULT_QUERY_TIMEOUT_SEC})`, parseQueryTimeout)
    .option('--explain', 'table inputs: print the SQL sent to ClickHouse, without running it');
  return addHttpOptions(withCommon);
}

const AGO = /^(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d)$/;
const AGO_NS: Readonly<Record<string, number>> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9, d: 86400e9 };

function agoNs(value: string): number | undefined {
  const m = AGO.exec(value.trim());
  if (m === null) return undefined;
  const ns = Number(m[1]) * AGO_NS[m[2]!]!;
  return ns > 0 && Number.isFinite(ns) ? Math.round(ns) : undefined;
}

function parseAgo(flag: string): (value: string) => number {
  return (value: string) => {
    const ns = agoNs(value);
    if (ns === undefined) throw new UsageError(`${flag} must be a duration such as 90m, 1h or 7d, got '${value}'`);
    return ns;
  };
}

const ISO = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;

function parseTime(flag: string): (value: string) => TimeArg {
  return (value: string) => {
    const ago = agoNs(value);
    if (ago !== undefined) return { kind: 'ago', ns: ago };
    const m = ISO.exec(value.trim());
    const ms = m === null ? NaN : Date.parse(`${m[1]}T${m[2] ?? '00:00'}${(m[2] ?? '').length === 5 ? ':00' : ''}${m[4] ?? 'Z'}`);
    if (m === null || Number.isNaN(ms)) {
      throw new UsageError(`${flag} must be a time in ISO 8601 (2024-05-01T10:00:00Z; UTC unless an offset is given) or a duration ago (2h), got '${value}'`);
    }
    return { kind: 'at', ns: BigInt(ms) * 1_000_000n + BigInt((m[3] ?? '').padEnd(9, '0')) };
  };
}

function parseQueryTimeout(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 86_400) throw new UsageError(`--query-timeout must be a number of seconds above 0 and at most 86400, got '${value}'`);
  return n;
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


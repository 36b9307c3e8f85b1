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
}

export const DEFAULT_WIDTH = 120;
export const MIN_WIDTH = 40;

export function addCommonOptions(cmd: Command): Command {
  const withCommon = cmd
    .option('--json', 'print one JSON document on stdout instead of text')
    .addOption(new Option('--input-format <format>', 'read the input as this format instead of detecting it').choices(['jaeger', 'zipkin', 'otlp']))
    .option('--width <columns>', 'output width in columns (default: $COLUMNS, else the terminal\'s width, else 120)', parseWidth)
    // --color first, so that with --no-color beside it the default stays undefined ("decide for me").
    .option('--color', 'colour even when stdout is not a terminal or NO_COLOR is set')
    .option('--no-color', 'no colour, even on a terminal (NO_COLOR=1 does the same)')
    .option('-q, --quiet', 'no warnings, notices or progress on stderr (errors are still printed)')
    .option('--no-adjust', 'show raw times: no clock-skew correction')
    .option('--where <expr>', 'only spans matching EXPR, e.g. \'service = "api" and duration > 100ms\' (docs/where.md)');
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


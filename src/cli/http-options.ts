/**
 * Options for URL inputs, shared by every command that reads dumps: `--header` (repeatable; also
 * TRACECTL_HEADERS, one `Name: value` per line, so tokens stay out of shell history),
 * `--http-timeout` and `--retries`. The flags are declared at start-up; the run context turns them
 * into the input layer's HttpSettings, whose notices (retries, skipped traces) go to stderr unless
 * --quiet.
 */
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { HeaderSyntaxError, parseHeader, parseHeaderLines } from '../input/http-headers.js';
import { DEFAULT_HTTP_SETTINGS, type HttpSettings } from '../input/http-settings.js';
import { sanitize } from '../render/sanitize.js';
import type { Io } from './io.js';

const HEADERS_ENV = 'TRACECTL_HEADERS';

export interface HttpCliOptions {
  readonly header?: string[];
  readonly httpTimeout?: number;
  readonly retries?: number;
  readonly quiet?: boolean;
}

export function addHttpOptions(cmd: Command): Command {
  return cmd
    .option('--header <name: value>', `HTTP header for URL inputs, repeatable (also ${HEADERS_ENV}, one per line)`, collectHeader)
    .option('--http-timeout <seconds>', 'give up on a URL input silent this long', parseTimeout, DEFAULT_HTTP_SETTINGS.timeoutMs / 1000)
    .option('--retries <n>', 'retries on HTTP 408/429/5xx and dropped connections', parseRetries, DEFAULT_HTTP_SETTINGS.retries);
}

/** The settings URL inputs are fetched with, from the flags and TRACECTL_HEADERS. */
export function httpSettingsFrom(opts: HttpCliOptions, io: Io): HttpSettings {
  const env = io.env;
  let fromEnv: [string, string][] = [];
  const raw = env[HEADERS_ENV];
  if (raw !== undefined && raw.trim() !== '') {
    try {
      fromEnv = parseHeaderLines(raw);
    } catch (e) {
      throw new UsageError(`${HEADERS_ENV}: ${(e as Error).message}`);
    }
  }
  const fromFlags = (opts.header ?? []).map((h) => parseHeader(h));
  return {
    ...DEFAULT_HTTP_SETTINGS,
    // Flags after the environment, so a flag overrides a header of the same name.
    headers: [...fromEnv, ...fromFlags],
    timeoutMs: Math.round((opts.httpTimeout ?? DEFAULT_HTTP_SETTINGS.timeoutMs / 1000) * 1000),
    retries: opts.retries ?? DEFAULT_HTTP_SETTINGS.retries,
    onEvent: (event) => {
      if (event.type === 'notice' && opts.quiet !== true) io.err(`tracectl: ${sanitize(event.message)}\n`);
    },
  };
}

function collectHeader(value: string, previous: string[] | undefined): string[] {
  try {
    parseHeader(value);
  } catch (e) {
    if (e instanceof HeaderSyntaxError) throw new UsageError(`--header: ${e.message}`);
    throw e;
  }
  return [...(previous ?? []), value];
}

function parseTimeout(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 3600) throw new UsageError(`--http-timeout must be a number of seconds above 0 and at most 3600, got '${value}'`);
  return n;
}

function parseRetries(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 10) throw new UsageError(`--retries must be a whole number from 0 to 10, got '${value}'`);
  return n;
}

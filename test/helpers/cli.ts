/**
 * Runs tracectl the way a user would, but in this process: `main(argv, io)` with an `Io` made of
 * strings and buffers, so a test sees exactly what a person or a script would see on stdout and
 * stderr, and the exit code, without a child process per case.
 *
 * Defaults are a user's in a pipe: stdout and stderr not terminals, NO_COLOR set, no width, the
 * project root as working directory, empty standard input.
 *
 * `runBin` spawns the built binary, for the few tests where a real process is the point (exit status
 * of the process, EPIPE, signals, a real stdin pipe, worker threads, `record`, start-up).
 */
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Io } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

/** @public The test API of the in-process runner (knip: kept while tests move to it). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** @public */
export const BIN = fileURLToPath(new URL('../../bin/tracectl.js', import.meta.url));

export interface CliOptions {
  /** Standard input: text or bytes (a list is delivered as that many chunks). Default: empty. */
  readonly input?: string | Buffer | readonly Buffer[];
  /** The environment, added to `NO_COLOR=1`; a key set to undefined is removed. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
  readonly stdoutIsTTY?: boolean;
  readonly stderrIsTTY?: boolean;
  /** The terminal's width, as a terminal would report it. */
  readonly columns?: number;
  /** Standard input is a terminal (nothing piped). */
  readonly stdinIsTTY?: boolean;
  /** Signals the run receives (`emit('SIGINT')` stops `record`). */
  readonly signals?: EventEmitter;
  /** Called with each piece of stderr as it is written (e.g. to find the port `record` listens on). */
  readonly onStderr?: (text: string) => void;
}

export interface CliResult {
  readonly stdout: string;
  readonly stderr: string;
  /** The exit code the process would end with. */
  readonly status: number;
}

function environment(extra: CliOptions['env']): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { NO_COLOR: '1', ...extra };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return env;
}

function stdinOf(options: CliOptions): Io['stdin'] {
  const input = options.input ?? '';
  const chunks = typeof input === 'string' ? (input === '' ? [] : [Buffer.from(input)]) : Buffer.isBuffer(input) ? [input] : [...input];
  const stream = Readable.from(chunks, { objectMode: false });
  if (options.stdinIsTTY === true) Object.defineProperty(stream, 'isTTY', { value: true });
  return stream;
}

/** `tracectl <args>` in this process. */
export async function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  let status = 0;
  const io: Io = {
    stdin: stdinOf(options),
    env: environment(options.env),
    cwd: options.cwd ?? ROOT,
    stdoutIsTTY: options.stdoutIsTTY ?? false,
    stderrIsTTY: options.stderrIsTTY ?? false,
    columns: options.columns,
    out: (text) => void out.push(text),
    err: (text) => {
      err.push(text);
      options.onStderr?.(text);
    },
    signals: options.signals ?? new EventEmitter(),
    setExitCode: (code) => {
      status = code;
    },
  };
  await main(args, io);
  return { stdout: out.join(''), stderr: err.join(''), status };
}

/** @public Runs with --json, expects exit code 0, and parses stdout. */
export async function runJson<T = unknown>(args: readonly string[], options: CliOptions = {}): Promise<{ json: T; stderr: string }> {
  const result = await runCli([...args, '--json'], options);
  if (result.status !== 0) throw new Error(`tracectl ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return { json: JSON.parse(result.stdout) as T, stderr: result.stderr };
}

/** @public A fixture path (absolute), from the project's fixtures/ folder. */
export function fixture(path: string): string {
  return fileURLToPath(new URL(`../../fixtures/${path}`, import.meta.url));
}

/** @public */
export interface BinOptions {
  readonly input?: string | Buffer;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
  /** Killed with SIGKILL after this long (default: just under the test timeout), so a hang leaves no process behind. */
  readonly timeoutMs?: number;
  /** Called once the child started, e.g. to send it a signal. */
  readonly onSpawn?: (pid: number) => void;
  /** Called with each piece of stderr as it arrives. */
  readonly onStderr?: (text: string) => void;
}

/** @public */
export interface BinResult extends Omit<CliResult, 'status'> {
  /** null when the process was ended by a signal. */
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** @public The built binary as a child process (`npm test` builds first). Never blocks the test process. */
export function runBin(args: readonly string[], options: BinOptions = {}): Promise<BinResult> {
  // The parent's environment (PATH, HOME) without its colour, width and debug settings, then the test's.
  const env = environment({ ...process.env, FORCE_COLOR: undefined, TRACECTL_DEBUG: undefined, COLUMNS: undefined, NO_COLOR: '1', ...options.env });
  const timeoutMs = options.timeoutMs ?? 280_000;
  return new Promise((resolve, reject) => {
    // detached: a session of its own, without a controlling terminal, so the width the child finds
    // does not depend on the terminal the tests were started from.
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    const out: Buffer[] = [];
    const err: string[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      err.push(s);
      options.onStderr?.(s);
    });
    child.stdin.on('error', () => undefined); // a child that exits before reading all of stdin
    child.stdin.end(options.input ?? '');
    if (child.pid !== undefined) options.onSpawn?.(child.pid);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`tracectl ${args.join(' ')} did not finish within ${timeoutMs} ms; stderr: ${err.join('')}`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: err.join(''), status, signal });
    });
  });
}

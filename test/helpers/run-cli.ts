/**
 * Runs the built tracectl binary the way a user would: a child process with NO_COLOR set, so tests
 * assert exactly what a person or a script would see on stdout and stderr, and the exit code.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/tracectl.js', import.meta.url));

export interface CliResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number | null;
}

export interface CliOptions {
  /** Bytes for standard input; when absent stdin is empty (/dev/null-like). */
  readonly input?: string | Buffer;
  readonly env?: Record<string, string>;
  readonly cwd?: string;
}

export function runCli(args: readonly string[], options: CliOptions = {}): CliResult {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', ...options.env };
  delete env.FORCE_COLOR;
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 120_000,
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

/** Runs with --json and parses stdout. */
export function runJson<T = unknown>(args: readonly string[], options: CliOptions = {}): { json: T; stderr: string; status: number | null } {
  const result = runCli([...args, '--json'], options);
  if (result.status !== 0) throw new Error(`tracectl ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return { json: JSON.parse(result.stdout) as T, stderr: result.stderr, status: result.status };
}

/** A fixture path relative to the project root. */
export function fixture(path: string): string {
  return fileURLToPath(new URL(`../../fixtures/${path}`, import.meta.url));
}

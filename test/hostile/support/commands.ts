/**
 * The registered commands, read from the program itself (src/cli/program.ts's buildProgram), so a
 * command added tomorrow is fed every hostile input without editing this file; and `runInProcess`,
 * the in-process run of test/helpers/cli.ts with the fields the property suites check.
 */
import { EventEmitter } from 'node:events';
import type { Command } from 'commander';
import { buildProgram } from '../../../src/cli/program.js';
import { runCli, type CliOptions } from '../../helpers/cli.js';

function program(): Command {
  return buildProgram({
    stdin: process.stdin,
    env: {},
    cwd: process.cwd(),
    stdoutIsTTY: false,
    stderrIsTTY: false,
    columns: undefined,
    out: () => undefined,
    err: () => undefined,
    signals: new EventEmitter(),
    setExitCode: () => undefined,
  });
}

/**
 * Names of the registered commands that read dumps (`traces`, `waterfall`, ...): those whose first
 * argument is `[paths...]` (or `<base>`, as diff's). Others (`record`, a receiver that listens on a
 * port) are not fed files.
 */
export async function commandNames(): Promise<string[]> {
  return program().commands.filter((c) => ['paths', 'base'].includes(c.registeredArguments[0]?.name() ?? '')).map((c) => c.name());
}

/** Commands that compare two dumps (`diff <base> [head]`): the suites give them the same dump twice. */
export async function twoInputCommands(): Promise<string[]> {
  return program().commands.filter((c) => c.registeredArguments[0]?.name() === 'base').map((c) => c.name());
}

/** The long option flags a command takes (`--trace`, `--json`, ...). */
export async function commandFlags(name: string): Promise<string[]> {
  return program().commands.find((c) => c.name() === name)?.options.map((o) => o.long ?? '') ?? [];
}

export interface RunInput {
  /** Bytes for standard input (read when no path is given, or for "-"); split into these chunks. */
  readonly stdin?: Buffer | readonly Buffer[];
  readonly env?: Record<string, string | undefined>;
  readonly stdoutIsTTY?: boolean;
  readonly columns?: number;
}

export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
  /** Set when the run ended in an internal error (exit code 3): a bug, never a user's mistake. */
  readonly internal?: string;
  readonly ms: number;
}

/** `tracectl <argv>` in this process: what the program prints and the exit code it sets. */
export async function runInProcess(argv: readonly string[], input: RunInput = {}): Promise<RunResult> {
  const options: CliOptions = {
    ...(input.stdin !== undefined ? { input: input.stdin } : {}),
    env: input.env ?? {},
    ...(input.stdoutIsTTY !== undefined ? { stdoutIsTTY: input.stdoutIsTTY } : {}),
    ...(input.columns !== undefined ? { columns: input.columns } : {}),
  };
  const started = performance.now();
  const r = await runCli(argv, options);
  const ms = performance.now() - started;
  const internal = r.status === 3 ? r.stderr : undefined;
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.status, ms, ...(internal !== undefined ? { internal } : {}) };
}

/**
 * What a command may touch of the outside world, gathered in one place so commands never reach for
 * `process` directly and the outside can be swapped in tests.
 */
import type { StdinLike } from '../input/open-input.js';

export interface Io {
  readonly stdin: StdinLike;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  /** Terminal width of stdout, when it is a terminal. */
  readonly columns: number | undefined;
  out(text: string): void;
  err(text: string): void;
  setExitCode(code: number): void;
}

export function processIo(): Io {
  return {
    stdin: process.stdin,
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    columns: process.stdout.isTTY === true ? process.stdout.columns : undefined,
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    setExitCode: (code) => {
      process.exitCode = code;
    },
  };
}

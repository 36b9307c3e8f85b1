/**
 * Runs the command `tracectl record -- ...` wraps, with the terminal shared, and reports how it
 * ended as a shell would: its exit code, 128 + the signal number when a signal ended it, 127 when
 * it could not be found and 126 when it could not be executed (the codes `env` and `timeout` use).
 *
 * SIGINT and SIGTERM sent to tracectl are passed on to the command and tracectl waits for it, so
 * Ctrl-C in a terminal (which signals both) and a CI runner's cancel both end in a written dump.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

export interface CommandResult {
  readonly exitCode: number;
  /** Set when the command could not be started; the message names the command. */
  readonly startError?: string;
  readonly signal?: NodeJS.Signals;
}

export interface CommandOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The directory the command runs in (the run's, `io.cwd`). */
  readonly cwd: string;
  /** Where to listen for signals to pass on (the process, in the CLI). */
  readonly signals?: NodeJS.EventEmitter;
  /**
   * 'inherit' (the default) shares the terminal; 'ignore' gives the command none, for a caller that
   * draws on the terminal itself (its output would scribble over the screen, and it would read keys).
   */
  readonly stdio?: 'inherit' | 'ignore';
}

const FORWARDED: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export function runCommand(argv: readonly string[], options: CommandOptions): Promise<CommandResult> {
  const [file, ...args] = argv;
  if (file === undefined) return Promise.resolve({ exitCode: 127, startError: 'no command given' });
  return new Promise((resolve) => {
    const child = spawn(file, args, { stdio: options.stdio ?? 'inherit', env: options.env as NodeJS.ProcessEnv, cwd: options.cwd });
    const forward = (signal: NodeJS.Signals): void => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    for (const signal of FORWARDED) options.signals?.on(signal, forward);
    const cleanup = (): void => {
      for (const signal of FORWARDED) options.signals?.off(signal, forward);
    };
    child.once('error', (err: NodeJS.ErrnoException) => {
      cleanup();
      if (err.code === 'ENOENT') resolve({ exitCode: 127, startError: `${file}: command not found` });
      else if (err.code === 'EACCES') resolve({ exitCode: 126, startError: `${file}: permission denied` });
      else resolve({ exitCode: 126, startError: `${file}: ${err.message}` });
    });
    child.once('exit', (code, signal) => {
      cleanup();
      if (signal !== null) {
        const number = constants.signals[signal] ?? 0;
        resolve({ exitCode: 128 + number, signal });
      } else resolve({ exitCode: code ?? 1 });
    });
  });
}

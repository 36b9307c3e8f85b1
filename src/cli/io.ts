/**
 * What a run of tracectl may touch of the outside world, gathered in one value so commands never
 * reach for `process`: `bin/tracectl.js` builds it from the real process, tests build it from
 * strings and buffers and run the whole program in-process.
 */
import type { EventEmitter } from 'node:events';
import type { Writable } from 'node:stream';
import type { StdinLike } from '../input/open-input.js';
import type { Terminal } from '../ui/terminal.js';

export interface Io {
  readonly stdin: StdinLike;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The directory relative paths are resolved against. */
  readonly cwd: string;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  /**
   * Columns of the terminal the user looks at: stdout's when it is one, else stderr's, else the
   * controlling terminal's (output piped into `head` is still read in that terminal). Undefined
   * when there is no terminal.
   */
  readonly columns: number | undefined;
  out(text: string): void;
  err(text: string): void;
  /** The stream a spinner draws on: the real stderr when it is a terminal, else absent. */
  readonly errStream?: Writable;
  /** Where SIGINT and SIGTERM come from (`process`, or an emitter a test fires). */
  readonly signals: EventEmitter;
  setExitCode(code: number): void;
  /**
   * Present when stdin and stdout are both terminals: raw keys, the size and its changes, for the
   * full-screen `ui`.
   */
  readonly terminal?: Terminal;
}

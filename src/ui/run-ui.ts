/**
 * The terminal driver: puts the terminal in raw mode on the alternate screen, feeds keys to the
 * app, draws a frame after each burst of keys and each resize, and gives the terminal back on every
 * way out: `q` or Ctrl-C (keys, in raw mode), SIGINT, SIGTERM or SIGHUP, an error while handling a
 * key or drawing (rethrown once the screen is restored, so the CLI reports it), and, through
 * `Terminal.onExit`, a process that exits from elsewhere.
 */
import type { EventEmitter } from 'node:events';
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import type { UiApp } from './app.js';
import { parseKeys } from './keys.js';
import { ENTER_SCREEN, LEAVE_SCREEN, ScreenWriter } from './screen-writer.js';
import type { Terminal } from './terminal.js';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface UiSession {
  readonly app: UiApp;
  readonly terminal: Terminal;
  /** Keys come from here (the terminal's stdin). */
  readonly input: Readable;
  write(text: string): void;
  readonly signals: EventEmitter;
  /**
   * Live: called once with the function that asks for a frame (the catalog or the status changed);
   * returns the function that stops asking.
   */
  readonly updates?: (frame: () => void) => () => void;
}

/** Runs until the user quits or a stop signal arrives; resolves with what ended it. */
export async function runUi(session: UiSession): Promise<'quit' | (typeof STOP_SIGNALS)[number]> {
  const { app, terminal, input, write, signals, updates } = session;
  const writer = new ScreenWriter();
  const decoder = new StringDecoder('utf8');
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    terminal.setRawMode(false);
    write(LEAVE_SCREEN);
  };
  const cancelExit = terminal.onExit(restore);
  const cleanups: (() => void)[] = [];
  let timer: ReturnType<typeof setImmediate> | undefined;
  try {
    return await new Promise((resolve, reject) => {
      const fail = (err: unknown): void => reject(err instanceof Error ? err : new Error(String(err)));
      const draw = (): void => {
        timer = undefined;
        const { columns, rows } = terminal.size();
        write(writer.frame(app.draw(columns, rows), columns, rows));
      };
      // Keys typed faster than frames are drawn (a held key, a paste) are all handled, then one frame.
      const schedule = (): void => {
        timer ??= setImmediate(() => {
          try {
            draw();
          } catch (err) {
            fail(err);
          }
        });
      };
      const onData = (chunk: Buffer | string): void => {
        try {
          for (const key of parseKeys(typeof chunk === 'string' ? chunk : decoder.write(chunk))) {
            if (key === 'ctrl-l') writer.invalidate();
            if (app.press(key) === 'quit') {
              resolve('quit');
              return;
            }
          }
          schedule();
        } catch (err) {
          fail(err);
        }
      };
      input.on('data', onData);
      cleanups.push(() => input.off('data', onData));
      const onEnd = (): void => resolve('quit');
      input.on('end', onEnd);
      cleanups.push(() => input.off('end', onEnd));
      input.on('error', fail);
      cleanups.push(() => input.off('error', fail));
      cleanups.push(
        terminal.onResize(() => {
          writer.invalidate();
          schedule();
        }),
      );
      for (const name of STOP_SIGNALS) {
        const onSignal = (): void => resolve(name);
        signals.on(name, onSignal);
        cleanups.push(() => signals.off(name, onSignal));
      }
      if (updates !== undefined) cleanups.push(updates(schedule));
      terminal.setRawMode(true);
      write(ENTER_SCREEN);
      input.resume();
      draw();
    });
  } finally {
    if (timer !== undefined) clearImmediate(timer);
    for (const cleanup of cleanups) cleanup();
    input.pause();
    restore();
    cancelExit();
  }
}

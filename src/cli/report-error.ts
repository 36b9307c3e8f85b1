/**
 * The one place an error becomes a message and an exit code. User-caused errors (TracectlError)
 * print one line; commander has printed its own; anything else is a bug: one line, and the stack
 * only with TRACECTL_DEBUG. Messages quote file names and input bytes, so they are escaped.
 */
import { CommanderError } from 'commander';
import { EXIT_USAGE, RunComplete, TracectlError } from '../errors.js';
import { sanitize } from '../render/sanitize.js';
import type { Io } from './io.js';

const EXIT_INTERNAL = 3;

export function reportError(err: unknown, io: Io): number {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
    return EXIT_USAGE;
  }
  if (err instanceof RunComplete) return err.exitCode;
  if (err instanceof TracectlError) {
    io.err(`tracectl: ${escapeLines(err.message)}\n`);
    return err.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  io.err(`tracectl: internal error: ${escapeLines(message)}\n`);
  if (io.env.TRACECTL_DEBUG && err instanceof Error && err.stack) io.err(`${err.stack}\n`);
  return EXIT_INTERNAL;
}

/** Escapes each line; a message's own line breaks (an expression and its caret line) stay. */
function escapeLines(message: string): string {
  return message.split('\n').map(sanitize).join('\n');
}

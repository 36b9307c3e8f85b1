import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { dumpCommand, type RunFn } from '../command-kit.js';
import type { Io } from '../io.js';
import { parsePort } from './define-record.js';

export function defineUi(program: Command, io: Io): void {
  dumpCommand(program, io, 'ui', 'explore a dump full-screen in the terminal: the trace list, a trace\'s waterfall, span details (keys: ?)', () => import('./ui.js') as Promise<{ run: RunFn }>)
    .option('--listen', 'receive spans live, as tracectl record does, instead of reading a dump; after --, a command to run with its exporters pointed here')
    .option('--port <port>', 'with --listen: port to listen on (default 4318; 0 picks a free one)', parsePort)
    .option('--host <address>', 'with --listen: address to listen on (default 127.0.0.1)')
    .option('-o, --output <path>', 'with --listen: also write what is received to this dump, as tracectl record does')
    .option('--max-spans <n>', 'with --listen: spans held at most; the oldest traces are dropped beyond (default 1000000)', parseMaxSpans);
}

function parseMaxSpans(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`--max-spans must be a whole number of at least 1, got '${value}'`);
  return n;
}

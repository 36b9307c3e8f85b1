import type { Command } from 'commander';
import { dumpCommand, type RunFn } from '../command-kit.js';
import type { Io } from '../io.js';

export function defineSpan(program: Command, io: Io): void {
  dumpCommand(program, io, 'span', 'show everything about one span: ids, timing, self time, status, attributes, events, links', () => import('./span.js') as Promise<{ run: RunFn }>)
    .requiredOption('--span <id>', 'the span: a full id or a unique prefix')
    .option('--trace <id>', 'the trace holding it: a full id or a unique prefix (default: the trace that has the span)');
}

import type { Command } from 'commander';
import { dumpCommand, type RunFn } from '../command-kit.js';
import type { Io } from '../io.js';

export function defineUi(program: Command, io: Io): void {
  dumpCommand(program, io, 'ui', 'explore a dump full-screen in the terminal: the trace list, a trace\'s waterfall, span details (keys: ?)', () => import('./ui.js') as Promise<{ run: RunFn }>);
}

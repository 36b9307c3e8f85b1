import { Option, type Command } from 'commander';
import { TRACE_SORT_KEYS } from '../../analyses/choices.js';
import { dumpCommand, type RunFn } from '../command-kit.js';
import type { Io } from '../io.js';
import { parseCount } from '../common-options.js';

export function defineTraces(program: Command, io: Io): void {
  dumpCommand(program, io, 'traces', 'list the traces in the input', () => import('./traces.js') as Promise<{ run: RunFn }>)
    .addOption(new Option('--sort <key>', 'order of the list').choices(TRACE_SORT_KEYS).default('start'))
    .option('--limit <n>', 'show at most n traces', parseCount('--limit'));
}

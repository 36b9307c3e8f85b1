import type { Command } from 'commander';
import { parseGroupKeys } from '../../query/group-keys.js';
import { BY_HELP } from '../by-help.js';
import { dumpCommand, type RunFn } from '../command-kit.js';
import type { Io } from '../io.js';
import { DEFAULT_MAX_TRACES, parseCount } from '../common-options.js';

export function defineStats(program: Command, io: Io): void {
  dumpCommand(program, io, 'stats', 'span count, total, self time, avg, min, max per service or operation (Jaeger UI\'s Trace Statistics)', () => import('./stats.js') as Promise<{ run: RunFn }>)
    .option('--max-traces <n>', `table inputs: at most n traces, a sample (default ${DEFAULT_MAX_TRACES})`, parseCount('--max-traces'))
    .option('--trace <id>', 'one trace: a full id or a unique prefix (default: every trace, summed)')
    .option('--by <keys>', BY_HELP, parseGroupKeys)
    .addHelpText(
      'after',
      `
Self time is a span's duration minus the union of its children's intervals
clipped to it (never below 0): the time the span was busy with nothing of its
own subtree running. SELF% is self time as a share of the traces' duration.
Without --trace the figures are summed over every trace.`,
    );
}

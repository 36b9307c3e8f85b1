import type { Command } from 'commander';
import { dumpCommand, type RunFn } from '../command-kit.js';
import type { Io } from '../io.js';
import { DEFAULT_MAX_TRACES, parseCount } from '../common-options.js';
import { parseGroupKeys } from '../../query/group-keys.js';
import { BY_HELP } from '../by-help.js';

export function defineCriticalPath(program: Command, io: Io): void {
  dumpCommand(program, io, 'critical-path', 'what the root waited for: one trace\'s critical path, or where critical time goes over a dump', () => import('./critical-path.js') as Promise<{ run: RunFn }>)
    .option('--trace <id>', 'show this trace\'s path: a full id or a unique prefix (default: the only trace; over a dump of many, aggregate)')
    .option('--max-traces <n>', `table inputs: aggregate at most n traces, a sample (default ${DEFAULT_MAX_TRACES})`, parseCount('--max-traces'))
    .option('--top <n>', 'show only the n operations with the most critical time', parseCount('--top'))
    .option('--by <keys>', `${BY_HELP}; aggregates over the dump by the keys of the spans on each path`, parseGroupKeys)
    .option('--by-root', 'aggregate separately per root service and operation (endpoint)')
    .addHelpText(
      'after',
      `
The critical path is Jaeger UI's: walking back from the root's end, a span
owns the time after its last child to finish, down to where the walk is; then
the walk descends into that child, and returns to the parent at the child's
start. FOLLOWS_FROM children and CONSUMER children of PRODUCER spans do not
block; children are clipped to their parent. Only the trace's main root is
walked: other roots (orphans) are not on its path.

One trace (--trace, or an input with one trace): the sections in time order and
the time on the path per service and per operation. Many traces: per service
and operation, the total time on critical paths, its share, how many traces it
is on, and nearest-rank p50/p90/p99 of its per-trace time (over those traces).`,
    );
}

import type { Command } from 'commander';
import { dumpCommand, type RunFn } from '../command-kit.js';
import type { Io } from '../io.js';

export function defineErrors(program: Command, io: Io): void {
  dumpCommand(program, io, 'errors', 'where failures start: error chains per trace, grouped by signature', () => import('./errors.js') as Promise<{ run: RunFn }>)
    .option('--trace <id>', 'only this trace (full id or a unique prefix)')
    .option('--fail-on-error', 'exit with code 1 when any error chain is found (for CI)')
    .option('--unweighted', 'sampled input: count each trace once instead of by its adjusted count')
    .addHelpText(
      'after',
      `
An error origin is a failed span with no failed span below it; its chain is the
path from the root down to it. A failed span whose ancestors all succeeded was
absorbed (a retry, a fallback): it is listed as "recovered", not as a chain, and
does not trip --fail-on-error.
`,
    );
}

import { Command } from 'commander';
import { UsageError } from '../../errors.js';
import type { Io } from '../io.js';
import { addCommonOptions } from '../common-options.js';

/**
 * `diff BASE HEAD` reads exactly two inputs (or one, with two --trace), so it declares its own
 * arguments instead of dumpCommand's `[paths...]`.
 */
export function defineDiff(program: Command, io: Io): void {
  const cmd = program
    .command('diff')
    .description('compare two dumps (per operation, with significance) or two traces (span by span)')
    .argument('<base>', 'the dump before the change ("-" for standard input)')
    .argument('[head]', 'the dump after the change (leave out to compare two --trace of BASE)');
  addCommonOptions(cmd)
    .option('--trace <id>', 'compare two traces: give it twice (from BASE, or one from each input), or once to take the same id from both', collect)
    .option('--threshold <percent>', 'hide changes smaller than this, e.g. 10% (latency relative, error rate and critical-path share in points)', parseThreshold)
    .option('--alpha <p>', 'significance level, after Holm\'s correction over all operations (default 0.01)', parseAlpha)
    .option('--fail-on-regression', 'exit with code 1 when an operation shown is significantly slower or fails significantly more often (for CI)')
    .option('--all-spans', 'count every span per operation, not only entry spans')
    .option('--all', 'list the operations that did not change too (left out of the text by default; --json has them)')
    .option('--html <file>', 'also write the result as a self-contained HTML page (as tracectl report writes)')
    .addHelpText(
      'after',
      `
Two dumps: per service and operation (entry spans, as tracectl latency counts),
count, error rate and nearest-rank p50/p90/p99 in BASE and HEAD. A latency
change is tested with the Mann-Whitney U test over every duration (exact for
small samples without ties, else the normal approximation with tie correction
and a continuity correction); an error-rate change with the two-proportion
z-test. "Significant" means a p-value below --alpha after Holm's correction over
every test of the diff, so many operations do not raise false alarms. Rows are
ordered significant first, then by impact: the largest relative change among
p50/p90/p99, or the error-rate change in points, whichever is larger. Also:
operations that appeared or disappeared, and critical-path share changes.
With --where, only matching spans count, and only traces with one.

Two traces (--trace A --trace B): spans are matched by their path of
service:operation names from the root, with the occurrence among same-named
siblings (#2 is the second); then slower, faster, added and removed spans (a
missing subtree is listed once), spans that start failing or recover, and the
critical path per operation.

Exit codes: 0 done, 1 --fail-on-regression and a regression found, 2 usage or
input error.
`,
    )
    .action(async (...args: unknown[]) => {
      const self = args[args.length - 1] as Command;
      const paths = [args[0], args[1]].filter((p): p is string => typeof p === 'string');
      const { run } = (await import('./diff.js')) as { run: (paths: string[], options: never, io: Io) => Promise<void> };
      await run(paths, self.opts() as never, io);
    });
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** "10%" or "10" → 0.1. */
function parseThreshold(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(value);
  if (m === null) throw new UsageError(`--threshold must be a percentage such as 10%, got '${value}'`);
  return Number(`${m[1]}e-2`);
}

function parseAlpha(value: string): number {
  const n = Number(value);
  if (!/^\s*\d*\.?\d+(e-?\d+)?\s*$/i.test(value) || !(n > 0 && n < 1)) throw new UsageError(`--alpha must be a number above 0 and below 1 (e.g. 0.01), got '${value}'`);
  return n;
}

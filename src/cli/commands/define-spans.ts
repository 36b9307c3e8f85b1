import { Option, type Command } from 'commander';
import { DEFAULT_SPAN_LIMIT, SPAN_SORT_KEYS } from '../../analyses/span-list-choices.js';
import { UsageError } from '../../errors.js';
import { dumpCommand, type RunFn } from '../command-kit.js';
import { DEFAULT_MAX_TRACES, parseCount } from '../common-options.js';
import type { Io } from '../io.js';

export function defineSpans(program: Command, io: Io): void {
  dumpCommand(program, io, 'spans', 'list the spans, across traces, that match --where (TraceQL\'s span sets)', () => import('./spans.js') as Promise<{ run: RunFn }>)
    .addOption(new Option('--sort <key>', 'order of the list: duration (longest first), start (earliest first); a leading - reverses').choices(SPAN_SORT_KEYS).default('duration'))
    .option('--limit <n>', `show at most n spans (default ${DEFAULT_SPAN_LIMIT}; 0: all)`, parseLimit)
    .option('--attrs <keys>', 'attributes shown as columns, comma-separated (attr.KEY, resource.KEY, or KEY: the span\'s, else the resource\'s)', parseKeys)
    .option('--max-traces <n>', `table inputs: at most n traces, a sample (default ${DEFAULT_MAX_TRACES})`, parseCount('--max-traces'))
    .addHelpText(
      'after',
      `
One row per span whose --where expression is true (without --where: every
span). An expression about the span itself (service, name, duration, kind,
status, attributes) is answered as the input is read, keeping only the spans
shown: any size of dump takes the memory of --limit spans. One that looks at
the tree (parent.*, root, depth, trace.*, has ...) builds every trace first.
Times are as each span recorded them (no clock-skew correction).`,
    );
}

function parseLimit(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0) throw new UsageError(`--limit must be a whole number (0 shows every span), got '${value}'`);
  return n;
}

function parseKeys(value: string): string[] {
  const keys = value
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
  if (keys.length === 0) throw new UsageError(`--attrs needs at least one attribute key, such as http.route or resource.k8s.pod.name`);
  return keys;
}

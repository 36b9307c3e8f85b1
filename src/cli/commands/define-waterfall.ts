import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { parseDurationString } from '../../model/time.js';
import { dumpCommand, type RunFn } from '../command-kit.js';
import type { Io } from '../io.js';

export function defineWaterfall(program: Command, io: Io): void {
  dumpCommand(program, io, 'waterfall', 'show one trace as a timeline: one row per span, in tree order', () => import('./waterfall.js') as Promise<{ run: RunFn }>)
    .option('--trace <id>', 'the trace to show: a full id or a unique prefix (default: the only trace, else the longest)')
    .option('--depth <n>', 'hide spans deeper than n (roots are depth 0)', parseDepth)
    .option('--min-duration <duration>', 'hide spans shorter than this (e.g. 500us, 5ms, 1.5s), keeping ancestors of longer ones', parseMinDuration)
    .option('--service <name>', 'keep spans of this service, with their ancestors')
    .option('--errors-only', 'keep error spans, with their ancestors')
    .option('--critical-only', 'keep critical-path spans, with their ancestors')
    .option('--collapse', 'fold runs of sibling spans with the same service and operation into one row')
    .option('--attrs <keys>', 'show these attributes on each row (comma-separated keys)', parseKeys);
}

function parseDepth(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0) throw new UsageError(`--depth must be a whole number of at least 0, got '${value}'`);
  return n;
}

/** "5ms" → 5000000 (ns). Units: ns, us, µs, ms, s, m, h; "0" alone is allowed. */
function parseMinDuration(value: string): number {
  if (value.trim() === '0') return 0;
  const ns = parseDurationString(value);
  if (ns === undefined || ns < 0) throw new UsageError(`--min-duration must be a duration with a unit (ns, us, µs, ms, s, m), e.g. 5ms or 1.5s, got '${value}'`);
  return ns;
}

function parseKeys(value: string): string[] {
  const keys = value.split(',').map((k) => k.trim()).filter((k) => k !== '');
  if (keys.length === 0) throw new UsageError(`--attrs needs at least one attribute key, e.g. --attrs http.method,http.status_code`);
  return keys;
}

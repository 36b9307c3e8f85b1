import type { Command } from 'commander';
import { LATENCY_SORT_KEYS } from '../../analyses/choices.js';
import { BY_HELP } from '../by-help.js';
import { parseGroupKeys } from '../../query/group-keys.js';
import { UsageError } from '../../errors.js';
import { dumpCommand, type RunFn } from '../command-kit.js';
import type { Io } from '../io.js';

export function defineLatency(program: Command, io: Io): void {
  dumpCommand(program, io, 'latency', 'latency percentiles, error rate and request rate per service or operation', () => import('./latency.js') as Promise<{ run: RunFn }>)
    .option('--by <keys>', BY_HELP, parseGroupKeys)
    .option('--percentiles <list>', 'percentiles to show, comma-separated (default: 50,90,95,99)', parsePercentiles)
    .option('--all-spans', 'count every span, not only entry spans')
    .option('--sort <key>', `order of the rows: p<N> (one of the percentiles; default p99), ${LATENCY_SORT_KEYS.join(', ')}`)
    .option('--histogram', "show each row's latency distribution as a small histogram (1-2-5 log buckets)")
    .option('--unweighted', 'sampled input: count each span once instead of by its adjusted count')
    .addHelpText(
      'after',
      `
Which spans count: by default each service's entry spans — SERVER and CONSUMER
spans, roots, and spans whose parent belongs to another service — so the numbers
are what a caller of the service experienced. --all-spans counts every span.
Spans without a duration are left out.

Percentiles are exact: the nearest-rank value over every duration (no sampling,
no interpolation), so "p99 120ms" means a real request took 120ms. RATE is the
row's count over the dump's time range (earliest start to latest end of any
trace); --sort rate orders like --sort count.

Sampled input (spans with an OpenTelemetry ot=th: tracestate, or a Jaeger root
tagged sampler.type=probabilistic): each span counts as its adjusted count,
1 / probability, in counts, rates, means and percentiles, and a note says so
and whether the percentiles come from a uniform sample (unbiased) or a
tail-sampled set (biased). --unweighted counts each span once.
`,
    );
}

/** "50,90,99.9" → [50, 90, 99.9], sorted, without repeats; each in (0, 100]. */
export function parsePercentiles(value: string): number[] {
  const parts = value.split(',').map((p) => p.trim());
  const numbers = parts.map((p) => (/^\d+(\.\d+)?$/.test(p) ? Number(p) : NaN));
  if (parts.length === 0 || numbers.some((n) => !(n > 0 && n <= 100))) {
    throw new UsageError(`--percentiles must be numbers above 0 and at most 100, separated by commas (e.g. 50,90,99.9), got '${value}'`);
  }
  return [...new Set(numbers)].sort((a, b) => a - b);
}

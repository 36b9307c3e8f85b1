import { Option, type Command } from 'commander';
import { WIRE_TARGETS } from '../../formats/encode/contract.js';
import { UsageError } from '../../errors.js';
import { dumpCommand, type RunFn } from '../command-kit.js';
import type { Io } from '../io.js';
import { parsePercentiles } from './define-latency.js';

export function defineSample(program: Command, io: Io): void {
  dumpCommand(
    program,
    io,
    'sample',
    'simulate a sampling policy on a full dump: what it keeps, which errors it loses, how it moves percentiles and rates',
    () => import('./sample.js') as Promise<{ run: RunFn }>,
    false,
  )
    .option('--ratio <R>', 'consistent probability sampling of traces at ratio R (0 to 1), as an OpenTelemetry SDK samples', parseRatio)
    .option('--policy <file>', "the Collector's tail_sampling processor configuration (its block, or a whole Collector config)")
    .option('--processor <id>', 'with --policy: which tail_sampling processor of the config (e.g. tail_sampling/errors)')
    .option('--keep <expr>', 'keep traces with a span matching EXPR (the --where language; repeat for more)', collect)
    .option('-o, --output <path>', 'write the kept traces here ("-" for standard output); replaced only once complete')
    .addOption(new Option('--to <format>', "the output's format (default: the input's)").choices(WIRE_TARGETS))
    .option('--percentiles <list>', 'entry-span latency percentiles in the report (default: 50,99)', parsePercentiles)
    .addHelpText(
      'after',
      `
The report goes to stderr (with --json: one JSON document on stdout): traces
and spans before and after, traces kept per policy, failing traces and error
signatures kept and lost, entry-span latency per service before, after, and
after weighted by adjusted count, and the request rate before, after and
extrapolated.

--ratio keeps a trace when its randomness (the root's ot=rv:, else the trace
id's rightmost 56 bits) is at least the threshold of R, and writes th: into
the kept spans' tracestate. --policy evaluates the tail_sampling policies as
the Collector's processor does; a policy type or option tracectl cannot
evaluate is an error. See docs/commands/sample.md.`,
    );
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** A sampling ratio in [0, 1]: a decimal ("0.1", "1e-3") or a power of two ("2^-56"). */
function parseRatio(value: string): number {
  const text = value.trim();
  const power = /^2\^(-?\d+)$/.exec(text);
  const n = power !== null ? 2 ** Number(power[1]) : /^[0-9.eE+-]+$/.test(text) ? Number(text) : NaN;
  if (!(n >= 0 && n <= 1)) throw new UsageError(`--ratio must be a number from 0 to 1 (e.g. 0.1, or 2^-10), got '${value}'`);
  return n;
}

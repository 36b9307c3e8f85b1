import { Option, type Command } from 'commander';
import { dumpCommand, type RunFn } from '../command-kit.js';
import { parseCount } from '../common-options.js';
import type { Io } from '../io.js';

export function defineReport(program: Command, io: Io): void {
  dumpCommand(program, io, 'report', 'write one self-contained HTML page: summary, dependency graph, waterfalls and flame graphs', () => import('./report.js') as Promise<{ run: RunFn }>, true, ['maxTraces'])
    .addOption(new Option('-o, --output <path>', 'the HTML file to write ("-" for standard output); replaced only once complete').makeOptionMandatory())
    .option('--title <text>', 'the page title (default: the input names)')
    .option('--max-traces <n>', 'embed at most n traces whole: the slowest, the failing and a sample (default 200)', parseCount('--max-traces'))
    .option('--redact', "apply `tracectl redact`'s rules to every span before anything is embedded")
    .addHelpText(
      'after',
      `
The page works offline and from file://: its script, styles and data are inside
it (the data gzip-compressed), and it makes no network request. Open a trace
with report.html#trace=<id>, a span with #trace=<id>&span=<spanId>.

The summary counts every trace and span of the input (its figures are those of
tracectl latency, errors, deps and critical-path); only --max-traces traces are
embedded whole, chosen as a third the slowest, a third the failing (those whose
failure reached a root first) and a third a sample of the rest.

--json prints what was written (file, bytes, traces) instead of a line on stderr.`,
    );
}

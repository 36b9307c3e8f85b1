import { Option, type Command } from 'commander';
import { CONVERT_TARGETS } from '../../formats/encode/contract.js';
import { dumpCommand, type RunFn } from '../command-kit.js';
import type { Io } from '../io.js';

export function defineConvert(program: Command, io: Io): void {
  dumpCommand(
    program,
    io,
    'convert',
    'write the input as another trace format (jaeger, zipkin, otlp, otlp-jsonl), as a timeline (chrome, speedscope), or into a ClickHouse table',
    () => import('./convert.js') as Promise<{ run: RunFn }>,
    false,
  )
    .addOption(new Option('--to <format>', 'the output format').choices([...CONVERT_TARGETS, 'clickhouse']).makeOptionMandatory())
    .option('-o, --output <path>', 'the file to write ("-" for standard output; the default when stdout is not a terminal); replaced only once complete')
    .option('--create-table', "--to clickhouse: create the table (the exporter's DDL) when it does not exist")
    .addHelpText(
      'after',
      `
Formats:
  jaeger      Jaeger query-API JSON ({"data":[...]}), one trace per line
  zipkin      Zipkin v2 JSON, a list of traces, one trace per line
  otlp        one OTLP JSON request ({"resourceSpans":[...]})
  otlp-jsonl  OTLP JSON lines, one request per trace (Collector file exporter)
  chrome      Trace Event Format, for ui.perfetto.dev and chrome://tracing
  speedscope  a speedscope file (www.speedscope.app), one profile per trace
  clickhouse  rows of the OpenTelemetry Collector's ClickHouse table, inserted
              in batches: convert DUMP --to clickhouse 'clickhouse://host/db?table=otel_traces'

Without -o the dump goes to standard output when that is a pipe or a file
(tracectl convert x.json --to zipkin | gzip > x.zipkin.json.gz); on a terminal
-o is needed. What the target format cannot carry is listed on stderr after the
conversion.
The output is written to a temporary file and renamed when complete; an input
is never overwritten. A table input (clickhouse://...) is read with --since or
--from, until now.`,
    );
}

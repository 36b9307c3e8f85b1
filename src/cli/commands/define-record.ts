import { Option, type Command } from 'commander';
import { UsageError } from '../../errors.js';
import type { Io } from '../io.js';

/** `tracectl record`: a local OTLP/Zipkin receiver that writes what it gets to a dump. */
export function defineRecord(program: Command, io: Io): void {
  program
    .command('record')
    .description('receive spans from OpenTelemetry / Zipkin exporters and write them as OTLP JSON lines')
    .argument('[command...]', 'a command to run with its exporters pointed here (after --)')
    .option('-o, --output <path>', 'dump to write ("-" for standard output)', 'traces.jsonl')
    .option('--port <port>', 'port to listen on (0 picks a free one)', parsePort, 4318)
    .option('--host <address>', 'address to listen on (anything but loopback exposes the spans)', '127.0.0.1')
    .addOption(new Option('--protocol <protocol>', 'OTLP body encoding asked of the command\'s exporters').choices(['protobuf', 'json']).default('protobuf'))
    .option('--grace <seconds>', 'keep receiving this long after the command exits', parseSeconds('--grace'), 1)
    .option('-q, --quiet', 'no messages on stderr except errors')
    .addHelpText(
      'after',
      `
Without a command it records until Ctrl-C (SIGINT) or SIGTERM. With one, e.g.
  tracectl record -o traces.jsonl -- npm test
it sets OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_PROTOCOL, OTEL_TRACES_EXPORTER (and the
traces-only and Zipkin endpoint variables) for the command, waits for it, writes the dump and
exits with the command's exit code.`,
    )
    .action(async (command: string[], options: Record<string, unknown>) => {
      const { run } = await import('./record.js');
      await run(command, options as never, io);
    });
}

export function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, got '${value}'`);
  return n;
}

function parseSeconds(flag: string): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 600) throw new UsageError(`${flag} must be a number of seconds from 0 to 600, got '${value}'`);
    return n;
  };
}

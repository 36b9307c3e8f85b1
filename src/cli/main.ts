/**
 * The program: commander wiring, and the one place errors become messages and exit codes. Command
 * modules are imported only when their command runs, so `--help` and `--version` start fast.
 */
import { createRequire } from 'node:module';
import { Command } from 'commander';
import { defineCriticalPath } from './commands/define-critical-path.js';
import { defineCheck } from './commands/define-check.js';
import { defineDiff } from './commands/define-diff.js';
import { defineErrors } from './commands/define-errors.js';
import { defineLatency } from './commands/define-latency.js';
import { defineTraces } from './commands/define-traces.js';
import { defineWaterfall } from './commands/define-waterfall.js';
import { defineSpan } from './commands/define-span.js';
import { defineStats } from './commands/define-stats.js';
import { defineRecord } from './commands/define-record.js';
import { defineConvert } from './commands/define-convert.js';
import { defineDeps } from './commands/define-deps.js';
import { defineRedact } from './commands/define-redact.js';
import { processIo, type Io } from './io.js';
import { reportError } from './report-error.js';

const COMMANDS: readonly ((program: Command, io: Io) => void)[] = [
  defineTraces,
  defineErrors,
  defineLatency,
  defineWaterfall,
  defineSpan,
  defineCriticalPath,
  defineStats,
  defineCheck,
  defineDiff,
  defineRecord,
  defineConvert,
  defineDeps,
  defineRedact,
];


function version(): string {
  const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };
  return pkg.version;
}

export function buildProgram(io: Io): Command {
  const program = new Command('tracectl')
    .description('Analyse distributed traces from Jaeger, Zipkin and OpenTelemetry (OTLP) JSON dumps.')
    .version(version(), '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  program.addHelpText(
    'after',
    `
Inputs are files (plain or gzip), or "-" / nothing with a pipe for standard input. The format is
detected from the content: Jaeger JSON, Zipkin v1/v2 JSON, OTLP JSON or JSON lines.

Exit codes: 0 ok, 1 a check you asked for failed, 2 usage or input error.`,
  );

  // One line per command; each definition loads its command's module only when it runs.
  for (const define of COMMANDS) define(program, io);

  return program;
}

export async function main(argv: readonly string[], io: Io): Promise<void> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    io.setExitCode(reportError(err, io));
  }
}

// Ignore EPIPE on stdout (e.g. `tracectl traces big.json | head`): the reader has gone.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

await main(process.argv.slice(2), processIo());

/**
 * The program: commander wiring, and the one place errors become messages and exit codes.
 * Importing this module does nothing; `bin/tracectl.js` calls `main` with the real process, tests
 * call it with their own `Io`. Command modules are imported only when their command runs, so
 * `--help` and `--version` start fast.
 */
import { createRequire } from 'node:module';
import { Command } from 'commander';
import { COMMANDS } from './commands.js';
import type { Io } from './io.js';
import { reportError } from './report-error.js';

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
Inputs are files (plain or gzip), URLs, or "-" / nothing with a pipe for standard input. The format
is detected from the content: Jaeger JSON, Zipkin v1/v2 JSON, OTLP JSON or JSON lines.

Exit codes: 0 ok, 1 a check you asked for failed, 2 usage or input error.`,
  );
  for (const define of COMMANDS) define(program, io);
  return program;
}

/** Runs `tracectl <argv>`: prints through `io` and sets the exit code through `io.setExitCode`. */
export async function main(argv: readonly string[], io: Io): Promise<void> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    io.out(`${version()}\n`);
    return;
  }
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    io.setExitCode(reportError(err, io));
  }
}

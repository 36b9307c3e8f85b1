/**
 * The program: commander wiring, and the one place errors become messages and exit codes. Loaded
 * by main.ts for everything but `--version`; each command's own module loads only when that
 * command runs, so `--help` loads commander and the flag definitions and nothing else.
 */
import { Command } from 'commander';
import { COMMANDS } from './commands.js';
import type { Io } from './io.js';
import { reportError } from './report-error.js';
import { helpWidth } from './top-help.js';
import { version } from './version.js';

export function buildProgram(io: Io): Command {
  const program = new Command('tracectl')
    .description('Analyse distributed traces from Jaeger, Zipkin and OpenTelemetry (OTLP) JSON dumps.')
    .version(version(), '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s),
      writeErr: (s) => io.err(s),
      // The width of the terminal main() was given, not the process's (help wraps as top-help.ts does).
      getOutHelpWidth: () => helpWidth(io),
      getErrHelpWidth: () => helpWidth(io),
    });
  program.addHelpText('after', AFTER_HELP);
  for (const define of COMMANDS) define(program, io);
  return program;
}

/** Below the command list of `tracectl --help` (at most 78 columns: it is not wrapped). */
export const AFTER_HELP = `
Inputs are files (plain or gzip), URLs, or "-" / nothing with a pipe for
standard input. The format is detected from the content: Jaeger JSON, Zipkin
v1/v2 JSON, OTLP JSON or JSON lines. Every command: tracectl <command> --help.

Exit codes: 0 ok, 1 a check you asked for failed, 2 usage or input error.`;

/** Parses `argv` and runs the command; errors become a message and the exit code. */
export async function runProgram(argv: readonly string[], io: Io): Promise<void> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    io.setExitCode(reportError(err, io));
  }
}

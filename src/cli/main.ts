/**
 * The entry point: `main(argv, io)`. Importing this module does nothing; `bin/tracectl.js` calls
 * `main` with the real process, tests call it with their own `Io`. It imports nothing but the
 * version at start-up: `--version` answers at once, `--help` prints the page the build wrote
 * (top-help.ts), and everything else loads the program
 * (program.ts) first, whose commands load their own code only when they run.
 */
import type { Io } from './io.js';
import { version } from './version.js';

/** Runs `tracectl <argv>`: prints through `io` and sets the exit code through `io.setExitCode`. */
export async function main(argv: readonly string[], io: Io): Promise<void> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    io.out(`${version()}\n`);
    return;
  }
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help')) {
    const { printTopHelp } = await import('./top-help.js');
    if (printTopHelp(io)) return;
  }
  const { runProgram } = await import('./program.js');
  await runProgram(argv, io);
}

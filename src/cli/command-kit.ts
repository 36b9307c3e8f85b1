/**
 * How a command plugs into the program: a small definition (its arguments and options, loaded at
 * start-up) and a lazily imported module that does the work, so `--help` and `--version` stay fast.
 */
import type { Command } from 'commander';
import type { Io } from './io.js';
import { addCommonOptions } from './common-options.js';
import { checkTableFlags } from './table-flags.js';

export type RunFn = (paths: string[], options: never, io: Io) => Promise<void>;

/**
 * Adds a command reading `[paths...]` with the common options; `load` imports its module on use.
 * `withTo: false` for a command whose --to is its own (an output format, not a table's time range);
 * `ownFlags`: option keys of table-only flags the command defines with a meaning of its own (report's
 * --max-traces), so they are not refused with dumps.
 */
export function dumpCommand(program: Command, io: Io, name: string, description: string, load: () => Promise<{ run: RunFn }>, withTo = true, ownFlags: readonly string[] = []): Command {
  const cmd = program.command(name).description(description).argument('[paths...]', 'dump files; "-" or none reads standard input');
  addCommonOptions(cmd, withTo);
  cmd.action(async (...args: unknown[]) => {
    const self = args[args.length - 1] as Command;
    const paths = Array.isArray(args[0]) ? (args[0] as string[]) : [];
    checkTableFlags(paths, self.opts(), [...(withTo ? [] : ['to']), ...ownFlags]);
    const { run } = await load();
    await run(paths, self.opts() as never, io);
  });
  return cmd;
}

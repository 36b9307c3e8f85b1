/**
 * The registered commands, read from the program itself (src/cli/program.ts's buildProgram), so a
 * command added tomorrow is fed every hostile input without editing this file. Every command is
 * sorted into "reads dumps" or "does not" explicitly: a command that is neither (a new first
 * argument name, a command that does not read dumps and is not listed) stops the suites with an
 * error instead of silently dropping out of "every command".
 */
import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import type { Command } from 'commander';
import { buildProgram } from '../../../src/cli/program.js';

/** Commands the suites do not feed, with where they are tested instead. */
const NOT_DUMP_READERS: Readonly<Record<string, string>> = {
  record: 'runs a receiver on a port and a child command; tested in test/record/',
  ui: 'reads dumps, but only on a terminal (it refuses a pipe with exit 2, tested in test/cli/ui.test.ts); its screens are tested in test/ui/ and test/tty/ui.test.ts',
};

/** The first argument of a command that reads dumps: `[paths...]` (dumpCommand) or diff's `<base>`. */
const DUMP_ARGUMENTS = ['paths', 'base'];

function program(): Command {
  return buildProgram({
    stdin: Readable.from([]),
    env: {},
    cwd: process.cwd(),
    stdoutIsTTY: false,
    stderrIsTTY: false,
    columns: undefined,
    out: () => undefined,
    err: () => undefined,
    signals: new EventEmitter(),
    setExitCode: () => undefined,
  });
}

function readsDumps(command: Command): boolean {
  const first = command.registeredArguments[0]?.name() ?? '';
  if (command.name() in NOT_DUMP_READERS) return false;
  if (DUMP_ARGUMENTS.includes(first)) return true;
  throw new Error(
    `tracectl ${command.name()}: its first argument is "${first}", not one of ${DUMP_ARGUMENTS.join(', ')}, and it is not listed in NOT_DUMP_READERS (test/hostile/support/commands.ts): say whether it reads dumps`,
  );
}

/** Every registered command, dump readers or not. */
export function allCommandNames(): string[] {
  return program().commands.map((c) => c.name());
}

/** Names of the registered commands that read dumps (`traces`, `waterfall`, ...). */
export function commandNames(): string[] {
  return program()
    .commands.filter(readsDumps)
    .map((c) => c.name());
}

/** Commands that compare two dumps (`diff <base> [head]`): the suites give them the same dump twice. */
export function twoInputCommands(): string[] {
  return program()
    .commands.filter((c) => readsDumps(c) && c.registeredArguments[0]?.name() === 'base')
    .map((c) => c.name());
}

/** The commands that read no dump (see NOT_DUMP_READERS). */
export function notDumpReaders(): string[] {
  return Object.keys(NOT_DUMP_READERS);
}

/** The long option flags a command takes (`--trace`, `--json`, ...); throws for a command that does not exist. */
export function commandFlags(name: string): string[] {
  const command = program().commands.find((c) => c.name() === name);
  if (command === undefined) throw new Error(`no command ${name}`);
  return command.options.map((o) => o.long ?? '');
}

/**
 * The parts of the top-level help page, taken from the program through commander's own Help, for
 * the build to write (scripts/write-top-help.mjs) and top-help.ts to lay out without commander.
 */
import type { Command } from 'commander';
import type { TopHelp } from './top-help.js';

export function topHelpOf(program: Command, after: string): TopHelp {
  const help = program.createHelp();
  return {
    usage: help.commandUsage(program),
    description: help.commandDescription(program),
    sections: [
      { heading: 'Arguments:', items: help.visibleArguments(program).map((a) => [help.argumentTerm(a), help.argumentDescription(a)] as const) },
      { heading: 'Options:', items: help.visibleOptions(program).map((o) => [help.optionTerm(o), help.optionDescription(o)] as const) },
      { heading: 'Commands:', items: help.visibleCommands(program).map((c) => [help.subcommandTerm(c), help.subcommandDescription(c)] as const) },
    ],
    after,
  };
}

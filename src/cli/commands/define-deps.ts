import type { Command } from 'commander';
import { Option } from 'commander';
import { parseGroupKeys } from '../../query/group-keys.js';
import { BY_HELP } from '../by-help.js';
import { dumpCommand, type RunFn } from '../command-kit.js';
import type { Io } from '../io.js';

export function defineDeps(program: Command, io: Io): void {
  dumpCommand(program, io, 'deps', 'show which services call which: calls, errors and latency per caller → callee pair', () =>
    import('./deps.js') as Promise<{ run: RunFn }>,
  )
    .addOption(new Option('--dot', 'print the graph as Graphviz DOT (e.g. | dot -Tsvg > deps.svg)').conflicts(['json', 'mermaid']))
    .addOption(new Option('--mermaid', 'print the graph as a Mermaid flowchart (for Markdown)').conflicts(['json', 'dot']))
    .option('--by <keys>', `${BY_HELP}; splits the edge table by the callee span's keys`, parseGroupKeys)
    .option('--unweighted', 'sampled input: count each span once instead of by its adjusted count');
}

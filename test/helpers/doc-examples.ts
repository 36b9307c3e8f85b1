/**
 * The `console` examples of a doc page: each `$ tracectl …` line with what follows it up to the next
 * command or the block's end, which is what the command prints (stdout, then stderr), run from the
 * repository root with no colour, not on a terminal. Arguments are split as a shell would split
 * these simple lines: on spaces, with single or double quotes around an argument.
 */
import { readFileSync } from 'node:fs';

export interface DocExample {
  readonly command: string;
  readonly args: string[];
  readonly expected: string;
}

export function docExamples(path: string): DocExample[] {
  const text = readFileSync(path, 'utf8');
  const out: DocExample[] = [];
  for (const block of text.matchAll(/```console\n([\s\S]*?)```/g)) {
    let current: { command: string; lines: string[] } | undefined;
    for (const line of block[1]!.split('\n').slice(0, -1)) {
      if (line.startsWith('$ tracectl ')) {
        if (current !== undefined) out.push(example(current));
        current = { command: line, lines: [] };
      } else {
        current?.lines.push(line);
      }
    }
    if (current !== undefined) out.push(example(current));
  }
  return out;
}

function example({ command, lines }: { command: string; lines: string[] }): DocExample {
  return { command, args: split(command.slice('$ tracectl '.length)), expected: lines.map((l) => `${l}\n`).join('') };
}

function split(line: string): string[] {
  const args: string[] = [];
  for (const m of line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)) args.push(m[1] ?? m[2] ?? m[3]!);
  return args;
}

import type { Command } from 'commander';
import { parseCount } from '../common-options.js';
import { dumpCommand, type RunFn } from '../command-kit.js';
import type { Io } from '../io.js';

export function defineWhy(program: Command, io: Io): void {
  dumpCommand(program, io, 'why', 'what is different about the slow or failing spans: every attribute compared against the others', () => import('./why.js') as Promise<{ run: RunFn }>)
    .option('--slow [threshold]', "select the slow spans: pN (default p90 of the spans compared) or '>DURATION' such as '>500ms'")
    .option('--errors', 'select the failed spans (status error)')
    .option('--selection <expr>', 'select the spans matching EXPR (the --where language)')
    .option('--baseline <expr>', 'compare against the spans matching EXPR (default: every other span compared)')
    .option('--top <n>', 'findings shown (default 10)', parseCount('--top'))
    .option('--attrs <keys>', 'compare only these keys, comma-separated (service, operation, attr.KEY, resource.KEY, KEY)', list)
    .option('--ignore <keys>', 'do not compare these keys, comma-separated', list)
    .addHelpText(
      'after',
      `
One of --slow, --errors or --selection chooses the selection; --where first
narrows the spans compared (usually to one operation). Every attribute of the
span, its resource and scope, and its service, operation, kind, status and
duration is compared between the selection and the baseline; numbers are also
compared by thresholds ("attr.size >= 1000000"). Each finding shows both shares
as bars, the counts, and a --where expression that selects its spans.

Score: the lower confidence bound of (share in the selection - share in the
baseline), at a 95% confidence shared by every value compared (Newcombe-Wilson,
Bonferroni). A value seen on a handful of spans cannot score by chance.
`,
    );
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
}

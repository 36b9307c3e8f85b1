import type { Command } from 'commander';
import { dumpCommand, type RunFn } from '../command-kit.js';
import type { Io } from '../io.js';
import { parseGroupKeys } from '../../query/group-keys.js';

export function defineCheck(program: Command, io: Io): void {
  dumpCommand(program, io, 'check', 'latency, error and trace budgets for CI: exit 1 when one fails', () => import('./check.js') as Promise<{ run: RunFn }>)
    .option('--budget <expr>', "a budget such as 'frontend:p99<300ms' (repeat for more)", collect)
    .option('--budgets <file>', 'read budgets from a JSON file (schema: tracectl check --print-schema)')
    .option('--junit <file>', 'also write a JUnit XML report (one test case per budget)')
    .option('--markdown <file>', 'also write a Markdown summary (e.g. for $GITHUB_STEP_SUMMARY)')
    .option('--html <file>', 'also write the results as a self-contained HTML page (as tracectl report writes)')
    .option('--all-spans', 'measure services and operations by every span, not only entry spans')
    .option('--by <keys>', 'decide service and operation budgets per group of these keys too (kind, status, attr.KEY, resource.KEY): a budget holds when it holds in every group', parseGroupKeys)
    .option('--unweighted', 'sampled input: count each span once instead of by its adjusted count')
    .option('--print-schema', "print the budgets file's JSON Schema and exit")
    .addHelpText(
      'after',
      `
Budgets are TARGET:METRIC OP LIMIT:
  frontend:p99<300ms          a service (its entry spans, as tracectl latency)
  payments/Charge:p95<=120ms  one operation of a service
  *:error-rate<1%             every service ('*' matches any run of characters)
  */*:p99<1s                  every operation of every service
  checkout:count>=100         at least 100 requests
  trace:duration<2s           every trace (also trace:spans, trace:depth)
Metrics: pN (any percentile, nearest rank), mean, max (durations: ns, us, ms,
s, m, h), count, errors, error-rate (1% or 0.01), rate (per second: 10, 10/s,
600/min). Trace depth counts levels: a trace of one span has depth 1. Quote a
name to take it literally: '"trace":p99<1s' is a service called trace.

A glob budget holds when it holds for everything it matches; the worst value is
shown. With --by, a service or operation budget is decided in each group of the
keys (--by attr.http.route: per route) and holds when it holds in every one. A budget whose target matches nothing fails. With --where, services and
operations count only matching spans, and trace budgets check only traces with
a matching span.

Exit codes: 0 every budget holds, 1 a budget failed, 2 a bad budget or input.
With GITHUB_ACTIONS=true, failed budgets are also printed as ::error
annotations (a ::notice when all hold).
`,
    );
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

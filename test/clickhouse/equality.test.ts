/**
 * What ClickHouse computes equals what tracectl computes from the dump, on every fixture and every
 * real dump: each is loaded with `convert --to clickhouse`, then latency (two groupings, odd
 * percentiles), deps, traces, errors and check are run on the table and on the dump, and the JSON
 * documents compared whole.
 *
 * The dump side runs with --no-adjust: a table's times are as stored (no clock-skew correction).
 * Where the table cannot hold what the dump says, the comparison is with the spans the table does
 * hold (read back with `convert TABLE --to otlp`), and the list of such dumps is itself checked:
 * spans without a timestamp (not written), without a duration (written as 0 ns), outside the years
 * DateTime64 holds. Two documented differences are named per dump below: parent cycles (not cut
 * in SQL, as in the streaming latency path) and roots that start at the same nanosecond (a table
 * takes the lowest span id, a dump the first read).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { fixtureDumps, jsonOf, loadTable, realDumps, REAL_TRACES, useChdbServer, WHOLE_RANGE, type LoadedTable } from './support/tables.js';

const server = useChdbServer();
const scratch = mkdtempSync(join(tmpdir(), 'tracectl-ch-'));

const BUDGETS = ['--budget', 'trace:depth<4', '--budget', 'trace:duration<50ms', '--budget', '*:p90<10ms', '--budget', 'trace:spans<4', '--budget', '*/*:error-rate<1%', '--budget', '*:count>=1'];
const COMMANDS: readonly (readonly string[])[] = [
  ['latency', '--percentiles', '50,90,99.9', '--histogram'],
  ['latency', '--by', 'operation', '--all-spans'],
  ['deps'],
  ['traces', '--sort', 'duration'],
  ['errors'],
  ['check', ...BUDGETS],
];

/** Dumps the table cannot hold whole, and why (convert's loss codes). */
const LOSSY: Readonly<Record<string, readonly string[]>> = {
  'fixtures/convert/rich.jaeger.json': ['no-duration'],
  'fixtures/convert/rich.otlp.json': ['no-duration'],
  'fixtures/convert/rich.zipkin.json': ['no-duration'],
  'fixtures/hostile/timestamp-units.jaeger.json': ['out-of-range'],
  'fixtures/hostile/zero-start.otlp.json': ['no-timestamp'],
  'fixtures/jaeger/timing-quirks.json': ['no-duration', 'no-timestamp'],
  'fixtures/otlp/timing-quirks.json': ['no-duration', 'no-timestamp'],
  'fixtures/waterfall/quirks.json': ['no-timestamp'],
  'fixtures/zipkin/v1-no-span-timestamp.json': ['no-duration'],
  'fixtures/zipkin/v2-missing-duration.json': ['no-duration'],
  'fixtures/zipkin/v2-no-time.json': ['no-timestamp'],
};
const TIMING_LOSSES = new Set(['no-timestamp', 'no-duration', 'out-of-range']);

/** A parent cycle: latency as the streaming path counts it (cycles not cut); check builds trees, which cut it. */
const PARENT_CYCLES = new Set(['fixtures/hostile/parent-cycle.zipkin.json']);
/** Traces whose earliest roots start together: the root shown may differ. */
const TIED_ROOTS = new Set(['fixtures/otlp/no-service-name.json', 'fixtures/otlp/deprecated-status-code.json']);

async function compare(name: string, dump: string, t: LoadedTable): Promise<void> {
  const losses = t.convert.losses.map((l) => l.code).filter((c) => TIMING_LOSSES.has(c));
  expect(losses.sort(), `${name}: what the table cannot hold`).toEqual([...(LOSSY[name] ?? [])].sort());
  let reference = dump;
  if (losses.length > 0) {
    reference = join(scratch, `${t.table}.otlp.json`);
    const back = await runCli(['convert', t.url, '--from', '1900-01-01', '--to', 'otlp', '-o', reference, '-q']);
    expect(back.status, back.stderr).toBe(0);
  }
  for (const command of COMMANDS) {
    if (PARENT_CYCLES.has(name) && command[0] === 'check') continue;
    const env = PARENT_CYCLES.has(name) && command[0] === 'latency' ? { TRACECTL_EXACT_SPANS: '0' } : {};
    const local = normalize(command[0]!, jsonOf(await runCli([...command, reference, '--json', '--no-adjust'], { env })), name);
    const table = normalize(command[0]!, jsonOf(await runCli([...command, t.url, ...WHOLE_RANGE, '--json'])), name);
    expect(table, `${name}: ${command.join(' ')}`).toEqual(local);
  }
}

/**
 * What may differ by design: errors lists the chains of example traces only on a table (its groups
 * name at most five example ids, by trace start on a table, by reading order in a dump); check's
 * worst subject and violations among equal values come in another order.
 */
function normalize(command: string, doc: Record<string, unknown>, name: string): Record<string, unknown> {
  if (command === 'errors') {
    delete doc.traces;
    for (const group of doc.groups as { count: number; traceIds: string[] }[]) {
      // Every example is a trace of the group; all of them when it has at most five.
      group.traceIds = group.count <= 5 ? [...group.traceIds].sort() : [`${group.traceIds.length} examples`];
    }
  }
  if (command === 'check') {
    for (const r of doc.results as { worst: unknown; violations: { actual: number; traceId?: string; service?: string; operation?: string | null }[] }[]) {
      delete r.worst;
      r.violations.sort((a, b) => a.actual - b.actual || String(a.traceId ?? a.service).localeCompare(String(b.traceId ?? b.service)));
    }
  }
  if (command === 'traces' && TIED_ROOTS.has(name)) {
    for (const row of doc.traces as Record<string, unknown>[]) {
      delete row.rootService;
      delete row.rootOperation;
    }
  }
  return doc;
}

describe('pushed-down analyses equal the same commands on the dump', () => {
  it.each(fixtureDumps())('%s', async (dump) => {
    await compare(dump, dump, await loadTable(server(), dump));
  });
});

describe('on the real dumps', () => {
  it.each(realDumps().map((p) => relative(ROOT, p)))('%s', async (dump) => {
    await compare(relative(REAL_TRACES, join(ROOT, dump)), dump, await loadTable(server(), dump));
  });
});

/**
 * What ClickHouse computes equals what tracectl computes from the dump, on every fixture and every
 * real dump: each is loaded with `convert --to clickhouse`, then latency (three groupings, odd
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
  ['latency', '--by', 'kind,status,attr.http.route,resource.k8s.pod.name', '--all-spans'],
  ['deps'],
  ['traces', '--sort', 'duration'],
  ['errors'],
  ['check', ...BUDGETS],
];

/** Dumps the table cannot hold whole, and why (convert's loss codes). */
const LOSSY: Readonly<Record<string, readonly string[]>> = {
  'fixtures/convert/rich.otlp.json': ['no-duration'],
  'fixtures/hostile/durations.zipkin.json': ['no-duration'],
  'fixtures/hostile/timestamp-units.jaeger.json': ['out-of-range'],
  'fixtures/hostile/zero-start.otlp.json': ['no-timestamp'],
  'fixtures/jaeger/timing-quirks.json': ['no-duration', 'no-timestamp'],
  'fixtures/otlp/timing-quirks.json': ['no-duration', 'no-timestamp'],
  'fixtures/trees/finagle-pieces.json': ['no-duration', 'no-timestamp'],
  'fixtures/trees/jaeger-zero-start.json': ['no-timestamp'],
  'fixtures/trees/untimed-root-skew.json': ['no-timestamp'],
  'fixtures/waterfall/quirks.json': ['no-timestamp'],
  'fixtures/zipkin/v1-no-span-timestamp.json': ['no-duration'],
  'fixtures/zipkin/v2-missing-duration.json': ['no-duration'],
  'fixtures/zipkin/v2-no-time.json': ['no-timestamp'],
  'fixtures/zipkin/v2-suspect-timestamps.json': ['no-duration'],
  'otlp/jaeger__apiv3_GetTrace.json': ['no-timestamp'],
  'zipkin-v2/zipkin__malformed.json': ['no-duration'],
  'zipkin-v2/zipkin__netflix.json': ['no-duration'],
  'zipkin-v2/zipkin__smartthings-mobile-web-install.json': ['no-duration', 'no-timestamp'],
  'zipkin-v2/zipkin__smartthings-oauth-authorization.json': ['no-duration'],
};
/** Commands that weigh sampled spans by their adjusted count unless --unweighted. */
const WEIGHTED_COMMANDS = new Set(['latency', 'deps', 'errors', 'check']);
const TIMING_LOSSES = new Set(['no-timestamp', 'no-duration', 'out-of-range']);

/** A parent cycle: latency as the streaming path counts it (cycles not cut); check builds trees, which cut it. */
const PARENT_CYCLES = new Set(['fixtures/hostile/parent-cycle.zipkin.json']);
/**
 * Zipkin spans recorded in pieces (one id in several records: 4 records of one span and 2 of
 * another here) are read as one span each, but written as a row per record: SQL cannot merge them
 * as a dump's reader does. The table holds the same trace with a span per record.
 */
const PIECES: Readonly<Record<string, { readonly read: number; readonly rows: number }>> = {
  'zipkin-v2/zipkin__netflix.json': { read: 6, rows: 8 },
};
/** 64-bit and 128-bit trace ids of one trace, joined when a dump is read (model/join-trace-ids.ts), not in a table. */
const JOINED_TRACE_IDS = new Set(['fixtures/trees/mixed-trace-ids.json']);
/** Traces whose earliest roots start together: the root shown may differ. */
const TIED_ROOTS = new Set(['fixtures/otlp/no-service-name.json', 'fixtures/otlp/deprecated-status-code.json', 'jaeger/jaeger__ui_01.json', 'otlp/tempo__vulture_trace.json']);

async function compare(name: string, dump: string, t: LoadedTable): Promise<void> {
  const losses = t.convert.losses.map((l) => l.code).filter((c) => TIMING_LOSSES.has(c));
  expect(losses.sort(), `${name}: what the table cannot hold`).toEqual([...(LOSSY[name] ?? [])].sort());
  const pieces = PIECES[name];
  if (pieces !== undefined) {
    type Rows = { traces: { traceId: string; spans: number }[] };
    const local = jsonOf(await runCli(['traces', dump, '--json', '--no-adjust'])) as Rows;
    const table = jsonOf(await runCli(['traces', t.url, ...WHOLE_RANGE, '--json'])) as Rows;
    expect(local.traces.map((r) => [r.traceId, r.spans]), name).toEqual([[table.traces[0]?.traceId, pieces.read]]);
    expect(table.traces.map((r) => [r.traceId, r.spans]), name).toEqual([[local.traces[0]?.traceId, pieces.rows]]);
    return;
  }
  if (JOINED_TRACE_IDS.has(name)) {
    // A dump's reader joins a 64-bit Zipkin trace id to the 128-bit trace with the same low half;
    // the table keeps each span's trace id as stored, so it holds one more trace.
    const local = jsonOf(await runCli(['traces', dump, '--json', '--no-adjust'])) as { traces: unknown[] };
    const table = jsonOf(await runCli(['traces', t.url, ...WHOLE_RANGE, '--json'])) as { traces: unknown[] };
    expect(table.traces.length, name).toBe(local.traces.length + 1);
    return;
  }
  if (t.convert.spans === 0) {
    // No span of the dump has a time the table can hold (a start of 0 is no time): the table is
    // empty, and reading its spans back says so.
    const empty = await runCli(['convert', t.url, ...WHOLE_RANGE.slice(0, 2), '--to', 'otlp', '-o', join(scratch, `${t.table}.otlp.json`)]);
    expect([empty.status, empty.stderr], name).toEqual([2, 'tracectl: the range holds no spans\n']);
    return;
  }
  let reference = dump;
  if (losses.length > 0) {
    reference = join(scratch, `${t.table}.otlp.json`);
    const back = await runCli(['convert', t.url, '--from', '1900-01-01', '--to', 'otlp', '-o', reference, '-q']);
    expect(back.status, back.stderr).toBe(0);
  }
  for (const command of COMMANDS) {
    if (PARENT_CYCLES.has(name) && command[0] === 'check') continue;
    const env = PARENT_CYCLES.has(name) && command[0] === 'latency' ? { TRACECTL_EXACT_SPANS: '0' } : {};
    // A table's spans count once each (its queries read no sampling probability): the dump is read
    // unweighted too, and the sampling summary, which only the dump can fill, is left out.
    const unweighted = WEIGHTED_COMMANDS.has(command[0]!) ? ['--unweighted'] : [];
    const local = normalize(command[0]!, jsonOf(await runCli([...command, reference, '--json', '--no-adjust', ...unweighted], { env })), name);
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
  delete doc.sampling;
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

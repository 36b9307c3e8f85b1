/**
 * Table inputs (clickhouse://) without a server: what is refused before anything is sent, and
 * --explain, which prints the statements and sends none (the address's port is closed: a statement
 * sent would fail the run). Runs against the engine are in test/clickhouse (npm run test:clickhouse).
 */
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/cli.js';

const TABLE = 'clickhouse://reader:hunter2@127.0.0.1:1/otel?table=otel_traces';
const RANGE = ['--from', '2024-05-01T10:00:00Z', '--to', '2024-05-01T11:00:00Z'];

describe('table inputs', () => {
  it('need a time range, given one way', async () => {
    const none = await runCli(['latency', TABLE]);
    expect(none).toMatchObject({ status: 2, stdout: '' });
    expect(none.stderr).toBe('tracectl: a table input needs a time range, so that ClickHouse reads only its partitions: --since 1h, or --from TIME [--to TIME]\n');
    expect((await runCli(['latency', TABLE, '--to', '1h'])).stderr).toContain('(--to alone is not enough)');
    expect((await runCli(['latency', TABLE, '--since', '1h', '--from', '2h'])).stderr).toBe('tracectl: give --since, or --from (and --to), not both\n');
    expect((await runCli(['latency', TABLE, '--from', '2024-05-01T11:00:00Z', '--to', '2024-05-01T10:00:00Z'])).stderr).toBe(
      'tracectl: the time range is empty: --from 2024-05-01T11:00:00.000000Z is not before --to 2024-05-01T10:00:00.000000Z\n',
    );
    expect((await runCli(['latency', TABLE, '--since', 'soon'])).stderr).toBe("tracectl: --since must be a duration such as 90m, 1h or 7d, got 'soon'\n");
  });

  it('are the only inputs the table flags go with', async () => {
    const result = await runCli(['latency', fixture('latency/ten-requests.json'), '--since', '1h']);
    expect(result).toMatchObject({ status: 2, stdout: '' });
    expect(result.stderr).toBe('tracectl: --since applies to table inputs (clickhouse://host/db?table=otel_traces); a dump is read whole\n');
    expect((await runCli(['stats', fixture('latency/ten-requests.json'), '--max-traces', '5'])).stderr).toContain('--max-traces applies to table inputs');
    expect((await runCli(['latency', TABLE, fixture('latency/ten-requests.json'), ...RANGE])).stderr).toBe('tracectl: a table input (clickhouse://…) cannot be read together with dumps\n');
  });

  it('--explain prints the statements with their parameters, sends nothing, and shows no credentials', async () => {
    const result = await runCli(['latency', TABLE, ...RANGE, '--where', 'service = "checkout" and attr.region = "eu\'--"', '--explain']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).not.toContain('hunter2');
    expect(result.stdout).not.toContain('reader');
    expect(result.stdout.split('\n').slice(0, 7)).toEqual([
      '-- clickhouse://127.0.0.1:1/otel?table=otel_traces',
      '',
      "-- 1. check the table's columns (the exporter's schema) and look for its trace time-range table",
      '-- parameters:',
      "--   db = 'otel'",
      "--   table = 'otel_traces'",
      "--   ts = 'otel_traces_trace_id_ts'",
    ]);
    expect(result.stdout).toContain('-- 2. latency per service over entry spans (aggregated in ClickHouse: one row per group)');
    expect(result.stdout).toContain('--   from = 1714557600000000000 (2024-05-01T10:00:00.000000Z)');
    expect(result.stdout).toContain("--   p0 = 'checkout'");
    expect(result.stdout).toContain("--   p2 = 'eu\\'--'");
    // The values are parameters: the SQL itself holds none of them.
    const sql = result.stdout.split('\n').filter((l) => !l.startsWith('--')).join('\n');
    expect(sql).not.toMatch(/checkout|eu'|otel_traces|1714557600/);
    expect(sql).toContain('WHERE Timestamp >= fromUnixTimestamp64Nano({from:Int64}) AND Timestamp < fromUnixTimestamp64Nano({to:Int64})');
    expect(result.stdout).toContain('-- 3. the time the spans of the range cover (for the rate)');
  });

  it('--explain --json is one document of statements', async () => {
    const result = await runCli(['deps', TABLE, ...RANGE, '--explain', '--json']);
    expect(result.status).toBe(0);
    const doc = JSON.parse(result.stdout) as { table: string; statements: { purpose: string; sql: string; params: Record<string, unknown> }[] };
    expect(doc.table).toBe('clickhouse://127.0.0.1:1/otel?table=otel_traces');
    expect(doc.statements.map((s) => s.purpose)).toEqual([
      "check the table's columns (the exporter's schema) and look for its trace time-range table",
      'services and caller → callee edges (aggregated in ClickHouse: one row per service and per edge)',
      'how many traces have a span in the range',
    ]);
    expect(doc.statements[1]!.params).toMatchObject({ db: 'otel', table: 'otel_traces', from: '1714557600000000000', to: '1714561200000000000' });
  });

  it('refuses a --where part ClickHouse cannot compute in a command it runs there, before connecting', async () => {
    const result = await runCli(['latency', TABLE, ...RANGE, '--where', 'error and has parent (service = "api")']);
    expect(result).toMatchObject({ status: 2, stdout: '' });
    expect(result.stderr).toBe(
      "tracectl: --where: 'has parent (service = \"api\")' cannot be computed in ClickHouse (it needs the span tree); the commands that fetch traces and analyse them here (waterfall, span, critical-path, stats, diff --trace) take it\n",
    );
  });

  it('a command that fetches traces shows how it finds them and fetches them', async () => {
    const result = await runCli(['waterfall', TABLE, ...RANGE, '--trace', '4bf92f35', '--explain']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("-- 2. the traces whose id is or starts with '4bf92f35'");
    expect(result.stdout).toContain("-- 3. the traces' spans within the range, or with the table's trace time-range table each trace whole (the ids come from the statement above)");
    expect((await runCli(['waterfall', TABLE, ...RANGE, '--trace', 'xyz'])).stderr).toBe("tracectl: --trace 'xyz' is not a trace id: expected hex digits\n");
  });

  it('a connection that fails is one line naming the table, exit code 2', async () => {
    const result = await runCli(['latency', TABLE, ...RANGE]);
    expect(result).toMatchObject({ status: 2, stdout: '' });
    expect(result.stderr).toBe(
      'tracectl: clickhouse://127.0.0.1:1/otel?table=otel_traces: cannot connect: connection refused (is ClickHouse listening on that port? the HTTP interface is 8123, HTTPS 8443)\n',
    );
  });
});

describe('convert --to clickhouse', () => {
  it('needs the table to write into, and --create-table only goes with it', async () => {
    expect((await runCli(['convert', fixture('latency/ten-requests.json'), '--to', 'clickhouse'])).stderr).toBe(
      "tracectl: --to clickhouse needs the table to write into: convert DUMP... --to clickhouse 'clickhouse://host/db?table=otel_traces'\n",
    );
    expect((await runCli(['convert', fixture('latency/ten-requests.json'), '--to', 'otlp', '-o', '-', '--create-table'])).stderr).toBe('tracectl: --create-table goes with --to clickhouse\n');
  });

  it('--explain shows the exporter DDL and the insert', async () => {
    const result = await runCli(['convert', fixture('latency/ten-requests.json'), '--to', 'clickhouse', TABLE, '--create-table', '--explain']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('-- 1. create the spans table (the exporter DDL)');
    expect(result.stdout).toContain('CREATE TABLE IF NOT EXISTS {db:Identifier}.{table:Identifier} (');
    expect(result.stdout).toContain("-- 3. create the materialized view that fills it");
    expect(result.stdout).toContain("INSERT INTO {db:Identifier}.{table:Identifier} SETTINGS session_timezone = 'UTC' FORMAT JSONEachRow;");
  });
});

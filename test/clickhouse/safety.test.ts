/**
 * Safety against the real engine: hostile names and expressions are values, never SQL; reads are
 * read-only and bounded in time; credentials reach the server and nothing else; errors are one line
 * with ClickHouse's code; a table of another shape is named as such.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { freshTable, jsonOf, loadTable, tableUrl, useChdbServer, WHOLE_RANGE } from './support/tables.js';

const server = useChdbServer({ users: { default: '', reader: "pa'ss\\word" } });
const dir = mkdtempSync(join(tmpdir(), 'tracectl-ch-safety-'));

const HOSTILE_SERVICE = "x'); DROP TABLE otel_traces; --";
const HOSTILE_KEY = "k'e\\y{p0:String}`";
const OTHER_SERVICE = '{db:Identifier}\t"ü\\';

/** An OTLP dump whose names and attribute keys are made to break SQL built by splicing strings. */
function hostileDump(): string {
  const span = (id: string, parent: string | undefined, name: string, kind: number, error: boolean, attrs: Record<string, string>) => ({
    traceId: '5b8efff798038103d269b633813fc60c',
    spanId: id,
    ...(parent !== undefined ? { parentSpanId: parent } : {}),
    name,
    kind,
    startTimeUnixNano: `${1_700_000_000_000_000_000n + BigInt(parseInt(id.slice(-2), 16)) * 1_000_000n}`,
    endTimeUnixNano: `${1_700_000_000_000_000_000n + BigInt(parseInt(id.slice(-2), 16)) * 1_000_000n + 5_000_000n}`,
    attributes: Object.entries(attrs).map(([key, value]) => ({ key, value: { stringValue: value } })),
    ...(error ? { status: { code: 2, message: "boom'; SELECT 1" } } : {}),
  });
  const resource = (service: string) => ({ attributes: [{ key: 'service.name', value: { stringValue: service } }] });
  const doc = {
    resourceSpans: [
      { resource: resource(HOSTILE_SERVICE), scopeSpans: [{ spans: [span('00000000000000a1', undefined, "GET /'x'", 2, false, { [HOSTILE_KEY]: "v'1" })] }] },
      { resource: resource(OTHER_SERVICE), scopeSpans: [{ spans: [span('00000000000000a2', '00000000000000a1', 'Charge\\', 2, true, { [HOSTILE_KEY]: 'v2', region: "eu'--" })] }] },
    ],
  };
  const path = join(dir, `hostile-${Date.now()}.json`);
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

describe('hostile names, keys and expressions', () => {
  it('are stored, grouped and matched as values, and never appear in the SQL text', async () => {
    const dump = hostileDump();
    const t = await loadTable(server(), dump);
    const before = server().requests.length;
    const wheres = [`service = "${HOSTILE_SERVICE.replace(/["\\]/g, '\\$&')}"`, `attr."${HOSTILE_KEY.replace(/["\\]/g, '\\$&')}" =~ "v.*"`, `resource.service.name != "x" or .region = "eu'--"`];
    for (const command of [['latency'], ['deps'], ['errors'], ['traces']]) {
      for (const where of [undefined, ...wheres]) {
        const extra = where === undefined ? [] : ['--where', where];
        const local = jsonOf(await runCli([...command, dump, '--json', '--no-adjust', ...extra]));
        const table = jsonOf(await runCli([...command, t.url, ...WHOLE_RANGE, '--json', ...extra]));
        if (command[0] === 'errors') {
          delete local.traces;
          delete table.traces;
        }
        // The dump is not sampled; only its reading fills the sampling summary (a table's queries count stored spans).
        delete local.sampling;
        delete table.sampling;
        expect(table, `${command[0]} --where ${where}`).toEqual(local);
      }
    }
    const latency = jsonOf(await runCli(['latency', t.url, ...WHOLE_RANGE, '--json']));
    expect((latency.groups as { service: string }[]).map((g) => g.service).sort()).toEqual([HOSTILE_SERVICE, OTHER_SERVICE].sort());
    for (const request of server().requests.slice(before)) {
      for (const text of [HOSTILE_SERVICE, HOSTILE_KEY, "eu'--", 'DROP TABLE']) expect(request.query).not.toContain(text);
    }
    expect(await server().exec(`SELECT toString(count()) AS n FROM default.\`${t.table}\``)).toBe('{"n":"2"}\n');
  });

  it('a --trace or --span that is not an id finds nothing and changes nothing', async () => {
    const t = await loadTable(server(), hostileDump());
    expect((await runCli(['waterfall', t.url, ...WHOLE_RANGE, '--trace', "1' OR '1'='1"])).stderr).toBe("tracectl: --trace '1' OR '1'='1' is not a trace id: expected hex digits\n");
    const span = await runCli(['span', t.url, ...WHOLE_RANGE, '--span', "a1' OR SpanId != '"]);
    expect(span).toMatchObject({ status: 2, stdout: '' });
    expect(span.stderr).toBe("tracectl: no span matches --span 'a1' or spanid != '' in the range\n");
    expect(await server().exec(`SELECT toString(count()) AS n FROM default.\`${t.table}\``)).toBe('{"n":"2"}\n');
  });

  it('tables are named by identifier parameters: any name without quotes, backslashes or control characters', async () => {
    const table = `spans ${freshTable()} ü`;
    const url = tableUrl(server(), table);
    const loaded = await runCli(['convert', hostileDump(), '--to', 'clickhouse', url, '--create-table']);
    expect(loaded.status, loaded.stderr).toBe(0);
    expect(jsonOf(await runCli(['traces', url, ...WHOLE_RANGE, '--json'])).traces).toHaveLength(1);
    const refused = await runCli(['traces', tableUrl(server(), "spans'x"), ...WHOLE_RANGE]);
    expect(refused.stderr).toBe(`tracectl: ${tableUrl(server(), "spans'x")}: the table name 'spans'x' holds a quote, backslash or control character, which tracectl cannot send as an identifier\n`);
  });
});

describe('reads', () => {
  it('run read-only and bounded in time, every one of them', async () => {
    const t = await loadTable(server(), 'fixtures/errors/otlp-shop.json');
    const before = server().requests.length;
    for (const command of [['latency'], ['deps'], ['traces'], ['errors'], ['waterfall'], ['stats'], ['check', '--budget', 'trace:depth<9']]) {
      const result = await runCli([...command, t.url, ...WHOLE_RANGE, '--query-timeout', '7']);
      expect(result.status, result.stderr).toBe(0);
    }
    const reads = server().requests.slice(before);
    expect(reads.length).toBeGreaterThan(10);
    for (const r of reads) expect(r.settings).toMatchObject({ readonly: '1', max_execution_time: '7' });
  });

  it('a write sent with readonly=1 is refused (as ClickHouse refuses it), and the error is one line with its code', async () => {
    const t = await loadTable(server(), 'fixtures/errors/otlp-shop.json');
    // What tracectl's connection would send if a statement tried to write: the engine's own refusal.
    const { TableConnection } = await import('../../src/backends/clickhouse/connection.js');
    const { parseTableAddress } = await import('../../src/backends/clickhouse/address.js');
    const connection = new TableConnection(parseTableAddress(t.url, {}), { queryTimeoutSec: 60 });
    await expect(connection.command({ purpose: 'write', sql: 'DROP TABLE {db:Identifier}.{table:Identifier}', params: { db: 'default', table: t.table } })).rejects.toThrow(
      `${parseTableAddress(t.url, {}).display}: ClickHouse error 164 (READONLY): default: Cannot execute query in readonly mode`,
    );
    await connection.close();
    expect(await server().exec(`SELECT toString(count()) AS n FROM default.\`${t.table}\``)).toBe('{"n":"21"}\n');
  });
});

describe('credentials', () => {
  it('come from the address or the environment, and are never printed', async () => {
    const t = await loadTable(server(), 'fixtures/latency/ten-requests.json');
    const withPassword = t.url.replace('clickhouse://', `clickhouse://reader:${encodeURIComponent("pa'ss\\word")}@`);
    const fromUrl = await runCli(['latency', withPassword, ...WHOLE_RANGE]);
    expect(fromUrl.status, fromUrl.stderr).toBe(0);
    const fromEnv = await runCli(['latency', t.url, ...WHOLE_RANGE], { env: { CLICKHOUSE_USER: 'reader', CLICKHOUSE_PASSWORD: "pa'ss\\word" } });
    expect(fromEnv.stdout).toBe(fromUrl.stdout);
    expect(server().requests.at(-1)!.user).toBe('reader');
    const wrong = await runCli(['latency', t.url, ...WHOLE_RANGE], { env: { CLICKHOUSE_USER: 'reader', CLICKHOUSE_PASSWORD: 'guess' } });
    expect(wrong).toMatchObject({ status: 2, stdout: '' });
    expect(wrong.stderr).toBe(`tracectl: ${t.url}: ClickHouse error 516 (AUTHENTICATION_FAILED): reader: Authentication failed: password is incorrect, or there is no user with such name\n`);
    for (const r of [fromUrl, fromEnv, wrong]) expect(`${r.stdout}${r.stderr}`).not.toMatch(/pa'ss|guess/);
  });
});

describe('the table', () => {
  it('must be the exporter traces table: a missing or other table is named, exit code 2', async () => {
    const missing = await runCli(['latency', tableUrl(server(), 'no_such_table'), ...WHOLE_RANGE]);
    expect(missing).toMatchObject({ status: 2, stdout: '' });
    expect(missing.stderr).toBe(`tracectl: ${tableUrl(server(), 'no_such_table')}: table default.no_such_table does not exist (or this user cannot see it)\n`);
    const other = freshTable('other');
    await server().exec(`CREATE TABLE default.${other} (Timestamp DateTime, TraceId String, Duration String) ENGINE = MergeTree ORDER BY Timestamp`);
    const wrong = await runCli(['deps', tableUrl(server(), other), ...WHOLE_RANGE]);
    expect(wrong.stderr).toBe(
      `tracectl: ${tableUrl(server(), other)}: table default.${other} is not an OpenTelemetry Collector traces table (clickhouseexporter schema): no SpanId, ParentSpanId, SpanName, SpanKind, ServiceName, ResourceAttributes, SpanAttributes, StatusCode, StatusMessage, Events.Timestamp, Events.Name, Events.Attributes, Links.TraceId, Links.SpanId, Links.Attributes; Timestamp is DateTime (expected DateTime64); Duration is String (expected Int64 or UInt64)\n`,
    );
    const json = freshTable('json');
    await server().exec(`CREATE TABLE default.${json} (Timestamp DateTime64(9), SpanAttributes JSON) ENGINE = MergeTree ORDER BY Timestamp`);
    expect((await runCli(['traces', tableUrl(server(), json), ...WHOLE_RANGE])).stderr).toBe(
      `tracectl: ${tableUrl(server(), json)}: table default.${json} keeps attributes in JSON columns (the exporter's JSON schema); tracectl reads the Map(String, String) schema\n`,
    );
  });

  it('written by an older exporter (SPAN_KIND_SERVER, STATUS_CODE_ERROR, Duration Int64, no ScopeName) reads the same', async () => {
    const t = await loadTable(server(), 'fixtures/errors/otlp-shop.json');
    const old = freshTable('old');
    await server().exec(`CREATE TABLE default.${old} (
        Timestamp DateTime64(9), TraceId String, SpanId String, ParentSpanId String, TraceState String,
        SpanName LowCardinality(String), SpanKind LowCardinality(String), ServiceName LowCardinality(String),
        ResourceAttributes Map(LowCardinality(String), String), SpanAttributes Map(LowCardinality(String), String),
        Duration Int64, StatusCode LowCardinality(String), StatusMessage String,
        Events Nested (Timestamp DateTime64(9), Name LowCardinality(String), Attributes Map(LowCardinality(String), String)),
        Links Nested (TraceId String, SpanId String, TraceState String, Attributes Map(LowCardinality(String), String))
      ) ENGINE = MergeTree PARTITION BY toDate(Timestamp) ORDER BY (ServiceName, SpanName, toUnixTimestamp(Timestamp), TraceId)`);
    await server().exec(`INSERT INTO default.${old} SELECT Timestamp, TraceId, SpanId, ParentSpanId, TraceState, SpanName,
        concat('SPAN_KIND_', upper(SpanKind)), ServiceName, ResourceAttributes, SpanAttributes, toInt64(Duration),
        concat('STATUS_CODE_', upper(StatusCode)), StatusMessage, Events.Timestamp, Events.Name, Events.Attributes,
        Links.TraceId, Links.SpanId, Links.TraceState, Links.Attributes FROM default.${t.table}`);
    expect(await server().exec(`SELECT DISTINCT SpanKind FROM default.${old} ORDER BY SpanKind`)).toBe('{"SpanKind":"SPAN_KIND_CLIENT"}\n{"SpanKind":"SPAN_KIND_INTERNAL"}\n{"SpanKind":"SPAN_KIND_SERVER"}\n');
    for (const command of [['latency'], ['deps'], ['traces'], ['errors'], ['check', '--budget', 'trace:depth<5', '--budget', '*:error-rate<50%']]) {
      const current = jsonOf(await runCli([...command, t.url, ...WHOLE_RANGE, '--json']));
      const older = jsonOf(await runCli([...command, tableUrl(server(), old), ...WHOLE_RANGE, '--json']));
      expect(older, command[0]).toEqual(current);
    }
  });
});

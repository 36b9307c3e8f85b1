/**
 * `convert --to clickhouse`: the exporter's tables created, spans inserted in batches as they are
 * read, a span read twice written once, and a missing table named with the way to create it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript module without types (bench/ has no build step)
import { generateFile } from '../../bench/generate.js';
import { runCli } from '../helpers/cli.js';
import { freshTable, jsonOf, tableUrl, useChdbServer, WHOLE_RANGE } from './support/tables.js';

const server = useChdbServer();
const dir = mkdtempSync(join(tmpdir(), 'tracectl-ch-convert-'));

describe('convert --to clickhouse', () => {
  it('--create-table makes the exporter tables: spans, the trace time-range table and its view', async () => {
    const table = freshTable();
    const result = await runCli(['convert', 'fixtures/errors/otlp-shop.json', '--to', 'clickhouse', tableUrl(server(), table), '--create-table']);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `tracectl: wrote 5 traces (21 spans) into ${tableUrl(server(), table)}\nnote: the table cannot hold everything in this dump:\n  4 attribute values that were numbers or booleans written as text (the table keeps text)\n`,
    );
    const tables = await server().exec(`SELECT name, engine FROM system.tables WHERE database = 'default' AND name LIKE '${table}%' ORDER BY name`);
    expect(tables).toBe(`{"name":"${table}","engine":"MergeTree"}\n{"name":"${table}_trace_id_ts","engine":"MergeTree"}\n{"name":"${table}_trace_id_ts_mv","engine":"MaterializedView"}\n`);
    expect(await server().exec(`SELECT type FROM system.columns WHERE database = 'default' AND table = '${table}' AND name IN ('Duration', 'SpanAttributes', 'Timestamp') ORDER BY name`)).toBe(
      '{"type":"UInt64"}\n{"type":"Map(LowCardinality(String), String)"}\n{"type":"DateTime64(9)"}\n',
    );
    expect(await server().exec(`SELECT DISTINCT SpanKind, StatusCode FROM default.${table} ORDER BY SpanKind, StatusCode`)).toBe(
      '{"SpanKind":"Client","StatusCode":"Error"}\n{"SpanKind":"Client","StatusCode":"Unset"}\n{"SpanKind":"Internal","StatusCode":"Unset"}\n{"SpanKind":"Server","StatusCode":"Error"}\n{"SpanKind":"Server","StatusCode":"Unset"}\n',
    );
    expect(await server().exec(`SELECT toString(count()) AS n FROM default.${table}_trace_id_ts`)).toBe('{"n":"5"}\n');
  });

  it('streams a dump in batches of 20,000 rows', async () => {
    const dump = join(dir, 'gen.json');
    const counts = (await generateFile(dump, { format: 'otlp', mb: 16, seed: 3 })) as { spans: number };
    expect(counts.spans).toBeGreaterThan(20_000);
    const table = freshTable();
    const before = server().requests.length;
    const result = await runCli(['convert', dump, '--to', 'clickhouse', tableUrl(server(), table), '--create-table', '--json']);
    expect(jsonOf(result)).toMatchObject({ spans: counts.spans, repeats: 0 });
    const inserts = server().requests.slice(before).filter((r) => r.query.startsWith('INSERT'));
    expect(inserts.length).toBe(Math.ceil(counts.spans / 20_000));
    expect(await server().exec(`SELECT toString(count()) AS n FROM default.${table}`)).toBe(`{"n":"${counts.spans}"}\n`);
  });

  it('writes a span read twice once, as a dump reads it', async () => {
    const table = freshTable();
    const url = tableUrl(server(), table);
    const dump = 'fixtures/deps/shop.zipkin.json';
    const result = await runCli(['convert', dump, dump, '--to', 'clickhouse', url, '--create-table']);
    expect(result.stderr).toContain('note: 10 exact repeats of spans already written left out\n');
    expect(await server().exec(`SELECT toString(count()) AS n FROM default.${table}`)).toBe('{"n":"10"}\n');
    // (The sampling summary only a dump's reading fills is left out: a table's queries count stored spans.)
    const { sampling: _fromTable, ...fromTable } = jsonOf(await runCli(['deps', url, ...WHOLE_RANGE, '--json']));
    const { sampling: _fromDump, ...fromDump } = jsonOf(await runCli(['deps', dump, dump, '--json']));
    expect(fromTable).toEqual(fromDump);
  });

  it('a table that does not exist is named, with the way to create it', async () => {
    const url = tableUrl(server(), 'not_made_yet');
    const result = await runCli(['convert', 'fixtures/deps/shop.zipkin.json', '--to', 'clickhouse', url]);
    expect(result).toMatchObject({ status: 2, stdout: '' });
    expect(result.stderr).toBe(`tracectl: ${url}: table default.not_made_yet does not exist (or this user cannot see it); --create-table creates it with the exporter's DDL\n`);
  });
});

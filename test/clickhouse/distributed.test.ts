/**
 * The statements on a table split over shards: docs/inputs/clickhouse.md says every statement
 * reads a `Distributed` table as it reads a local one, that a trace spread over shards is handled
 * like any other, and that results equal a single node's. chdb is one engine, so the shards here
 * are the engine's own: `remote('127.0.0.1,localhost', db, view)` is a two-shard distributed table
 * (ClickHouse runs both shards' reads in process, through the same per-shard rewriting and merging
 * on the initiator as over a network), and the view each shard reads keeps only its share of the
 * spans (`shardNum()` is the shard's number inside a distributed read). Spans are split by SpanId,
 * so a trace's spans lie on both shards, and, as a cluster is usually built, by TraceId.
 *
 * Every pushed-down command (why included) and a fetched trace run on the plain table and on the split one, and
 * the JSON documents are compared whole.
 */
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { jsonOf, loadTable, REAL_TRACES, tableUrl, useChdbServer, WHOLE_RANGE } from './support/tables.js';

const server = useChdbServer();

const BUDGETS = ['--budget', 'trace:depth<4', '--budget', '*:p90<10ms', '--budget', '*/*:error-rate<1%', '--budget', 'trace:spans<4'];
const COMMANDS: readonly (readonly string[])[] = [
  ['latency', '--percentiles', '50,90,99.9'],
  ['latency', '--by', 'operation', '--all-spans'],
  ['deps'],
  ['traces', '--sort', 'duration'],
  ['errors'],
  ['check', ...BUDGETS],
  ['why', '--errors'],
  ['why', '--slow', 'p75'],
];

const DUMPS = ['fixtures/why/search.jsonl', 'fixtures/errors/otlp-shop.json', 'fixtures/deps/shop.zipkin.json', relative(ROOT, `${REAL_TRACES}/otlp/tempo__trace-with-failed-requests.json`)];

/** Makes `table` readable as two shards split by `key`; returns the split table's name. */
async function splitOverShards(table: string, key: 'SpanId' | 'TraceId'): Promise<string> {
  const view = `${table}_${key}_share`;
  const split = `${table}_${key}_shards`;
  // Outside a distributed read shardNum() and shardCount() are 0 (CREATE VIEW checks the query).
  await server().exec(`CREATE VIEW default.${view} AS SELECT * FROM default.${table} WHERE cityHash64(${key}) % greatest(shardCount(), 1) = greatest(shardNum(), 1) - 1`);
  await server().exec(`CREATE TABLE default.${split} AS remote('127.0.0.1,localhost', default, ${view})`);
  return split;
}

/** How many traces have spans on both shards. */
async function tracesOnBothShards(split: string): Promise<number> {
  const out = await server().exec(`SELECT count() AS n FROM (SELECT TraceId FROM default.${split} GROUP BY TraceId HAVING uniqExact(_shard_num) = 2)`);
  return Number((JSON.parse(out.trim()) as { n: number | string }).n);
}

describe.each(['SpanId', 'TraceId'] as const)('a table split over two shards by %s', (key) => {
  it.each(DUMPS)('%s: every pushed-down command and a fetched trace equal the single table', async (dump) => {
    const loaded = await loadTable(server(), dump);
    const split = await splitOverShards(loaded.table, key);
    const splitUrl = tableUrl(server(), split);
    const spans = await server().exec(`SELECT count() AS n FROM default.${split}`);
    expect(Number((JSON.parse(spans.trim()) as { n: number | string }).n), dump).toBe(loaded.convert.spans);
    if (key === 'SpanId') expect(await tracesOnBothShards(split), dump).toBeGreaterThan(0);
    else expect(await tracesOnBothShards(split), dump).toBe(0);

    for (const command of COMMANDS) {
      const single = jsonOf(await runCli([...command, loaded.url, ...WHOLE_RANGE, '--json']));
      const sharded = jsonOf(await runCli([...command, splitUrl, ...WHOLE_RANGE, '--json']));
      expect(sharded, `${dump}: ${command.join(' ')}`).toEqual(single);
    }
    const slowest = (jsonOf(await runCli(['traces', loaded.url, ...WHOLE_RANGE, '--sort', 'duration', '--json'])) as { traces: { traceId: string }[] }).traces[0]!.traceId;
    const waterfall = (url: string) => runCli(['waterfall', url, ...WHOLE_RANGE, '--trace', slowest, '--width', '100']);
    const [single, sharded] = [await waterfall(loaded.url), await waterfall(splitUrl)];
    expect([sharded.status, sharded.stdout], dump).toEqual([0, single.stdout]);
  });
});

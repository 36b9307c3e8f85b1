/**
 * `why` on a table equals `why` on the dump the table was loaded from: every fixture and a few real
 * dumps are loaded with `convert --to clickhouse`, and the same question (the slow spans by pN,
 * the failed spans, a selection against a baseline within a --where) is asked of both; the JSON
 * documents, the error messages and the exit codes must be the same.
 *
 * A table keeps attribute values as text: a finding on a number or a boolean reads `= "503"` where
 * the dump's reads `= 503`, which selects the same spans (--where compares a number with text that
 * reads as it); that quoting is the one thing normalized. Dumps whose spans the table cannot hold
 * as they are differ by design and are named below with the reason, and the list is checked
 * against what `convert` reported.
 *
 * Also: numeric bins computed in SQL equal value-bins.ts on edges and their neighbours; the answer
 * is a size that follows the keys and values, not the spans; hostile keys and values are values.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binEdge, EDGES, valueBin, ZERO_BIN } from '../../src/analyses/why/value-bins.js';
import { valueBinColumns } from '../../src/backends/clickhouse/value-bin-sql.js';
import { ROOT, runCli, type CliResult } from '../helpers/cli.js';
import { fixtureDumps, loadTable, REAL_TRACES, useChdbServer, WHOLE_RANGE, type LoadedTable } from './support/tables.js';

const server = useChdbServer();
const dir = mkdtempSync(join(tmpdir(), 'tracectl-ch-why-'));

const QUESTIONS: readonly (readonly string[])[] = [
  ['--slow'],
  ['--errors'],
  ['--selection', 'kind = client', '--baseline', 'kind = server', '--where', 'duration > 0ns'],
];

/**
 * Dumps a table cannot hold as they are (convert's loss codes): spans without a timestamp are not
 * written, spans without a duration are written as lasting 0 ns (a dump's `--slow` leaves them
 * out), so `why` answers for other spans and is not compared; arrays and maps are written as JSON
 * text where a dump counts an array under each of its elements, which changes no answer on these
 * dumps but those in ARRAYS_SHOW.
 */
const DIFFERENT: Readonly<Record<string, readonly string[]>> = {
  'fixtures/convert/rich.otlp.json': ['no-duration', 'structured-attributes'],
  'fixtures/hostile/durations.zipkin.json': ['no-duration'],
  'fixtures/hostile/secrets.otlp.json': ['structured-attributes'],
  'fixtures/hostile/timestamp-units.jaeger.json': ['out-of-range'],
  'fixtures/hostile/zero-start.otlp.json': ['no-timestamp'],
  'fixtures/jaeger/timing-quirks.json': ['no-duration', 'no-timestamp'],
  'fixtures/otlp/array-kvlist-attributes.json': ['structured-attributes'],
  'fixtures/otlp/host-attributes.json': ['structured-attributes'],
  'fixtures/otlp/timing-quirks.json': ['no-duration', 'no-timestamp'],
  'fixtures/trees/finagle-pieces.json': ['no-duration', 'no-timestamp'],
  'fixtures/trees/jaeger-zero-start.json': ['no-timestamp'],
  'fixtures/trees/untimed-root-skew.json': ['no-timestamp'],
  'fixtures/waterfall/quirks.json': ['no-timestamp'],
  'fixtures/zipkin/v1-no-span-timestamp.json': ['no-duration'],
  'fixtures/zipkin/v2-missing-duration.json': ['no-duration'],
  'fixtures/zipkin/v2-no-time.json': ['no-timestamp'],
  'fixtures/zipkin/v2-suspect-timestamps.json': ['no-duration'],
  'otlp/otel-tui__test_data.filtered.jsonl': ['structured-attributes'],
};
const LOSSES = new Set(['no-timestamp', 'no-duration', 'out-of-range', 'structured-attributes']);
const TIMING = new Set(['no-timestamp', 'no-duration', 'out-of-range']);
/**
 * Dumps holding a span twice: a dump's `why` counts spans as read, twice; `convert` writes a span
 * read twice once, so the table has one fewer.
 */
const REPEATED = new Set(['fixtures/hostile/skipped.zipkin.json']);
/**
 * Of the dumps with arrays or maps, those where it shows (the others' arrays decide nothing): they
 * are compared with their spans as the table holds them.
 */
const ARRAYS_SHOW = new Set<string>(['otlp/otel-tui__test_data.filtered.jsonl', 'fixtures/hostile/secrets.otlp.json']);

/** Real dumps: many attributes (otel-tui), failures (Tempo), Jaeger tags and process tags. */
const REAL = ['otlp/otel-tui__test_data.filtered.jsonl', 'otlp/tempo__trace-with-failed-requests.json', 'jaeger/jaeger-ui__flamegraph_testTrace.json'];

/**
 * What the user sees of a run, with a table's quoted literals (`= "503"`) read as the dump writes
 * them (`= 503`), and without the warnings about reading the dump (a table's rows have none): the
 * report, the exit code, and the error line when there is one.
 */
function comparable(result: CliResult, json = true): { status: number; stdout: string; error: string | undefined } {
  let stdout = result.stdout;
  if (json && result.status === 0) {
    const doc = JSON.parse(stdout) as Record<string, unknown>;
    delete doc.warnings;
    delete doc.warningCounts;
    stdout = JSON.stringify(doc, null, 2);
  }
  stdout = stdout.replace(/([=<>] )(\\?)"(-?\d+(?:\.\d+)?|true|false)\\?"/g, '$1$3');
  const lines = result.stderr.split('\n').filter((l) => l !== '');
  return { status: result.status, stdout, error: result.status === 0 ? undefined : lines[lines.length - 1] };
}

async function compare(name: string, dump: string, t: LoadedTable): Promise<void> {
  const losses = t.convert.losses.map((l) => l.code).filter((c) => LOSSES.has(c));
  expect(losses.sort(), `${name}: what the table cannot hold`).toEqual([...(DIFFERENT[name] ?? [])].sort());
  expect(t.convert.repeats > 0, `${name}: spans read twice`).toBe(REPEATED.has(name));
  if (losses.some((l) => TIMING.has(l)) || REPEATED.has(name)) return;
  let reference = dump;
  if (ARRAYS_SHOW.has(name)) {
    // Compared with the spans as the table holds them (arrays as their JSON text), read back as OTLP.
    reference = join(dir, `${t.table}.otlp.json`);
    const back = await runCli(['convert', t.url, '--from', '1900-01-01', '--to', 'otlp', '-o', reference, '-q']);
    expect(back.status, back.stderr).toBe(0);
  }
  for (const question of QUESTIONS) {
    const local = await runCli(['why', reference, ...question, '--json', '--no-adjust']);
    const table = await runCli(['why', t.url, ...WHOLE_RANGE, ...question, '--json']);
    expect(comparable(table), `${name}: why ${question.join(' ')}`).toEqual(comparable(local));
  }
}

describe('why on a table equals why on its dump', () => {
  it.each(fixtureDumps())('%s', async (dump) => {
    await compare(dump, dump, await loadTable(server(), dump));
  });

  it.each(REAL)('real dump %s', async (name) => {
    const dump = relative(ROOT, join(REAL_TRACES, name));
    await compare(name, dump, await loadTable(server(), dump));
  });

  it('the report as printed, with --slow p50, a threshold, --top and --ignore', async () => {
    const dump = 'fixtures/why/search.jsonl';
    const t = await loadTable(server(), dump);
    for (const question of [['--slow', 'p50', '--top', '3'], ['--slow', '>=40ms', '--ignore', 'service,attr.db.replica'], ['--errors', '--attrs', 'kind,http.response.status_code']]) {
      const local = await runCli(['why', dump, ...question, '--no-adjust', '--width', '100']);
      const table = await runCli(['why', t.url, ...WHOLE_RANGE, ...question, '--width', '100']);
      expect(table.status, table.stderr).toBe(0);
      expect(table.stderr).toBe(local.stderr);
      expect(comparable(table, false), question.join(' ')).toEqual(comparable(local, false));
    }
  });
});

describe('numbers are binned in SQL as value-bins.ts bins them', () => {
  it('every edge, its neighbours on both sides, negatives, zeros, the tiniest and largest doubles', async () => {
    const values: number[] = [0, -0, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE, 1e-320, 0.5e-307, 9.99e307];
    const buf = new DataView(new ArrayBuffer(8));
    const neighbour = (x: number, step: bigint): number => {
      buf.setFloat64(0, x);
      buf.setBigUint64(0, buf.getBigUint64(0) + step);
      return buf.getFloat64(0);
    };
    for (let i = 0; i < EDGES; i += 1) {
      const edge = binEdge(ZERO_BIN + 1 + i);
      for (const x of [edge, neighbour(edge, 1n), neighbour(edge, -1n), edge * 1.2]) values.push(x, -x);
    }
    const bits = values.map((x) => {
      buf.setFloat64(0, x);
      return buf.getBigUint64(0).toString();
    });
    const sql = `SELECT groupArray(bin) AS bins FROM (
    SELECT n, x, ${valueBinColumns('x').join(',\n        ')}
    FROM (SELECT n, reinterpretAsFloat64(toUInt64(b)) AS x FROM (SELECT arrayJoin(arrayEnumerate({bits:Array(String)})) AS n, {bits:Array(String)}[n] AS b))
    ORDER BY n)`;
    const row = JSON.parse(await server().exec(sql, { bits: `[${bits.map((b) => `'${b}'`).join(',')}]` })) as { bins: number[] };
    expect(row.bins.length).toBe(values.length);
    const wrong = values.map((x, i) => [x, row.bins[i], valueBin(x)]).filter(([, sql, js]) => sql !== js);
    expect(wrong).toEqual([]);
    // Text that is no number has no bin.
    const none = JSON.parse(await server().exec(`SELECT bin FROM (SELECT ${valueBinColumns('x').join(', ')} FROM (SELECT CAST(NULL AS Nullable(Float64)) AS x))`)) as { bin: number };
    expect(none.bin).toBe(-1);
  });
});

/** An OTLP dump of `n` spans with a few values per key, a number, 1,500 users and a request id per span. */
function worldDump(n: number): string {
  const regions = ['eu', 'us', 'ap', 'sa', 'af'];
  const spans = Array.from({ length: n }, (_, i) => {
    const start = 1_700_000_000_000_000_000n + BigInt(i) * 1_000_000n;
    const slow = i % 7 === 0;
    return {
      traceId: (i + 1).toString(16).padStart(32, '0'),
      spanId: (i + 1).toString(16).padStart(16, '0'),
      name: `op-${i % 4}`,
      kind: 2,
      startTimeUnixNano: `${start}`,
      endTimeUnixNano: `${start + BigInt(slow ? 200_000_000 : 1_000_000 * (1 + (i % 50)))}`,
      attributes: [
        { key: 'region', value: { stringValue: regions[i % 5] } },
        { key: 'tier', value: { stringValue: slow ? 'free' : ['free', 'gold', 'plus'][i % 3] } },
        { key: 'size', value: { intValue: String((i % 20) * 1000) } },
        { key: 'request.id', value: { stringValue: `req-${i}` } },
        { key: 'user', value: { stringValue: `u-${i % 1500}` } },
      ],
    };
  });
  const path = join(dir, `world-${n}.json`);
  writeFileSync(path, JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'api' } }] }, scopeSpans: [{ spans }] }] }));
  return path;
}

describe('the answer follows the keys and values, not the spans', () => {
  it('eight times the spans with the same values: the same bytes back; keys with more values capped at 1,000', async () => {
    const bytes: number[] = [];
    for (const n of [2_000, 16_000]) {
      const t = await loadTable(server(), worldDump(n));
      const since = server().requests.length;
      const result = await runCli(['why', t.url, ...WHOLE_RANGE, '--slow', '--json']);
      expect(result.status, result.stderr).toBe(0);
      // user: more distinct values than the cap, said on stderr (request.id: every value unique, skipped).
      expect(result.stderr).toContain('user: more than 1000 distinct values');
      const counted = server().requests.slice(since).filter((r) => r.query.includes('GROUP BY place, key, value'));
      expect(counted.length).toBe(1);
      bytes.push(counted[0]!.responseBytes);
    }
    // Counts have a digit more, ids as many characters: within a few percent.
    expect(bytes[1]! / bytes[0]!).toBeLessThan(1.1);
    expect(bytes[1]!).toBeLessThan(100_000);
  });
});

describe('hostile keys and values', () => {
  it('are counted, reported and selected as values, and the table is intact afterwards', async () => {
    const evilKey = "k'e\\y{p0:String}`); DROP TABLE x; --";
    const evilValue = "v'); DROP TABLE otel_traces; --\n\u0000\u202e";
    const span = (i: number, slow: boolean) => ({
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: (0xa0 + i).toString(16).padStart(16, '0'),
      name: 'GET /x',
      kind: 2,
      startTimeUnixNano: `${1_700_000_000_000_000_000n + BigInt(i) * 1_000_000n}`,
      endTimeUnixNano: `${1_700_000_000_000_000_000n + BigInt(i) * 1_000_000n + (slow ? 90_000_000n : 5_000_000n)}`,
      attributes: [{ key: evilKey, value: { stringValue: slow ? evilValue : 'plain' } }],
    });
    const doc = {
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: "svc'" } }, { key: evilValue, value: { stringValue: evilKey } }] },
          scopeSpans: [{ spans: Array.from({ length: 20 }, (_, i) => span(i, i % 4 === 0)) }],
        },
      ],
    };
    const dump = join(dir, 'hostile-why.json');
    writeFileSync(dump, JSON.stringify(doc));
    const t = await loadTable(server(), dump);
    const selection = `attr."${evilKey.replace(/\\/g, '\\\\')}" = "${evilValue.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}"`;
    for (const question of [['--slow', '>50ms'], ['--selection', selection]]) {
      const local = comparable(await runCli(['why', dump, ...question, '--json', '--no-adjust']));
      const table = comparable(await runCli(['why', t.url, ...WHOLE_RANGE, ...question, '--json']));
      expect(table.status, table.error).toBe(0);
      expect(table).toEqual(local);
    }
    const slow = JSON.parse((await runCli(['why', t.url, ...WHOLE_RANGE, '--slow', '>50ms', '--json'])).stdout) as { attributes: { key: string; value: string; where: string }[] };
    expect(slow.attributes[0]).toMatchObject({ key: evilKey, value: evilValue });
    // The finding's --where selects exactly the slow spans, on the table too.
    const where = slow.attributes[0]!.where;
    const traces = JSON.parse((await runCli(['why', t.url, ...WHOLE_RANGE, '--selection', where, '--json'])).stdout) as { selection: { spans: number } };
    expect(traces.selection.spans).toBe(5);
    expect(Number((JSON.parse(await server().exec(`SELECT count() AS n FROM default.${t.table}`)) as { n: unknown }).n)).toBe(20);
  });
});

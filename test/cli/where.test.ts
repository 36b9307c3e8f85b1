/**
 * `--where` through the built CLI: each command's meaning of "matching spans", exact output, and the
 * usage errors (exit code 2, the column, a caret line) before any input is read.
 *
 * fixtures/query/shop.otlp.json (ms from 22:13:20.000 UTC):
 *
 *   1111… 0         60        120
 *   frontend GET /checkout   |=============================|  server ERROR 500
 *   frontend POST /charge      |======================|       client
 *   payments Charge             |====================|        server ERROR 503 "card declined"
 *   payments SELECT cards        |====|                       client db.system=postgres
 *   frontend GET /cart                               |===|    client
 *   cart GetCart                                      |==|    server 200
 *
 *   2222… frontend GET /items (30ms) → inventory ListItems (20ms) → inventory SELECT items (13ms)
 *   3333… frontend GET /checkout (50ms) → frontend POST /charge (40ms) → payments Charge (38ms)
 *                                        → payments SELECT cards (10ms)
 *   4444… frontend GET /search (40ms) → search Query (36ms) → search redis GET (5ms) ERROR "timeout"
 *                                                            → search redis GET (6ms, the retry)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, runCli, runJson } from '../helpers/cli.js';
import { unsampled } from '../helpers/unsampled.js';

const SHOP = fixture('query/shop.otlp.json');
const tmp = mkdtempSync(join(tmpdir(), 'tracectl-where-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface TracesJson {
  traces: { traceId: string }[];
}
const traceIds = async (where: string): Promise<string[]> => (await runJson<TracesJson>(['traces', SHOP, '--where', where])).json.traces.map((t) => t.traceId.slice(0, 4));

describe('traces --where: traces with at least one matching span', () => {
  it('prints the kept traces', async () => {
    const r = await runCli(['traces', SHOP, '--width', '80', '--where', 'service = "payments"']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        'TRACE             ROOT               START         DURATION  SPANS  SVCS  ERRORS',
        '1111111111111111  frontend GET /ch…  22:13:20.000     120ms      6     3       2',
        '3333333333333333  frontend GET /ch…  22:13:20.300    50.0ms      4     2       0',
        '2 traces on 2023-11-14 (UTC)',
        '',
      ].join('\n'),
    );
  });

  it.each<[string, string[]]>([
    ['error', ['1111', '4444']],
    ['not error', ['1111', '2222', '3333', '4444']],
    ['duration > 100ms', ['1111']],
    ['duration >= 30ms and kind = server and root', ['1111', '2222', '3333', '4444']],
    ['duration > 30ms and kind = server and root', ['1111', '3333', '4444']],
    ['name =~ "SELECT .*"', ['1111', '2222', '3333']],
    ['name =~ "SELECT"', []],
    ['kind = server and service = "inventory"', ['2222']],
    // Attributes are read although `traces` loads compact spans otherwise.
    ['attr.http.status_code >= 500', ['1111']],
    ['attr.db.system = "postgres" and duration > 15ms', ['1111']],
    ['resource.k8s.pod.name = "cart-0a1b"', ['1111']],
    ['.k8s.pod.name =~ "inventory-.*"', ['2222']],
    ['trace.duration < 40ms', ['2222']],
    ['parent.service = "frontend" and service != "frontend"', ['1111', '2222', '3333', '4444']],
    ['service = "payments" and kind = server and not has child (kind = client)', []],
    ['service = "payments" and not has descendant (kind = client)', ['1111', '3333']],
    ['has child (error)', ['1111', '4444']],
    ['error and has parent (not error)', ['1111', '4444']],
    ['error and not has ancestor (error) and not root', ['4444']],
    ['attr.db.system = "redis" and error', ['4444']],
    ['has ancestor (service = "payments") and duration > 15ms', ['1111']],
  ])('%s', async (where, ids) => {
    expect(await traceIds(where)).toEqual(ids);
  });

  it('says so when no trace matches', async () => {
    const r = await runCli(['traces', SHOP, '--where', 'service = "nope"']);
    expect([r.status, r.stdout, r.stderr]).toEqual([0, 'No trace has a span matching --where\n', '']);
  });

  it('applies --limit after --where', async () => {
    const r = await runCli(['traces', SHOP, '--where', 'service = "frontend"', '--sort', 'duration', '--limit', '1', '--width', '80']);
    expect(r.stdout.split('\n').slice(1)).toEqual(['1111111111111111  frontend GET /ch…  22:13:20.000     120ms      6     3       2', '1 of 4 traces on 2023-11-14 (UTC)', '']);
  });
});

describe('usage errors: exit code 2, the column and a caret, before the input is read', () => {
  it('a missing value', async () => {
    const r = await runCli(['traces', SHOP, '--where', 'duration >']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(["tracectl: --where: expected a value after '>' at column 11", '  duration >', '            ^', ''].join('\n'));
  });

  it('a misspelt field, with a suggestion', async () => {
    const r = await runCli(['traces', SHOP, '--where', 'servce = "payments"']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(["tracectl: --where: unknown field 'servce' (did you mean 'service'?) at column 1", '  servce = "payments"', '  ^', ''].join('\n'));
  });

  it('a type error', async () => {
    const r = await runCli(['traces', SHOP, '--where', 'duration > 100']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      [
        "tracectl: --where: expected a duration with a unit after '>', such as 100ms (units: ns, us, µs, ms, s, m, h), found 100 at column 12",
        '  duration > 100',
        '             ^',
        '',
      ].join('\n'),
    );
  });

  it('fails on the expression before reading a missing file', async () => {
    const r = await runCli(['traces', 'no-such-file.json', '--where', 'kind = sever']);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe("tracectl: --where: unknown kind 'sever': expected server, client, producer, consumer, internal or unspecified at column 8");
  });

  it('an empty expression', async () => {
    const r = await runCli(['traces', SHOP, '--where', '']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(['tracectl: --where: the expression is empty at column 1', '  ', '  ^', ''].join('\n'));
  });
});

describe('errors --where: only the failures that involve a matching error span', () => {
  it('keeps a chain when one of its failed spans matches, with the whole path', async () => {
    const r = await runCli(['errors', SHOP, '--width', '100', '--where', 'service = "payments"']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        '1 trace fails in payments Charge: card declined (HTTP 503)',
        '    via frontend:GET /checkout > frontend:POST /charge > payments:Charge',
        '    e.g. 11111111111111111111111111111111',
        '',
        'trace 11111111111111111111111111111111  frontend GET /checkout  (1 error chain)',
        '  ✗  frontend GET /checkout  checkout failed (HTTP 500)',
        '     frontend POST /charge',
        '  ✗  payments Charge         card declined (HTTP 503)',
        '',
        '1 of 4 traces with errors, 1 error span: 1 chain in 1 trace, 1 signature, 0 recovered',
        '',
      ].join('\n'),
    );
  });

  it('keeps a recovered error when the recovered span matches', async () => {
    const r = await runCli(['errors', SHOP, '--width', '100', '--where', 'attr.db.system = "redis"']);
    expect(r.stdout).toBe(
      [
        'trace 44444444444444444444444444444444  frontend GET /search  (1 recovered)',
        '  recovered search redis GET: timeout (absorbed by search Query)',
        '',
        '1 of 4 traces with errors, 1 error span: 0 chains in 0 traces, 0 signatures, 1 recovered',
        '',
      ].join('\n'),
    );
  });

  it('counts only matching error spans in --json totals', async () => {
    interface ErrorsJson {
      totals: Record<string, number>;
    }
    expect((await runJson<ErrorsJson>(['errors', SHOP])).json.totals).toEqual({ traces: 4, tracesWithErrors: 2, tracesWithChains: 1, errorSpans: 3, chains: 1, recovered: 1 });
    expect((await runJson<ErrorsJson>(['errors', SHOP, '--where', 'root'])).json.totals).toEqual({ traces: 4, tracesWithErrors: 1, tracesWithChains: 1, errorSpans: 1, chains: 1, recovered: 0 });
    expect((await runJson<ErrorsJson>(['errors', SHOP, '--where', 'duration < 10ms'])).json.totals).toEqual({ traces: 4, tracesWithErrors: 1, tracesWithChains: 0, errorSpans: 1, chains: 0, recovered: 1 });
  });

  it('--fail-on-error looks at the kept chains only', async () => {
    expect((await runCli(['errors', SHOP, '--where', 'service = "payments"', '--fail-on-error'])).status).toBe(1);
    const r = await runCli(['errors', SHOP, '--where', 'service = "cart"', '--fail-on-error']);
    expect([r.status, r.stdout, r.stderr]).toEqual([0, 'no errors in 4 traces\n', '']);
  });
});

describe('stats --where: only matching spans are counted', () => {
  it('per service', async () => {
    const r = await runCli(['stats', SHOP, '--width', '100', '--where', 'kind = client']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        'Span statistics of 4 traces, by service',
        '',
        'SERVICE    SPANS   TOTAL    SELF  SELF%     AVG     MIN     MAX',
        'payments       2  30.0ms  30.0ms    13%  15.0ms  10.0ms  20.0ms',
        'frontend       3   145ms  14.0ms   5.8%  48.3ms  15.0ms  90.0ms',
        'inventory      1  13.0ms  13.0ms   5.4%  13.0ms  13.0ms  13.0ms',
        'search         2  11.0ms  11.0ms   4.6%  5.50ms  5.00ms  6.00ms',
        '',
        '8 spans; SELF% is self time over the 240ms the traces last',
        '',
      ].join('\n'),
    );
  });

  it('per operation; self time is still the span’s own in the whole tree', async () => {
    // Charge 80ms with SELECT cards 20ms below it: self 60ms; 38ms with 10ms below: 28ms.
    const r = await runCli(['stats', SHOP, '--width', '100', '--by', 'operation', '--where', 'service = "payments" and duration > 20ms']);
    expect(r.stdout.split('\n').slice(2, 4)).toEqual([
      'SERVICE   OPERATION  SPANS  TOTAL    SELF  SELF%     AVG     MIN     MAX',
      'payments  Charge         2  118ms  88.0ms    37%  59.0ms  38.0ms  80.0ms',
    ]);
  });
});

describe('latency --where: only matching spans are counted', () => {
  interface LatencyJson {
    windowSec: number;
    groups: { service: string; operation: string | null; count: number; errors: number; percentilesMs: Record<string, number> }[];
  }
  const latency = async (...args: string[]): Promise<LatencyJson> => (await runJson<LatencyJson>(['latency', SHOP, ...args])).json;

  it('entry spans that match; the rate window is still the whole dump', async () => {
    const r = await runCli(['latency', SHOP, '--width', '100', '--where', 'duration > 35ms']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        'SERVICE   COUNT  ERRORS  ERR%    MEAN     P50     P90     P95     P99     MAX    RATE',
        'frontend      3       1   33%  70.0ms  50.0ms   120ms   120ms   120ms   120ms  6.82/s',
        'payments      2       1   50%  59.0ms  38.0ms  80.0ms  80.0ms  80.0ms  80.0ms  4.55/s',
        'search        1       0    0%  36.0ms  36.0ms  36.0ms  36.0ms  36.0ms  36.0ms  2.27/s',
        '3 services, 6 entry spans over 440ms; exact nearest-rank percentiles',
        '',
      ].join('\n'),
    );
  });

  it('with --all-spans and attributes', async () => {
    const json = await latency('--all-spans', '--by', 'operation', '--where', 'attr.db.system != nil');
    expect(json.groups.map((g) => [g.service, g.operation, g.count, g.errors])).toEqual([
      ['payments', 'SELECT cards', 2, 0],
      ['inventory', 'SELECT items', 1, 0],
      ['search', 'redis GET', 2, 1],
    ]);
  });

  it('a condition every span meets gives what no --where gives (the tree path equals the streaming one)', async () => {
    const { warnings: _w, ...all } = await latency() as LatencyJson & { warnings: unknown };
    const { warnings: _x, ...same } = await latency('--where', 'duration >= 0ns') as LatencyJson & { warnings: unknown };
    expect(same).toEqual(all);
    expect(all.windowSec).toBe(0.44);
  });

  it('no span matches: no groups', async () => {
    expect((await latency('--where', 'service = "nope"')).groups).toEqual([]);
  });
});

describe('waterfall --where: matching rows are marked ▸, nothing is hidden', () => {
  it('marks the matching rows and counts them', async () => {
    const r = await runCli(['waterfall', SHOP, '--trace', '4444', '--width', '80', '--where', 'duration < 15ms']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        'Trace 44444444444444444444444444444444',
        '2023-11-14 22:13:20.400 UTC · 40.0ms · 4 spans · 2 services · 1 error',
        '                                  0          10ms        20ms       30ms',
        '                                  ┬──────────┬───────────┬──────────┬──────────┬',
        '  ◆ frontend GET /search   40.0ms ██████████████████████████████████████████████',
        '  ◆ └─search Query         36.0ms   █████████████████████████████████████████▍',
        '▸ ◆   ├─✗ search redis GET 5.00ms    █████▊',
        '      │   ✗ timeout',
        '▸ ◆   └─search redis GET   6.00ms           ██████▉',
        '',
        '2 of 4 spans match --where',
        '▸ matches --where  ◆ critical path  ✗ error',
        '',
      ].join('\n'),
    );
  });

  it('without --trace shows the longest trace that has a matching span, and says so', async () => {
    const r = await runCli(['waterfall', SHOP, '--width', '80', '--where', 'attr.db.system = "redis"']);
    expect(r.stdout.split('\n')[0]).toBe('Trace 44444444444444444444444444444444');
    expect(r.stderr).toBe('');
    const several = await runCli(['waterfall', SHOP, '--width', '80', '--where', 'service = "payments"']);
    expect(several.stdout.split('\n')[0]).toBe('Trace 11111111111111111111111111111111');
    expect(several.stderr).toBe(
      "tracectl: 2 traces have a span matching --where; showing the longest, 11111111111111111111111111111111 (120ms, 6 spans). Choose another with --trace ID ('tracectl traces' lists them).\n",
    );
  });

  it('--json: matched on every row, matchedSpans for the trace; a collapsed row matches when a member does', async () => {
    interface WaterfallJson {
      matchedSpans: number;
      spans: { operation: string; count?: number; matched: boolean }[];
    }
    const { json } = await runJson<WaterfallJson>(['waterfall', SHOP, '--trace', '4444', '--collapse', '--where', 'error']);
    expect(json.matchedSpans).toBe(1);
    expect(json.spans.map((s) => [s.operation, s.count ?? 1, s.matched])).toEqual([
      ['GET /search', 1, false],
      ['Query', 1, false],
      ['redis GET', 2, true],
    ]);
  });

  it('no marks and no count when nothing in the trace matches', async () => {
    const r = await runCli(['waterfall', SHOP, '--trace', '2222', '--width', '80', '--where', 'error']);
    expect(r.stdout).toContain('\n0 of 3 spans match --where\n');
    expect(r.stdout).not.toContain('▸');
  });

  it('fits the width with the extra column', async () => {
    for (const width of [40, 60, 80, 120]) {
      const lines = (await runCli(['waterfall', SHOP, '--width', String(width), '--where', 'kind = client', '--collapse'])).stdout.split('\n');
      expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(width);
    }
  });

  it('a usage error when no trace matches', async () => {
    const r = await runCli(['waterfall', SHOP, '--where', 'service = "nope"']);
    expect([r.status, r.stdout, r.stderr]).toEqual([2, '', 'tracectl: no trace in the input has a span matching --where\n']);
  });
});

describe('critical-path and span --where', () => {
  it('critical-path over a dump: only the traces that have a matching span', async () => {
    const r = await runCli(['critical-path', SHOP, '--width', '100', '--where', 'service = "payments"']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe("Critical path over 2 traces: 170ms in total (the root spans' durations)");
    interface CriticalJson {
      traces: number;
      operations: { service: string; operation: string }[];
    }
    const { json } = await runJson<CriticalJson>(['critical-path', SHOP, '--where', 'service = "inventory"']);
    expect(json.traces).toBe(1);
    expect(json.operations.map((o) => `${o.service} ${o.operation}`)).toEqual(['inventory SELECT items', 'frontend GET /items', 'inventory ListItems']);
  });

  it('critical-path: no matching trace is a usage error', async () => {
    expect((await runCli(['critical-path', SHOP, '--where', 'service = "nope"'])).stderr).toBe('tracectl: no trace in the input has a span matching --where\n');
  });

  it('span: --where narrows the spans --span finds', async () => {
    expect((await runCli(['span', SHOP, '--span', 'd000000000000003', '--where', 'error', '--width', '80'])).stdout.split('\n')[0]).toBe('Span d000000000000003  search redis GET  ✗ error');
    const r = await runCli(['span', SHOP, '--span', 'd000000000000003', '--where', 'not error']);
    expect([r.status, r.stderr]).toEqual([2, "tracectl: no span matches --span 'd000000000000003' in the input (4 traces)\n"]);
  });
});

describe('deps --where: only calls into matching spans are counted', () => {
  interface DepsJson {
    services: { name: string; spans: number; errors: number; entry: boolean }[];
    edges: { from: string; to: string; calls: number; errors: number; p50Ms: number | null; p99Ms: number | null }[];
  }
  const deps = async (where: string): Promise<DepsJson> => (await runJson<DepsJson>(['deps', SHOP, '--where', where])).json;

  it('prints the tree and the edge table of the counted calls', async () => {
    const r = await runCli(['deps', SHOP, '--width', '100', '--where', 'service = "payments"']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        'SERVICE TREE      CALLS  ERRORS  ERR%     P50     P99',
        'frontend (entry)',
        '└─payments            2       1   50%  38.0ms  80.0ms',
        '',
        'CALLER    CALLEE    CALLS  ERRORS  ERR%     P50     P99',
        'frontend  payments      2       1   50%  38.0ms  80.0ms',
        '',
        '2 services, 1 edge, 2 calls in 4 traces',
        '',
      ].join('\n'),
    );
  });

  it('a caller with no counted span of its own is listed with 0 spans, still an entry service', async () => {
    expect(await deps('attr.http.status_code >= 500 and not root')).toEqual({
      services: [
        { name: 'frontend', spans: 0, errors: 0, entry: true },
        { name: 'payments', spans: 1, errors: 1, entry: false },
      ],
      edges: [{ from: 'frontend', to: 'payments', calls: 1, errors: 1, errorRate: 1, p50Ms: 80, p99Ms: 80 }],
      // The sampling summary is over the counted spans: the one payments span.
      sampling: unsampled(1),
      warnings: [],
      warningCounts: [],
    });
  });

  it('a service whose matching spans are not calls starts a tree of its own, and says why', async () => {
    const r = await runCli(['deps', SHOP, '--width', '100', '--where', 'error']);
    expect(r.stdout.split('\n').slice(0, 4)).toEqual([
      'SERVICE TREE                              CALLS  ERRORS  ERR%     P50     P99',
      'frontend (entry)',
      '└─payments                                    1       1  100%  80.0ms  80.0ms',
      'search (no call into it matches --where)',
    ]);
  });

  it('reads attributes (full spans) and structure', async () => {
    expect((await deps('has child (attr.db.system = "redis")')).edges.map((e) => `${e.from}→${e.to} ${e.calls}`)).toEqual(['frontend→search 1']);
    expect((await deps('kind = server and duration > 30ms')).edges.map((e) => `${e.from}→${e.to} ${e.calls}`)).toEqual(['frontend→payments 2', 'frontend→search 1']);
  });

  it('no matching span: no services', async () => {
    expect((await runCli(['deps', SHOP, '--where', 'service = "nope"'])).stdout).toBe('no spans\n');
  });
});

describe('convert --where: only the traces with a matching span are written', () => {
  it('to Zipkin (tags become strings), where numeric comparisons still work on the result', async () => {
    const out = join(tmp, 'payments.zipkin.json');
    const r = await runCli(['convert', SHOP, '--to', 'zipkin', '-o', out, '--where', 'service = "payments"', '-q']);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect((await runJson<TracesJson>(['traces', out])).json.traces.map((t) => t.traceId.slice(0, 4))).toEqual(['1111', '3333']);
    expect((await runJson<TracesJson>(['traces', out, '--where', 'attr.http.status_code >= 500'])).json.traces.map((t) => t.traceId.slice(0, 4))).toEqual(['1111']);
  });

  it('to a view format (built traces)', async () => {
    const out = join(tmp, 'errors.chrome.json');
    const r = await runCli(['convert', SHOP, '--to', 'chrome', '-o', out, '--where', 'error']);
    expect([r.status, r.stderr]).toEqual([0, `tracectl: wrote 2 traces (10 spans) as chrome to ${out}\n`]);
  });
});

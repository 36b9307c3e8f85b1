/**
 * `--by` with any keys in latency and stats, on fixtures/group/routes.otlp.json: twelve requests to
 * a frontend whose every HTTP span is named `GET` (server spans with http.route, client spans to the
 * cart without one), the cart's server `GET` spans with their own route, two pods per service.
 */
import { describe, expect, it } from 'vitest';
import { fixture, runCli, runJson } from '../helpers/cli.js';

const ROUTES = fixture('group/routes.otlp.json');

interface Group {
  service: string;
  operation: string | null;
  keys: Record<string, string | null>;
  count: number;
  errors: number;
}

describe('latency --by keys', () => {
  it('a column per key, aligned at 80 columns', async () => {
    const r = await runCli(['latency', ROUTES, '--by', 'service,attr.http.route', '--width', '80']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        'SERVICE   http.route         COUNT  ERR%     P50     P90     P95     P99     MAX',
        'frontend  /api/cart              4   25%  47.9ms  59.8ms  59.8ms  59.8ms  59.8ms',
        'cart      /cart/{id}             4   25%  18.5ms  22.0ms  22.0ms  22.0ms  22.0ms',
        'frontend  /api/products/{i…      4   25%  11.1ms  15.0ms  15.0ms  15.0ms  15.0ms',
        'frontend  /health                4    0%  1.19ms  1.99ms  1.99ms  1.99ms  1.99ms',
        '4 groups, 16 entry spans over 2.75s; exact nearest-rank percentiles',
        '',
      ].join('\n'),
    );
  });

  it('four key columns at 60: every column kept, names cut', async () => {
    const r = await runCli(['latency', ROUTES, '--by', 'operation,kind,resource.k8s.pod.name', '--all-spans', '--width', '60']);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.filter((l) => [...l].length > 60)).toEqual([]);
    expect(lines[0]).toBe('SERVICE  OPERA…  KIND    k8s.p…  COUNT  ERR%     P50     P99');
    expect(lines[4]).toBe('cart     GET     server  cart-x      2    0%  18.5ms  22.0ms');
  });

  it.each([80, 100, 200])('fits %i columns and keeps every key column whole', async (width) => {
    const r = await runCli(['latency', ROUTES, '--by', 'operation,kind,resource.k8s.pod.name', '--all-spans', '--width', String(width)]);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.filter((l) => [...l].length > width)).toEqual([]);
    expect(lines[0]).toMatch(/^SERVICE +OPERATION +KIND +k8s\.pod\.name +COUNT /);
    // Six groups: the frontend's server and client GETs per pod, the cart's server GETs per pod.
    expect(lines.slice(1, 7).map((l) => l.split(/ +/).slice(0, 4).join(' ')).sort()).toEqual([
      'cart GET server cart-x',
      'cart GET server cart-y',
      'frontend GET client frontend-a',
      'frontend GET client frontend-b',
      'frontend GET server frontend-a',
      'frontend GET server frontend-b',
    ]);
  });

  it('a span without the attribute groups under a visible (none); --json says null', async () => {
    const text = await runCli(['latency', ROUTES, '--by', 'kind,attr.http.route', '--all-spans', '--percentiles', '50', '--width', '80']);
    expect(text.stdout.split('\n').filter((l) => l.includes('(none)'))).toEqual(['frontend  client  (none)                 4       1   25%  20.4ms  19.5ms  23.0ms']);
    const { json } = await runJson<{ by: string; groupKeys: string[]; groups: Group[] }>(['latency', ROUTES, '--by', 'kind,attr:http.route', '--all-spans', '--sort', 'name']);
    expect(json.by).toBe('service,kind,attr.http.route');
    expect(json.groupKeys).toEqual(['service', 'kind', 'attr.http.route']);
    expect(json.groups.map((g) => [g.keys, g.count, g.errors])).toEqual([
      [{ service: 'cart', kind: 'server', 'attr.http.route': '/cart/{id}' }, 4, 1],
      [{ service: 'frontend', kind: 'client', 'attr.http.route': null }, 4, 1],
      [{ service: 'frontend', kind: 'server', 'attr.http.route': '/api/cart' }, 4, 1],
      [{ service: 'frontend', kind: 'server', 'attr.http.route': '/api/products/{id}' }, 4, 1],
      [{ service: 'frontend', kind: 'server', 'attr.http.route': '/health' }, 4, 0],
    ]);
    expect(json.groups.every((g) => g.operation === null)).toBe(true);
  });

  it('numbers group by their text; --where and --by together', async () => {
    const { json } = await runJson<{ groups: Group[] }>(['latency', ROUTES, '--by', 'service,attr.http.response.status_code', '--where', 'attr.http.route = "/cart/{id}"']);
    expect(json.groups.map((g) => [g.keys, g.count])).toEqual([
      [{ service: 'cart', 'attr.http.response.status_code': '200' }, 3],
      [{ service: 'cart', 'attr.http.response.status_code': '503' }, 1],
    ]);
  });

  it('--by operation is still one row per service and operation; by stays "operation"', async () => {
    const { json } = await runJson<{ by: string; groupKeys: string[]; groups: Group[] }>(['latency', ROUTES, '--by', 'operation', '--all-spans']);
    expect(json.by).toBe('operation');
    expect(json.groupKeys).toEqual(['service', 'operation']);
    expect(json.groups.map((g) => [g.service, g.operation, g.count])).toEqual([
      ['frontend', 'GET', 16],
      ['cart', 'GET', 4],
    ]);
  });

  it('a bad key: one line, exit 2, nothing read', async () => {
    const r = await runCli(['latency', 'no-such-file.json', '--by', 'service,duration']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("tracectl: --by: cannot group by 'duration' (duration has too many values); keys: service, operation, kind, status, attr.KEY, resource.KEY\n");
  });
});

describe('stats --by keys', () => {
  it('--by operation lumps the server and client GETs; adding kind tells them apart', async () => {
    const lumped = await runJson<{ groups: Group[] }>(['stats', ROUTES, '--by', 'operation']);
    expect(lumped.json.groups.map((g) => [g.service, g.operation, g.count])).toEqual([
      ['frontend', 'GET', 16],
      ['cart', 'GET', 4],
    ]);
    const r = await runCli(['stats', ROUTES, '--by', 'operation,kind', '--width', '80']);
    expect(r.stdout).toBe(
      [
        'Span statistics of 12 traces, by service, operation and kind',
        '',
        'SERVICE   OPERATION  KIND    SPANS   TOTAL    SELF  SELF%     AVG     MAX',
        'frontend  GET        server     12   244ms   163ms    67%  20.4ms  59.8ms',
        'cart      GET        server      4  77.4ms  77.4ms    32%  19.4ms  22.0ms',
        'frontend  GET        client      4  81.4ms  4.00ms   1.6%  20.4ms  23.0ms',
        '',
        '20 spans; SELF% is self time over the 244ms the traces last',
        '',
      ].join('\n'),
    );
  });

  it.each([60, 80, 100, 200])('attribute columns fit %i columns, (none) shown', async (width) => {
    const r = await runCli(['stats', ROUTES, '--by', 'service,kind,attr.http.route', '--width', String(width)]);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.filter((l) => [...l].length > width)).toEqual([]);
    expect(lines[2]).toMatch(/^SERVICE +KIND +http\.route +SPANS /);
    expect(lines.filter((l) => /^frontend +client +\(none\) +4 /.test(l))).toHaveLength(1);
  });

  it('--json: keys per group and the key names', async () => {
    const { json } = await runJson<{ groupKeys: string[]; groups: Group[] }>(['stats', ROUTES, '--by', 'resource.k8s.pod.name']);
    expect(json.groupKeys).toEqual(['service', 'resource.k8s.pod.name']);
    const rows = json.groups.map((g) => [g.keys, g.count]);
    expect(rows.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))).toEqual([
      [{ service: 'cart', 'resource.k8s.pod.name': 'cart-x' }, 2],
      [{ service: 'cart', 'resource.k8s.pod.name': 'cart-y' }, 2],
      [{ service: 'frontend', 'resource.k8s.pod.name': 'frontend-a' }, 8],
      [{ service: 'frontend', 'resource.k8s.pod.name': 'frontend-b' }, 8],
    ]);
  });
});

describe('deps --by keys', () => {
  it('the tree stays per service; the edge table splits each call by the callee span’s keys', async () => {
    const r = await runCli(['deps', ROUTES, '--by', 'service,attr.http.route,resource.k8s.pod.name', '--width', '80']);
    expect(r.stdout).toBe(
      [
        'SERVICE TREE      CALLS  ERRORS  ERR%     P50     P99',
        'frontend (entry)',
        '└─cart                4       1   25%  18.5ms  22.0ms',
        '',
        'CALLER    CALLEE  http.route  k8s.pod.name  CALLS  ERRORS  ERR%     P50     P99',
        'frontend  cart    /cart/{id}  cart-x            2       0    0%  18.5ms  22.0ms',
        'frontend  cart    /cart/{id}  cart-y            2       1   50%  17.3ms  19.6ms',
        '',
        '2 services, 1 edge, 4 calls in 12 traces',
        '',
      ].join('\n'),
    );
  });

  it.each([60, 100, 200])('fits %i columns', async (width) => {
    const r = await runCli(['deps', ROUTES, '--by', 'kind,status,attr.http.route', '--width', String(width)]);
    expect(r.stdout.split('\n').filter((l) => [...l].length > width)).toEqual([]);
    expect(r.stdout).toMatch(/CALLER +CALLEE +KIND +STATUS +http/);
  });

  it('--json: edges whole, keyedEdges with their keys; without --by no keyed edges', async () => {
    const { json } = await runJson<{ edges: unknown[]; edgeKeys: string[]; keyedEdges: { from: string; to: string; calls: number; errors: number; keys: Record<string, string | null> }[] }>([
      'deps',
      ROUTES,
      '--by',
      'status,attr.http.response.status_code,attr.nope',
    ]);
    expect(json.edges).toHaveLength(1);
    expect(json.edgeKeys).toEqual(['service', 'status', 'attr.http.response.status_code', 'attr.nope']);
    expect(json.keyedEdges.map((e) => [e.from, e.to, e.calls, e.errors, e.keys])).toEqual([
      ['frontend', 'cart', 3, 0, { service: 'cart', status: 'unset', 'attr.http.response.status_code': '200', 'attr.nope': null }],
      ['frontend', 'cart', 1, 1, { service: 'cart', status: 'error', 'attr.http.response.status_code': '503', 'attr.nope': null }],
    ]);
    const plain = await runJson<Record<string, unknown>>(['deps', ROUTES]);
    expect(Object.keys(plain.json)).not.toContain('keyedEdges');
  });

  it('a ClickHouse table refuses keys beyond the service in one line, before connecting', async () => {
    const r = await runCli(['deps', 'clickhouse://127.0.0.1:1/otel.otel_traces', '--by', 'service,attr.http.route']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'tracectl: --by attr.http.route: deps on a ClickHouse table counts calls per caller and callee service only; read the range as a dump for more keys (tracectl convert TABLE --to otlp | tracectl deps --by …)\n',
    );
  });
});

describe('critical-path --by keys', () => {
  it('aggregates the spans on each path by the keys, a column each, (none) for the client spans', async () => {
    const r = await runCli(['critical-path', ROUTES, '--by', 'service,attr.http.route', '--width', '80']);
    expect(r.stdout).toBe(
      [
        "Critical path over 12 traces: 244ms in total (the root spans' durations)",
        '',
        'SERVICE   http.route          CRITICAL  SHARE  TRACES     P50     P90     P99',
        'frontend  /api/cart              109ms    44%       4  28.4ms  41.5ms  41.5ms',
        'cart      /cart/{id}            77.4ms    32%       4  18.5ms  22.0ms  22.0ms',
        'frontend  /api/products/{id}    48.0ms    20%       4  11.1ms  15.0ms  15.0ms',
        'frontend  /health               6.13ms   2.5%       4  1.19ms  1.99ms  1.99ms',
        'frontend  (none)                4.00ms   1.6%       4  1.00ms  1.00ms  1.00ms',
        '',
        'SHARE: of all critical-path time; P50-P99: per trace it is on',
        '',
      ].join('\n'),
    );
  });

  it.each([60, 100, 200])('fits %i columns, with --by-root and --top', async (width) => {
    const r = await runCli(['critical-path', ROUTES, '--by', 'kind,resource.k8s.pod.name', '--by-root', '--top', '3', '--width', String(width)]);
    expect(r.stdout.split('\n').filter((l) => [...l].length > width)).toEqual([]);
    expect(r.stdout).toMatch(/\nSERVICE +KIND +k8s\.pod\.name +CRITICAL +SHARE/);
    expect(r.stdout).toContain('… 3 more groups: 40.9ms (17%)');
  });

  it('--json: groupKeys, and each group with its keys; shares add up to the whole', async () => {
    const { json } = await runJson<{ groupKeys: string[]; traces: number; groups: { keys: Record<string, string | null>; share: number; traces: number }[] }>(['critical-path', ROUTES, '--by', 'kind,attr.http.route']);
    expect(json.groupKeys).toEqual(['service', 'kind', 'attr.http.route']);
    expect(json.traces).toBe(12);
    expect(json.groups.map((g) => [g.keys, g.traces])).toEqual([
      [{ service: 'frontend', kind: 'server', 'attr.http.route': '/api/cart' }, 4],
      [{ service: 'cart', kind: 'server', 'attr.http.route': '/cart/{id}' }, 4],
      [{ service: 'frontend', kind: 'server', 'attr.http.route': '/api/products/{id}' }, 4],
      [{ service: 'frontend', kind: 'server', 'attr.http.route': '/health' }, 4],
      [{ service: 'frontend', kind: 'client', 'attr.http.route': null }, 4],
    ]);
    expect(json.groups.reduce((sum, g) => sum + g.share, 0)).toBeCloseTo(1, 12);
  });

  it('--by with --trace: exit 2', async () => {
    const r = await runCli(['critical-path', ROUTES, '--by', 'kind', '--trace', 'a000']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('tracectl: --by groups the critical paths of a dump; it does not go with --trace\n');
  });
});

describe('--by values from the dump', () => {
  const hostile = JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'api' } }] },
        scopeSpans: [
          {
            spans: [
              { traceId: 'b'.repeat(32), spanId: '1'.repeat(16), name: 'GET', kind: 2, startTimeUnixNano: '1000000000', endTimeUnixNano: '1002000000', attributes: [{ key: 'route', value: { stringValue: '/x\u001b[2J\u0007' } }] },
              { traceId: 'c'.repeat(32), spanId: '2'.repeat(16), name: 'GET', kind: 2, startTimeUnixNano: '1000000000', endTimeUnixNano: '1003000000' },
            ],
          },
        ],
      },
    ],
  });

  it('are escaped for the terminal; a missing value is dim in colour', async () => {
    const r = await runCli(['latency', '-', '--by', 'attr.route', '--color', '--width', '80'], { input: hostile });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('\u001b[2J');
    expect(r.stdout).not.toContain('\u0007');
    expect(r.stdout).toContain('\u001b[2m(none)\u001b[22m');
  });
});

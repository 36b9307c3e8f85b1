/**
 * `tracectl spans`: one row per matching span across traces. The shop fixture has four traces:
 *
 *   1111 frontend GET /checkout (error) ─ POST /charge ─ payments Charge (error) ─ SELECT cards
 *                                       └ GET /cart ─ cart GetCart
 *   2222 frontend GET /items ─ inventory ListItems ─ SELECT items
 *   3333 frontend GET /checkout ─ POST /charge ─ payments Charge ─ SELECT cards
 *   4444 frontend GET /search ─ search Query ─┬ redis GET (error, recovered)
 *                                             └ redis GET
 */
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/render/text.js';
import { fixture, runCli, runJson } from '../helpers/cli.js';

const SHOP = fixture('query/shop.otlp.json');

interface SpansJson {
  matchedSpans: number;
  shownSpans: number;
  sort: string;
  limit: number;
  spans: Record<string, unknown>[];
  warnings: unknown[];
  warningCounts: unknown[];
}

/** One OTLP trace of `count` spans under one root, each 1 ms longer than the one before. */
function manySpans(count: number): string {
  const spans = Array.from({ length: count }, (_, i) => ({
    traceId: 'ab'.repeat(16),
    spanId: (i + 1).toString(16).padStart(16, '0'),
    ...(i === 0 ? {} : { parentSpanId: '1'.padStart(16, '0') }),
    name: `op ${i}`,
    kind: 2,
    startTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(i) * 1000n),
    endTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(i) * 1000n + BigInt(i + 1) * 1_000_000n),
  }));
  return JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'api' } }] }, scopeSpans: [{ spans }] }] });
}

describe('tracectl spans: text', () => {
  it('lists the matching spans of every trace, longest first, aligned at 80 columns', async () => {
    const r = await runCli(['spans', SHOP, '--width', '80', '--where', 'kind = server and duration > 30ms']);
    expect(r).toEqual({
      status: 0,
      stderr: '',
      stdout: [
        'TRACE     SERVICE   OPERATION      KIND    START         DURATION  STATUS',
        '11111111  frontend  GET /checkout  server  22:13:20.000     120ms  error',
        '11111111  payments  Charge         server  22:13:20.015    80.0ms  error',
        '33333333  frontend  GET /checkout  server  22:13:20.300    50.0ms  unset',
        '44444444  frontend  GET /search    server  22:13:20.400    40.0ms  unset',
        '33333333  payments  Charge         server  22:13:20.306    38.0ms  unset',
        '44444444  search    Query          server  22:13:20.402    36.0ms  unset',
        '6 spans matching --where on 2023-11-14 (UTC), longest first',
        '',
      ].join('\n'),
    });
  });

  it('shows the span id when there is room, and the chosen attributes as the last columns', async () => {
    const r = await runCli(['spans', SHOP, '--where', 'attr.http.status_code != nil', '--attrs', 'http.status_code,k8s.pod.name', '--sort', 'start', '--limit', '3', '--width', '140']);
    expect(r.stdout).toBe(
      [
        'TRACE     SPAN              SERVICE   OPERATION      KIND    START         DURATION  STATUS  http.status_code  k8s.pod.name',
        '11111111  a000000000000001  frontend  GET /checkout  server  22:13:20.000     120ms  error   500               frontend-7d9f',
        '11111111  a000000000000003  payments  Charge         server  22:13:20.015    80.0ms  error   503               payments-5c4b',
        '11111111  a000000000000006  cart      GetCart        server  22:13:20.101    13.0ms  unset   200               cart-0a1b',
        '3 of 9 spans matching --where on 2023-11-14 (UTC), earliest first',
        '',
      ].join('\n'),
    );
  });

  it.each([60, 80, 100, 200])('fits %i columns, names before attributes, piped or not', async (width) => {
    for (const options of [{ columns: width }, { env: { COLUMNS: String(width) } }]) {
      const r = await runCli(['spans', SHOP, '--attrs', 'http.status_code,resource.k8s.pod.name', '--limit', '0'], options);
      expect(r.status).toBe(0);
      const lines = r.stdout.trimEnd().split('\n');
      expect(lines).toHaveLength(19); // header, 17 spans, footer
      for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
      if (width >= 80) {
        expect(lines[1]).toMatch(/ frontend +GET \/checkout /);
        expect(lines[0]).toMatch(/^TRACE {5}/);
      }
      if (width >= 200) expect(lines[0]).toContain('SPAN              SERVICE');
      if (width >= 100) expect(lines[1]).toContain('frontend-7d9f');
      if (width >= 200) expect(lines[0]).toContain('START');
    }
  });

  it('says on stderr how many matched when the default limit cuts the list; -q silences it', async () => {
    const input = manySpans(60);
    const r = await runCli(['spans', '--width', '100'], { input });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('tracectl: 60 spans match; showing the 50 longest (--limit 0 shows all)\n');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(52);
    expect(lines[1]).toContain('op 59');
    expect(lines[50]).toContain('op 10');
    expect(lines[51]).toBe('50 of 60 spans on 2023-11-14 (UTC), longest first');
    expect((await runCli(['spans', '-q'], { input })).stderr).toBe('');
    const all = await runCli(['spans', '--limit', '0', '--sort', '-duration'], { input });
    expect(all.stderr).toBe('');
    expect(all.stdout.trimEnd().split('\n')).toHaveLength(62);
    expect(all.stdout.split('\n')[1]).toContain('op 0');
    // An explicit limit is what the user asked for: no notice.
    expect((await runCli(['spans', '--limit', '5'], { input })).stderr).toBe('');
  });

  it('answers structural expressions on each trace\'s tree', async () => {
    const r = await runCli(['spans', SHOP, '--width', '80', '--where', 'has child (error)']);
    expect(r.stdout.split('\n').slice(1, 3)).toEqual([
      '11111111  frontend  POST /charge  client  22:13:20.010    90.0ms  unset',
      '44444444  search    Query         server  22:13:20.402    36.0ms  unset',
    ]);
    const calls = await runJson<SpansJson>(['spans', SHOP, '--where', 'service != parent.service', '--limit', '0']);
    expect(calls.json.spans.map((s) => `${s.service as string} ${s.operation as string}`).sort()).toEqual([
      'cart GetCart',
      'inventory ListItems',
      'payments Charge',
      'payments Charge',
      'search Query',
    ]);
  });

  it('in colour, lines up the same: colour codes wrap cells already cut to their width', async () => {
    const args = ['spans', SHOP, '--width', '80', '--attrs', 'http.status_code,resource.k8s.pod.name', '--limit', '0'];
    const plain = await runCli(args);
    const coloured = await runCli([...args, '--color']);
    expect(coloured.stdout).toContain('\u001b[');
    expect(coloured.stdout.replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain.stdout);
  });

  it('says so when nothing matches, and exits 0 like the other listings', async () => {
    expect(await runCli(['spans', SHOP, '--where', 'service = "nope"'])).toEqual({ status: 0, stderr: '', stdout: 'No span matches --where\n' });
  });

  it('escapes hostile strings from the dump', async () => {
    const r = await runCli(['spans', fixture('hostile/escapes.otlp.json'), '--width', '200', '--attrs', 'url', '-q']);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(r.stdout).toContain('\\x1b]0;');
  });

  it('refuses what it cannot use, with exit code 2 and one line', async () => {
    expect(await runCli(['spans', SHOP, '--limit', '-1'])).toEqual({ status: 2, stdout: '', stderr: "tracectl: --limit must be a whole number (0 shows every span), got '-1'\n" });
    expect(await runCli(['spans', SHOP, '--attrs', ' , '])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'tracectl: --attrs needs at least one attribute key, such as http.route or resource.k8s.pod.name\n',
    });
    const typo = await runCli(['spans', SHOP, '--where', 'durtion > 1s']);
    expect(typo.status).toBe(2);
    expect(typo.stderr.split('\n')[0]).toBe("tracectl: --where: unknown field 'durtion' (did you mean 'duration'?) at column 1");
    expect((await runCli(['spans', SHOP, '--max-traces', '5'])).stderr).toContain('--max-traces applies to table inputs');
  });
});

describe('tracectl spans --json', () => {
  it('is one document: the rows with units in their names, the totals and the warnings', async () => {
    const { json, stderr } = await runJson<SpansJson>(['spans', SHOP, '--where', 'service = "payments" and error', '--attrs', 'http.status_code,missing']);
    expect(stderr).toBe('');
    expect(json).toEqual({
      matchedSpans: 1,
      shownSpans: 1,
      sort: 'duration',
      limit: 50,
      spans: [
        {
          traceId: '11111111111111111111111111111111',
          spanId: 'a000000000000003',
          parentSpanId: 'a000000000000002',
          service: 'payments',
          operation: 'Charge',
          kind: 'server',
          startTimeUnixNano: '1700000000015000000',
          startTime: '2023-11-14T22:13:20.015000Z',
          durationMs: 80,
          status: 'error',
          statusMessage: 'card declined',
          attributes: { 'http.status_code': 503 },
          resource: { 'service.name': 'payments', 'k8s.pod.name': 'payments-5c4b' },
          columns: { 'http.status_code': 503, missing: null },
        },
      ],
      warnings: [],
      warningCounts: [],
    });
  });

  it('gives the same rows whether the expression is answered span by span or on the trees', async () => {
    for (const input of [SHOP, fixture('equivalent/checkout.otlp.json'), fixture('equivalent/checkout.jaeger.json')]) {
      let matched = 0;
      for (const where of ['kind = server', 'duration > 10ms', 'attr.http.status_code >= 500 or service = "cart"', 'not error']) {
        const streamed = await runJson<SpansJson>(['spans', input, '--where', where, '--limit', '0', '--sort', 'start']);
        // `depth >= 0` is true of every span, and makes the command build the trees.
        const built = await runJson<SpansJson>(['spans', input, '--where', `(${where}) and depth >= 0`, '--limit', '0', '--sort', 'start']);
        matched += streamed.json.matchedSpans;
        expect(built.json).toEqual(streamed.json);
      }
      expect(matched).toBeGreaterThan(4);
    }
  });

  it('reads several inputs, gzip among them, as one list', async () => {
    const { json } = await runJson<SpansJson>(['spans', SHOP, fixture('equivalent/checkout.jaeger.json.gz'), '--where', 'service = "frontend" and kind = server', '--limit', '0', '--sort', 'start']);
    expect(json.spans.map((s) => `${(s.traceId as string).slice(0, 4)} ${s.operation as string}`)).toEqual([
      '0af7 GET /checkout',
      '1111 GET /checkout',
      '2222 GET /items',
      '3333 GET /checkout',
      '4444 GET /search',
    ]);
  });

  it('reads standard input, and every span without --where', async () => {
    const { json } = await runJson<SpansJson>(['spans', '--limit', '0'], { input: manySpans(3) });
    expect(json.matchedSpans).toBe(3);
    expect(json.spans.map((s) => s.durationMs)).toEqual([3, 2, 1]);
  });
});

describe('tracectl spans on a table input', () => {
  const TABLE = 'clickhouse://127.0.0.1:1/otel?table=otel_traces';
  it('fetches a sample of traces whole and lists their spans: --explain shows the statements, values as parameters', async () => {
    const r = await runCli(['spans', TABLE, '--from', '2024-05-01T10:00:00Z', '--to', '2024-05-01T11:00:00Z', '--where', 'service = "x\'--"', '--max-traces', '20', '--explain']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain("--   p0 = 'x\\'--'");
    expect(r.stdout).toContain('-- 2. a sample of the traces of the range');
    expect(r.stdout).toContain('WHERE TraceId IN {p0:Array(String)}');
    expect(r.stdout).not.toContain("'x'--'");
  });
});

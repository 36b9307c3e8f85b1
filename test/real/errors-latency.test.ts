/**
 * `tracectl errors` and `tracectl latency` on a real capture of the OpenTelemetry Demo (astronomy
 * shop): 141 traces, 547 spans, 107 of them failed. The expected numbers were worked out apart from
 * tracectl, by a small script that JSON.parses the lines, links spans by parentSpanId, and applies the
 * definitions (origins, recovered, entry spans, nearest rank) directly; the error-span count is also
 * recounted here the same way.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cells } from '../helpers/cells.js';
import { runCli } from '../helpers/cli.js';
import { realDump } from '../helpers/real-dumps.js';

const DUMP = realDump('otlp/otel-tui__test_data.filtered.jsonl');

interface ErrorsJson {
  totals: Record<string, number>;
  groups: { count: number; chains: number; origin: { service: string; operation: string }; reason: string; path: string[] }[];
  traces: { traceId: string; chains: unknown[]; recovered: unknown[] }[];
}

interface LatencyJson {
  windowSec: number;
  groups: { service: string; count: number; errors: number; maxMs: number; percentilesMs: Record<string, number> }[];
}

async function json<T>(args: string[]): Promise<T> {
  const result = await runCli([...args, '--json', '-q']);
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as T;
}

/** Error spans counted straight from the lines: OTLP status code 2. */
function rawErrorSpans(): number {
  let n = 0;
  for (const line of readFileSync(DUMP, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const doc = JSON.parse(line) as { resourceSpans?: { scopeSpans?: { spans?: { status?: { code?: number } }[] }[] }[] };
    for (const rs of doc.resourceSpans ?? []) for (const ss of rs.scopeSpans ?? []) for (const s of ss.spans ?? []) if (s.status?.code === 2) n++;
  }
  return n;
}

describe('errors and latency on the OpenTelemetry Demo dump', () => {
  it('errors: 107 error spans in 59 traces, each with one chain, none recovered', async () => {
    expect(rawErrorSpans()).toBe(107);
    const report = await json<ErrorsJson>(['errors', DUMP]);
    expect(report.totals).toEqual({ traces: 141, tracesWithErrors: 59, tracesWithChains: 59, errorSpans: 107, chains: 59, recovered: 0 });
    expect(report.traces.every((t) => t.chains.length === 1 && t.recovered.length === 0)).toBe(true);
  });

  it('errors: nine signatures, the frontend POST 500s first', async () => {
    const report = await json<ErrorsJson>(['errors', DUMP]);
    const unavailable = '<n> UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED <ip>:<n> (<time>)';
    expect(report.groups.map((g) => [g.count, `${g.origin.service} ${g.origin.operation}`, g.reason, g.path.length])).toEqual([
      [15, 'frontend POST', 'HTTP 500', 4],
      [13, 'loadgenerator GET', 'ConnectionError', 1],
      [8, 'frontend grpc.oteldemo.CartService/AddItem', unavailable, 2],
      [6, 'loadgenerator POST', 'ConnectionError', 1],
      [5, 'frontend GET', 'HTTP 500', 4],
      [4, 'checkoutservice oteldemo.CartService/GetCart', 'connection error: desc = "transport: Error while dialing: dial tcp: lookup cartservice on <ip>:<n>: server misbehaving"', 5],
      [3, 'frontend grpc.oteldemo.CartService/GetCart', unavailable, 2],
      [3, 'frontend grpc.oteldemo.CartService/AddItem', '<n> UNAVAILABLE: Name resolution failed for target dns:cartservice:<n>', 2],
      [2, 'frontend grpc.oteldemo.AdService/GetAds', unavailable, 2],
    ]);
    expect(report.groups[0]!.path).toEqual(['loadgenerator:POST', 'frontend-proxy:ingress', 'frontend-proxy:router frontend egress', 'frontend:POST']);
  });

  it('errors text: the top group is the first line; --fail-on-error exits 1; 80 columns hold', async () => {
    const result = await runCli(['errors', DUMP, '-q', '--width', '80', '--fail-on-error']);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('tracectl: --fail-on-error: 59 traces have error chains\n');
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('15 traces fail in frontend POST: HTTP 500');
    for (const line of lines) expect(cells(line)).toBeLessThanOrEqual(80);
  });

  it('latency: entry spans per service with exact nearest-rank percentiles', async () => {
    const result = await json<LatencyJson>(['latency', DUMP]);
    expect(result.windowSec).toBe(49.937507668);
    expect(result.groups.map((g) => [g.service, g.count, g.errors, g.percentilesMs['50'], g.percentilesMs['99'], g.maxMs])).toEqual([
      ['flagd', 18, 0, 0.055575, 48510.395614, 48510.395614],
      ['loadgenerator', 83, 39, 10.965627, 5010.335953, 5010.335953],
      ['frontend-proxy', 75, 0, 7.139, 5009.035, 5009.035],
      ['frontend', 128, 40, 4.461391, 5005.201448, 5008.529287],
      ['adservice', 9, 0, 2.368816, 200.592518, 200.592518],
      ['recommendationservice', 4, 0, 3.13205, 7.974527, 7.974527],
      ['productcatalogservice', 40, 0, 0.09276, 1.798963, 1.798963],
      ['checkoutservice', 4, 4, 0.171342, 0.380558, 0.380558],
    ]);
  });

  it('latency text at 120 columns', async () => {
    const result = await runCli(['latency', DUMP, '-q', '--width', '120']);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      [
        'SERVICE                COUNT  ERRORS  ERR%    MEAN     P50     P90     P95     P99     MAX    RATE',
        'flagd                     18       0    0%   6.45s  55.6µs   37.5s   48.5s   48.5s   48.5s  0.36/s',
        'loadgenerator             83      39   47%   125ms  11.0ms  34.2ms  80.4ms   5.01s   5.01s  1.66/s',
        'frontend-proxy            75       0    0%   134ms  7.14ms  30.0ms   242ms   5.01s   5.01s  1.50/s',
        'frontend                 128      40   31%   149ms  4.46ms  26.1ms   240ms   5.01s   5.01s  2.56/s',
        'adservice                  9       0    0%  24.4ms  2.37ms   201ms   201ms   201ms   201ms  0.18/s',
        'recommendationservice      4       0    0%  4.81ms  3.13ms  7.97ms  7.97ms  7.97ms  7.97ms  0.08/s',
        'productcatalogservice     40       0    0%   202µs  92.8µs   236µs   296µs  1.80ms  1.80ms  0.80/s',
        'checkoutservice            4       4  100%   256µs   171µs   381µs   381µs   381µs   381µs  0.08/s',
        '8 services, 361 entry spans over 49.9s; exact nearest-rank percentiles',
        '',
      ].join('\n'),
    );
  });
});

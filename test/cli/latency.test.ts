import { describe, expect, it } from 'vitest';
import { cells } from '../helpers/cells.js';
import { fixture, runCli, runJson } from '../helpers/cli.js';

interface Group {
  service: string;
  operation: string | null;
  count: number;
  errors: number;
  errorRate: number;
  meanMs: number;
  maxMs: number;
  percentilesMs: Record<string, number>;
  ratePerSec: number | null;
  histogram?: { fromMs: number; toMs: number; count: number }[];
}
interface LatencyJson {
  by: string;
  spans: string;
  percentiles: number[];
  sort: string;
  windowSec: number;
  untimedSpans: number;
  groups: Group[];
}

const TEN = fixture('latency/ten-requests.json');
const ENTRY = fixture('latency/entry-spans.json');

describe('tracectl latency', () => {
  it('exact nearest-rank percentiles over ten requests of 3,1,4,1,5,9,2,6,5,3 ms (one failed), rate over 903ms', async () => {
    // Sorted: 1 1 2 3 3 4 5 5 6 9. p50 = rank 5 = 3ms; p90 = rank 9 = 6ms; p95 = p99 = rank 10 = 9ms.
    // Request i starts at i×100ms: the last (3ms) starts at 900ms, so the dump spans 903ms.
    const { json } = await runJson<LatencyJson>(['latency', TEN]);
    expect(json).toEqual({
      by: 'service',
      groupKeys: ['service'],
      spans: 'entry',
      percentiles: [50, 90, 95, 99],
      sort: 'p99',
      windowSec: 0.903,
      untimedSpans: 0,
      sampling: {
        sampled: false,
        weighted: false,
        spans: 10,
        spansWithProbability: 0,
        spansWithoutProbability: 0,
        minProbability: null,
        maxProbability: null,
        methods: [],
        tailPolicies: [],
        sample: null,
      },
      groups: [
        {
          service: 'api',
          operation: null,
          keys: { service: 'api' },
          count: 10,
          errors: 1,
          errorRate: 0.1,
          meanMs: 3.9,
          maxMs: 9,
          percentilesMs: { '50': 3, '90': 6, '95': 9, '99': 9 },
          ratePerSec: 10 / 0.903,
        },
      ],
      warnings: [],
      warningCounts: [],
    });
  });

  it('entry spans: server, consumer, roots and calls from another service; not internal or outgoing client spans', async () => {
    // f1: frontend GET /cart (server, root) → render (internal), GetCart (client) → cart GetCart (server)
    //     → cart redis GET (client) → redis GET (internal, parent in cart); frontend publish (producer)
    //     → billing process order (consumer, failed).
    // f2: loadgen GET /cart (client, root) → frontend GET /cart (server) → render (internal).
    const { json } = await runJson<LatencyJson>(['latency', ENTRY, '--by', 'operation', '--sort', 'name']);
    expect(json.groups.map((g) => [g.service, g.operation, g.count, g.errors, g.percentilesMs['50']])).toEqual([
      ['billing', 'process order', 1, 1, 30],
      ['cart', 'GetCart', 1, 0, 46],
      ['frontend', 'GET /cart', 2, 0, 100],
      ['loadgen', 'GET /cart', 1, 0, 120],
      ['redis', 'GET', 1, 0, 3],
    ]);
  });

  it('--all-spans counts every span', async () => {
    const { json } = await runJson<LatencyJson>(['latency', ENTRY, '--all-spans', '--sort', 'count']);
    expect(json.spans).toBe('all');
    // frontend: GET /cart, render, GetCart, publish order in f1, GET /cart and render in f2.
    expect(json.groups.map((g) => [g.service, g.count])).toEqual([
      ['frontend', 6],
      ['cart', 2],
      ['billing', 1],
      ['loadgen', 1],
      ['redis', 1],
    ]);
  });

  it('--percentiles and --sort by one of them; --histogram in JSON', async () => {
    const { json } = await runJson<LatencyJson>(['latency', TEN, '--percentiles', '99.9,10', '--histogram']);
    expect(json.percentiles).toEqual([10, 99.9]);
    expect(json.sort).toBe('p99.9');
    expect(json.groups[0]!.percentilesMs).toEqual({ '10': 1, '99.9': 9 });
    expect(json.groups[0]!.histogram).toEqual([
      { fromMs: 1, toMs: 2, count: 2 },
      { fromMs: 2, toMs: 5, count: 4 },
      { fromMs: 5, toMs: 10, count: 4 },
    ]);
  });

  it('text: an aligned table that fits --width, percentiles said to be exact', async () => {
    const result = await runCli(['latency', TEN, '--width', '100']);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      [
        'SERVICE  COUNT  ERRORS  ERR%    MEAN     P50     P90     P95     P99     MAX    RATE',
        'api         10       1   10%  3.90ms  3.00ms  6.00ms  9.00ms  9.00ms  9.00ms  11.1/s',
        '1 service, 10 entry spans over 903ms; exact nearest-rank percentiles',
        '',
      ].join('\n'),
    );
    const narrow = await runCli(['latency', ENTRY, '--by', 'operation', '--all-spans', '--histogram', '--width', '50']);
    for (const line of narrow.stdout.trimEnd().split('\n')) expect(cells(line)).toBeLessThanOrEqual(50);
  });

  it('--help says the percentiles are exact and which spans count', async () => {
    const help = (await runCli(['latency', '--help'])).stdout;
    expect(help).toContain('Percentiles are exact: the nearest-rank value over every duration (no sampling,\nno interpolation)');
    expect(help).toContain('SERVER and CONSUMER\nspans, roots, and spans whose parent belongs to another service');
  });

  it('bad --percentiles and --sort are usage errors (exit 2) before reading input', async () => {
    const bad = await runCli(['latency', TEN, '--percentiles', '50,0']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("tracectl: --percentiles must be numbers above 0 and at most 100, separated by commas (e.g. 50,90,99.9), got '50,0'\n");
    const sort = await runCli(['latency', TEN, '--sort', 'p75']);
    expect(sort.status).toBe(2);
    expect(sort.stderr).toBe("tracectl: --sort 'p75' is not one of: p50, p90, p95, p99, count, errors, error-rate, mean, max, rate, name\n");
  });
});

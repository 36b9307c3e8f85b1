import { describe, expect, it } from 'vitest';
import { cells } from '../helpers/cells.js';
import { fixture, runCli, runJson } from '../helpers/cli.js';

interface Step {
  spanId: string;
  service: string;
  operation: string;
  error: boolean;
  message: string | null;
}
interface ErrorsJson {
  totals: Record<string, number>;
  traces: {
    traceId: string;
    chains: { origin: { spanId: string; service: string; operation: string; message: string | null; reason: string }; path: Step[] }[];
    recovered: { spanId: string; service: string; operation: string; message: string | null; absorbedBy: { spanId: string }; origins: { spanId: string }[] }[];
  }[];
  groups: { signature: string; count: number; chains: number; traceIds: string[] }[];
}

const SHOP = fixture('errors/otlp-shop.json');
const E = (c: string): string => c.repeat(16);

describe('tracectl errors', () => {
  it('OTLP: one origin per checkout trace, the recovered cache miss apart, two origins in the fan-out trace', async () => {
    const { json } = await runJson<ErrorsJson>(['errors', SHOP]);
    expect(json.totals).toEqual({ traces: 5, tracesWithErrors: 4, tracesWithChains: 3, errorSpans: 12, chains: 4, recovered: 1 });
    expect(json.traces.map((t) => t.traceId)).toEqual([E('e1'), E('e2'), E('e3'), E('e4')]);

    const [first] = json.traces;
    expect(first!.chains).toHaveLength(1);
    expect(first!.chains[0]!.path.map((s) => [s.service, s.operation, s.error, s.message])).toEqual([
      ['frontend', 'GET /checkout', true, 'HTTP 500'],
      ['frontend', 'POST checkout', true, null],
      ['checkout', 'PlaceOrder', true, 'charge failed'],
      ['checkout', 'charge-card', false, null],
      ['payments', 'Charge', true, 'TimeoutError: deadline exceeded after 5003ms'],
    ]);
    expect(first!.chains[0]!.origin).toEqual({ spanId: 'a100000000000006', service: 'payments', operation: 'Charge', message: 'TimeoutError: deadline exceeded after 5003ms', reason: 'TimeoutError' });

    const recovered = json.traces[2]!;
    expect(recovered.chains).toEqual([]);
    expect(recovered.recovered).toEqual([
      {
        spanId: 'b300000000000003',
        service: 'catalog',
        operation: 'cache Get',
        message: 'RedisTimeoutError: timeout after 20ms',
        absorbedBy: { spanId: 'b300000000000002', service: 'catalog', operation: 'GetProduct' },
        origins: [{ spanId: 'b300000000000003', service: 'catalog', operation: 'cache Get', message: 'RedisTimeoutError: timeout after 20ms', reason: 'RedisTimeoutError' }],
      },
    ]);

    const fanOut = json.traces[3]!;
    expect(fanOut.chains.map((c) => [c.origin.service, c.origin.message, c.path.map((s) => s.message)])).toEqual([
      ['ads', 'ads backend down: connect ECONNREFUSED 10.0.3.7:9555', ['HTTP 503', 'ads backend down: connect ECONNREFUSED 10.0.3.7:9555']],
      ['recs', 'timeout after 35ms', ['HTTP 503', 'timeout after 35ms']],
    ]);

    expect(json.groups).toEqual([
      {
        signature: 'frontend:GET /checkout > frontend:POST checkout > checkout:PlaceOrder > checkout:charge-card > payments:Charge | TimeoutError',
        count: 2,
        chains: 2,
        traceIds: [E('e1'), E('e2')],
        origin: { service: 'payments', operation: 'Charge' },
        reason: 'TimeoutError',
        path: ['frontend:GET /checkout', 'frontend:POST checkout', 'checkout:PlaceOrder', 'checkout:charge-card', 'payments:Charge'],
      },
      {
        signature: 'frontend:GET /home > ads:GetAds | ads backend down: connect ECONNREFUSED <ip>:<n>',
        count: 1,
        chains: 1,
        traceIds: [E('e4')],
        origin: { service: 'ads', operation: 'GetAds' },
        reason: 'ads backend down: connect ECONNREFUSED <ip>:<n>',
        path: ['frontend:GET /home', 'ads:GetAds'],
      },
      {
        signature: 'frontend:GET /home > recs:ListRecommendations | timeout after <n>ms',
        count: 1,
        chains: 1,
        traceIds: [E('e4')],
        origin: { service: 'recs', operation: 'ListRecommendations' },
        reason: 'timeout after <n>ms',
        path: ['frontend:GET /home', 'recs:ListRecommendations'],
      },
    ]);
  });

  it('Jaeger: error logs (error.kind + message, error.object) and the HTTP status tag', async () => {
    const { json } = await runJson<ErrorsJson>(['errors', fixture('errors/jaeger-error-logs.json')]);
    expect(json.traces).toHaveLength(1);
    expect(json.traces[0]!.chains.map((c) => c.path.map((s) => [s.service, s.operation, s.error, s.message]))).toEqual([
      [
        ['gateway', 'GET /orders', true, 'HTTP 502'],
        ['orders', 'ListOrders', true, 'OrderStoreError: could not list orders for customer 4411'],
        ['orders', 'SELECT orders', true, 'java.sql.SQLException: connection reset'],
      ],
    ]);
    expect(json.groups.map((g) => g.signature)).toEqual(['gateway:GET /orders > orders:ListOrders > orders:SELECT orders | java.sql.SQLException: connection reset']);
  });

  it('Zipkin: the error tag value is the message, a bare marker is none; the shared server half is on the path', async () => {
    const { json } = await runJson<ErrorsJson>(['errors', fixture('errors/zipkin-error-tags.json')]);
    expect(json.traces[0]!.chains.map((c) => c.path.map((s) => [s.service, s.operation, s.message]))).toEqual([
      [
        ['web', 'get /cart', 'HTTP 503'],
        ['web', 'get', null],
        ['cart', 'get', 'upstream connect error or disconnect/reset before headers'],
      ],
    ]);
  });

  it('text: the top group is the first line; every line fits --width', async () => {
    const result = await runCli(['errors', SHOP, '--width', '80']);
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 3)).toEqual([
      '2 traces fail in payments Charge: TimeoutError',
      '    via frontend:GET /checkout > frontend:POST checkout > checkout:PlaceOrder >…',
      '    e.g. e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1 e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2',
    ]);
    expect(lines.slice(-1)).toEqual(['4 of 5 traces with errors, 12 error spans: 4 chains in 3 traces, 3 signatures, …']);
    for (const line of lines) expect(cells(line)).toBeLessThanOrEqual(80);
  });

  it('--trace takes a unique prefix', async () => {
    const result = await runCli(['errors', SHOP, '--trace', 'e3e3', '--width', '110']);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      [
        'trace e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3  frontend GET /product  (1 recovered)',
        '  recovered catalog cache Get: RedisTimeoutError: timeout after 20ms (absorbed by catalog GetProduct)',
        '',
        '1 of 1 trace with errors, 1 error span: 0 chains in 0 traces, 0 signatures, 1 recovered',
        '',
      ].join('\n'),
    );
  });

  it('--fail-on-error: exit 1 when a chain is found, 0 when errors were all recovered or absent', async () => {
    const failing = await runCli(['errors', SHOP, '--fail-on-error', '--json']);
    expect(failing.status).toBe(1);
    expect(failing.stderr).toBe('tracectl: --fail-on-error: 3 traces have error chains\n');
    expect((JSON.parse(failing.stdout) as ErrorsJson).totals.chains).toBe(4);

    expect((await runCli(['errors', SHOP, '--fail-on-error', '--trace', 'e3'])).status).toBe(0);
    expect((await runCli(['errors', SHOP, '--fail-on-error', '--trace', 'e5'])).status).toBe(0);
    expect((await runCli(['errors', SHOP, '--trace', 'e1'])).status).toBe(0);
  });

  it('a trace without errors; an unknown trace is a usage error (exit 2)', async () => {
    expect((await runCli(['errors', SHOP, '--trace', 'e5'])).stdout).toBe('no errors in 1 trace\n');
    const missing = await runCli(['errors', SHOP, '--trace', 'ff']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe("tracectl: no trace matches --trace 'ff' (the input has 5 traces; run 'tracectl traces' to list them)\n");
  });
});

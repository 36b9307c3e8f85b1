/**
 * Every backend API shape read from a URL, end to end through the built CLI: a local server on
 * 127.0.0.1 answers with recorded-style responses (fixtures/url), and `tracectl traces <url>` must
 * list exactly the traces a file with the same content lists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiServer, startApiServer } from './helpers/api-server.js';
import { runCli } from '../helpers/cli.js';

const A = '4bf92f3577b34da6a3ce929d0e0e4736';
const B = '0af7651916cd43dd8448eb211c80319c';

interface TraceRow {
  traceId: string;
  rootService: string;
  rootOperation: string;
  durationMs: number;
  spans: number;
  services: number;
  errors: number;
}

const ROW_A: TraceRow = { traceId: A, rootService: 'frontend', rootOperation: 'GET /checkout', durationMs: 120, spans: 3, services: 2, errors: 1 };
const ROW_B: TraceRow = { traceId: B, rootService: 'frontend', rootOperation: 'GET /health', durationMs: 5, spans: 1, services: 1, errors: 0 };

let server: ApiServer;

beforeAll(async () => {
  server = await startApiServer({
    // Jaeger query API (v1 JSON) and api_v3
    '/api/traces?service=frontend&lookback=1h&limit=20': { fixture: 'url/jaeger-search.json' },
    [`/api/traces/${A}`]: { fixture: 'url/jaeger-trace.json' },
    [`/api/v3/traces/${A}`]: { fixture: 'url/jaeger-v3-trace.json' },
    // Tempo v1 and v2 trace by id, behind a path prefix as in a Grafana Cloud / gateway setup
    [`/tempo/api/traces/${A}`]: { fixture: 'url/tempo-v1-trace-a.json' },
    [`/tempo/api/traces/${B}`]: { fixture: 'url/tempo-v1-trace-b.json' },
    [`/tempo/api/v2/traces/${A}`]: { fixture: 'url/tempo-v2-trace-a.json' },
    '/tempo/api/search': { fixture: 'url/tempo-search.json' },
    // Zipkin v2 search and one trace
    '/zipkin/api/v2/traces?serviceName=frontend&lookback=3600000': { fixture: 'url/zipkin-traces.json' },
    [`/zipkin/api/v2/trace/${A}`]: { fixture: 'url/zipkin-trace.json' },
  });
});

afterAll(async () => {
  await server.close();
});

async function listTraces(path: string, extra: string[] = []): Promise<{ rows: TraceRow[]; stderr: string }> {
  const result = await runCli(['traces', `${server.url}${path}`, '--json', ...extra]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  const json = JSON.parse(result.stdout) as { traces: (TraceRow & Record<string, unknown>)[] };
  const rows = json.traces.map(({ traceId, rootService, rootOperation, durationMs, spans, services, errors }) => ({
    traceId,
    rootService,
    rootOperation,
    durationMs,
    spans,
    services,
    errors,
  }));
  return { rows, stderr: result.stderr };
}

describe('Jaeger', () => {
  it('reads a search (/api/traces?service=...) with every trace it returned', async () => {
    const { rows } = await listTraces('/api/traces?service=frontend&lookback=1h&limit=20');
    expect(rows).toEqual([ROW_A, ROW_B]);
  });

  it('reads one trace by id (/api/traces/<id>)', async () => {
    expect((await listTraces(`/api/traces/${A}`)).rows).toEqual([ROW_A]);
  });

  it('reads api_v3 (/api/v3/traces/<id>, OTLP inside {"result":...})', async () => {
    expect((await listTraces(`/api/v3/traces/${A}`)).rows).toEqual([ROW_A]);
  });

  it('asks for JSON', async () => {
    await listTraces(`/api/traces/${A}`);
    const seen = server.requests.filter((r) => r.url === `/api/traces/${A}`).at(-1);
    expect(seen?.headers.accept).toBe('application/json');
    expect(seen?.headers['accept-encoding']).toBe('gzip, deflate, br');
  });
});

describe('Tempo', () => {
  it('reads a trace by id from the v1 API (base64 ids, enum names, "batches")', async () => {
    expect((await listTraces(`/tempo/api/traces/${A}`)).rows).toEqual([ROW_A]);
  });

  it('reads a trace by id from the v2 API ({"trace":{...}})', async () => {
    expect((await listTraces(`/tempo/api/v2/traces/${A}`)).rows).toEqual([ROW_A]);
  });

  it('follows a TraceQL search with a fetch of every trace id it found, on the same base path', async () => {
    const before = server.requests.length;
    const q = encodeURIComponent('{ status = error }');
    server.route(`/tempo/api/search?q=${q}&limit=20`, { fixture: 'url/tempo-search.json' });
    const { rows } = await listTraces(`/tempo/api/search?q=${q}&limit=20`);
    expect(rows).toEqual([ROW_A, ROW_B]);
    expect(server.requests.slice(before).map((r) => r.url)).toEqual([`/tempo/api/search?q=${q}&limit=20`, `/tempo/api/traces/${A}`, `/tempo/api/traces/${B}`]);
  });
});

describe('Zipkin', () => {
  it('reads a search (/api/v2/traces?serviceName=..., a list of traces)', async () => {
    const { rows } = await listTraces('/zipkin/api/v2/traces?serviceName=frontend&lookback=3600000');
    expect(rows).toEqual([
      { ...ROW_A, rootOperation: 'get /checkout' },
      { ...ROW_B, rootOperation: 'get /health' },
    ]);
  });

  it('reads one trace (/api/v2/trace/<id>)', async () => {
    expect((await listTraces(`/zipkin/api/v2/trace/${A}`)).rows).toEqual([{ ...ROW_A, rootOperation: 'get /checkout' }]);
  });
});

describe('mixed inputs', () => {
  it('reads a URL and a file together, as one dump', async () => {
    const result = await runCli(['traces', `${server.url}/api/traces/${A}`, 'fixtures/url/tempo-v1-trace-b.json', '--json']);
    expect(result.status).toBe(0);
    expect((JSON.parse(result.stdout) as { traces: { traceId: string }[] }).traces.map((t) => t.traceId)).toEqual([A, B]);
  });
});

/**
 * The real Jaeger, Tempo, OTLP and Zipkin responses in ../shared/real-traces, served by a local
 * server on 127.0.0.1 at the API paths they came from, read as URLs: plain, gzip-encoded and in
 * slow small chunks, each must list exactly what the same file lists. A Tempo search is built from
 * the real Tempo trace responses and followed through the trace-by-id fetches.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { REAL, realDumps } from '../helpers/real-dumps.js';
import { type ApiServer, startApiServer } from '../url/helpers/api-server.js';

/** The API path each folder's files answer, as the backends serve them. */
const API_PATH: Record<string, (n: number) => string> = {
  jaeger: (n) => `/jaeger/api/traces/${n}`,
  otlp: (n) => `/otlp/api/v3/traces/${n}`,
  tempo: (n) => `/tempo/api/traces/${n}`,
  'zipkin-v1': (n) => `/zipkin1/api/v1/trace/${n}`,
  'zipkin-v2': (n) => `/zipkin/api/v2/trace/${n}`,
};

interface Served {
  file: string;
  path: string;
}

interface TracesJson {
  traces: unknown[];
  warningCounts: { code: string; count: number }[];
}

const served: Served[] = [];
let server: ApiServer;

beforeAll(async () => {
  server = await startApiServer();
  let n = 0;
  for (const folder of Object.keys(API_PATH)) {
    for (const file of realDumps(folder)) {
      const path = (API_PATH[folder] as (n: number) => string)(n++);
      const body = readFileSync(file);
      server.route(path, { body });
      server.route(`${path}/gz`, { body, gzip: true });
      server.route(`${path}/chunked`, { body, chunkBytes: 4096, chunkDelayMs: 1 });
      served.push({ file: file.slice(REAL.length), path });
    }
  }
});

afterAll(async () => {
  await server.close();
});

async function fromFile(file: string): Promise<TracesJson> {
  const result = await runCli(['traces', `${REAL}${file}`, '--json', '-q']);
  expect({ file, status: result.status, stderr: result.stderr }).toEqual({ file, status: 0, stderr: '' });
  return JSON.parse(result.stdout) as TracesJson;
}

async function fromUrl(url: string): Promise<TracesJson> {
  const result = await runCli(['traces', url, '--json', '-q']);
  expect({ url, status: result.status, stderr: result.stderr }).toEqual({ url, status: 0, stderr: '' });
  return JSON.parse(result.stdout) as TracesJson;
}

describe('every real dump read from a URL lists what the file lists', () => {
  it('has dumps to serve', () => {
    expect(served.length).toBeGreaterThan(40);
  });

  it.each(['', '/gz', '/chunked'])('variant %j', async (variant) => {
    for (const { file, path } of served) {
      const expected = await fromFile(file);
      const actual = await fromUrl(`${server.url}${path}${variant}`);
      expect({ file, traces: actual.traces, warnings: actual.warningCounts }).toEqual({ file, traces: expected.traces, warnings: expected.warningCounts });
    }
  }, 300_000);
});

describe('a Tempo search over the real Tempo trace responses', () => {
  it('fetches each trace the search names, in order', async () => {
    const files = ['otlp/tempo__trace-with-failed-requests.json', 'otlp/tempo__trace-with-queue-database.json', 'otlp/tempo__vulture_trace.json'];
    const ids: string[] = [];
    const expected: unknown[] = [];
    for (const file of files) {
      const listed = await fromFile(file);
      expect(listed.traces).toHaveLength(1);
      ids.push((listed.traces[0] as { traceId: string }).traceId);
      expected.push(listed.traces[0]);
      server.route(`/grafana/tempo/api/traces/${ids.at(-1)}`, { body: readFileSync(`${REAL}${file}`), gzip: true });
    }
    server.route('/grafana/tempo/api/search', { body: JSON.stringify({ traces: ids.map((traceID) => ({ traceID, rootServiceName: 'x', durationMs: 1 })), metrics: {} }) });
    const before = server.requests.length;
    const actual = await fromUrl(`${server.url}/grafana/tempo/api/search?q=${encodeURIComponent('{ duration > 1ms }')}&limit=3`);
    const byId = (a: unknown, b: unknown): number => ((a as { traceId: string }).traceId < (b as { traceId: string }).traceId ? -1 : 1);
    expect([...actual.traces].sort(byId)).toEqual([...expected].sort(byId));
    expect(server.requests.slice(before + 1).map((r) => r.url)).toEqual(ids.map((id) => `/grafana/tempo/api/traces/${id}`));
  });
});

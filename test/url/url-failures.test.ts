/**
 * What happens when the network or the backend misbehaves, through the built CLI against a local
 * server on 127.0.0.1: compressed, chunked and slow answers still read; 4xx answers fail at once
 * with the server's message; 429/5xx are retried (bounded) and the retries shown; redirects are
 * followed (bounded, without the user's headers on another origin); timeouts, stalls and cut-off
 * bodies fail with a message saying which, never a hang or a half-read dump.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiServer, fixtureBytes, startApiServer } from './helpers/api-server.js';
import { runCli } from '../helpers/cli.js';

const A = '4bf92f3577b34da6a3ce929d0e0e4736';
const B = '0af7651916cd43dd8448eb211c80319c';
const SEARCH = fixtureBytes('url/jaeger-search.json');

let server: ApiServer;

beforeAll(async () => {
  server = await startApiServer();
});

afterAll(async () => {
  await server.close();
});

async function traceIds(path: string, extra: string[] = [], env: Record<string, string> = {}): Promise<{ ids: string[]; stderr: string; status: number | null }> {
  const result = await runCli(['traces', `${server.url}${path}`, '--json', ...extra], { env });
  const ids = result.status === 0 ? (JSON.parse(result.stdout) as { traces: { traceId: string }[] }).traces.map((t) => t.traceId) : [];
  return { ids, stderr: result.stderr, status: result.status };
}

async function failure(path: string, extra: string[] = [], env: Record<string, string> = {}): Promise<{ stderr: string; status: number | null; stdout: string }> {
  const result = await runCli(['traces', `${server.url}${path}`, ...extra], { env });
  return result;
}

describe('bodies that still read', () => {
  it('gzip Content-Encoding', async () => {
    server.route('/gz', { fixture: 'url/jaeger-search.json', gzip: true });
    expect(await traceIds('/gz')).toEqual({ ids: [A, B], stderr: '', status: 0 });
  });

  it('a gzip file served as is (no Content-Encoding): recognised by its magic bytes', async () => {
    server.route('/dump.json.gz', { body: gzipSync(SEARCH), headers: { 'content-type': 'application/gzip' } });
    expect(await traceIds('/dump.json.gz')).toEqual({ ids: [A, B], stderr: '', status: 0 });
  });

  it('chunked transfer in small, slow pieces', async () => {
    server.route('/chunked', { fixture: 'url/jaeger-search.json', chunkBytes: 256, chunkDelayMs: 15 });
    expect(await traceIds('/chunked')).toEqual({ ids: [A, B], stderr: '', status: 0 });
  });

  it('chunked and gzip-encoded', async () => {
    server.route('/chunked-gz', { fixture: 'url/jaeger-search.json', gzip: true, chunkBytes: 64, chunkDelayMs: 5 });
    expect(await traceIds('/chunked-gz')).toEqual({ ids: [A, B], stderr: '', status: 0 });
  });

  it('a slow first byte within the timeout', async () => {
    server.route('/slow', { fixture: 'url/jaeger-search.json', delayMs: 300 });
    expect(await traceIds('/slow', ['--http-timeout', '5'])).toEqual({ ids: [A, B], stderr: '', status: 0 });
  });
});

describe('4xx: no retry, the server\'s own message', () => {
  it('Jaeger 404 with its errors list', async () => {
    const body = JSON.stringify({ data: null, total: 0, limit: 0, offset: 0, errors: [{ code: 404, msg: 'trace not found' }] });
    server.route('/api/traces/ffffffffffffffff', { status: 404, body });
    const before = server.requests.length;
    const result = await failure('/api/traces/ffffffffffffffff');
    expect(result.stderr).toBe(`tracectl: ${server.url}/api/traces/ffffffffffffffff: HTTP 404 Not Found: trace not found\n`);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(server.requests.length - before).toBe(1);
  });

  it('Tempo 400 with a plain-text message', async () => {
    server.route('/api/search', { status: 400, body: 'invalid TraceQL query: parse error at line 1, col 3\n', headers: { 'content-type': 'text/plain' } });
    const result = await failure('/api/search?q=%7B%20bad');
    expect(result.stderr).toBe(`tracectl: ${server.url}/api/search?q=%7B%20bad: HTTP 400 Bad Request: invalid TraceQL query: parse error at line 1, col 3\n`);
    expect(result.status).toBe(2);
  });

  it('401 says how to send credentials', async () => {
    server.route('/private', { status: 401, body: JSON.stringify({ message: 'missing bearer token' }) });
    const result = await failure('/private');
    expect(result.stderr).toBe(
      `tracectl: ${server.url}/private: HTTP 401 Unauthorized: missing bearer token (send credentials with --header 'Authorization: Bearer …' or TRACECTL_HEADERS)\n`,
    );
    expect(result.status).toBe(2);
  });

  it('control characters in the server message are not echoed to the terminal', async () => {
    server.route('/evil', { status: 403, body: 'nope\u001b[31m red\u0007', headers: { 'content-type': 'text/plain' } });
    const result = await failure('/evil');
    expect(result.stderr).toBe(`tracectl: ${server.url}/evil: HTTP 403 Forbidden: nope [31m red (send credentials with --header 'Authorization: Bearer …' or TRACECTL_HEADERS)\n`);
  });
});

describe('429 and 5xx: bounded retries with backoff', () => {
  it('a 500, then success: the retry is reported and the dump reads', async () => {
    server.route('/flaky', [{ status: 500, body: 'boom', headers: { 'retry-after': '0' } }, { fixture: 'url/jaeger-search.json' }]);
    const result = await traceIds('/flaky');
    expect(result.ids).toEqual([A, B]);
    expect(result.stderr).toBe(`tracectl: ${server.url}/flaky: HTTP 500 Internal Server Error; retrying in 0ms (attempt 2 of 4)\n`);
  });

  it('a 503 that never clears: fails after 1 + --retries attempts with the last message', async () => {
    server.route('/down', { status: 503, body: JSON.stringify({ error: 'ingester overloaded' }), headers: { 'retry-after': '0' } });
    const before = server.requests.length;
    const result = await failure('/down', ['--retries', '2']);
    expect(result.stderr).toBe(
      [
        `tracectl: ${server.url}/down: HTTP 503 Service Unavailable; retrying in 0ms (attempt 2 of 3)`,
        `tracectl: ${server.url}/down: HTTP 503 Service Unavailable; retrying in 0ms (attempt 3 of 3)`,
        `tracectl: ${server.url}/down: HTTP 503 Service Unavailable after 3 attempts: ingester overloaded`,
        '',
      ].join('\n'),
    );
    expect(result.status).toBe(2);
    expect(server.requests.length - before).toBe(3);
  });

  it('429 honours Retry-After (seconds)', async () => {
    server.route('/limited', [{ status: 429, body: 'slow down', headers: { 'retry-after': '1' } }, { fixture: 'url/jaeger-trace.json' }]);
    const started = Date.now();
    const result = await traceIds('/limited');
    // The one clock reading in the suites: a wait that must have happened, a lower bound a busy
    // machine can only exceed (no upper bound: speed is the benchmark's business).
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(result.ids).toEqual([A]);
    expect(result.stderr).toBe(`tracectl: ${server.url}/limited: HTTP 429 Too Many Requests; retrying in 1s (attempt 2 of 4)\n`);
  });

  it('--retries 0 fails on the first 502; --quiet hides retry notices', async () => {
    server.route('/gateway', { status: 502, body: '<html><title>502 Bad Gateway</title></html>', headers: { 'content-type': 'text/html' } });
    const result = await failure('/gateway', ['--retries', '0']);
    expect(result.stderr).toBe(`tracectl: ${server.url}/gateway: HTTP 502 Bad Gateway: 502 Bad Gateway\n`);
    server.route('/flaky-quiet', [{ status: 503, headers: { 'retry-after': '0' } }, { fixture: 'url/jaeger-trace.json' }]);
    expect(await traceIds('/flaky-quiet', ['--quiet'])).toEqual({ ids: [A], stderr: '', status: 0 });
  });
});

describe('redirects', () => {
  it('are followed', async () => {
    server.route('/old', { status: 301, headers: { location: '/new' } });
    server.route('/new', { fixture: 'url/jaeger-trace.json' });
    expect(await traceIds('/old')).toEqual({ ids: [A], stderr: '', status: 0 });
  });

  it('are bounded', async () => {
    server.route('/loop', { status: 302, headers: { location: '/loop' } });
    const before = server.requests.length;
    const result = await failure('/loop');
    expect(result.stderr).toBe(`tracectl: ${server.url}/loop: too many redirects (more than 5)\n`);
    expect(result.status).toBe(2);
    expect(server.requests.length - before).toBe(6);
  });

  it('to another origin drop the user\'s headers (a token must not leak)', async () => {
    const other = await startApiServer({ '/elsewhere': { fixture: 'url/jaeger-trace.json' } });
    try {
      server.route('/moved', { status: 307, headers: { location: `${other.url}/elsewhere` } });
      const result = await traceIds('/moved', ['--header', 'Authorization: Bearer s3cret']);
      expect(result.ids).toEqual([A]);
      expect(result.stderr).toBe(`tracectl: ${server.url}/moved: redirected to ${other.url}; your --header values are not sent there\n`);
      expect(server.requests.at(-1)?.headers.authorization).toBe('Bearer s3cret');
      expect(other.requests[0]?.headers.authorization).toBeUndefined();
    } finally {
      await other.close();
    }
  });
});

describe('time limits and cut-off bodies', () => {
  it('no answer within --http-timeout', async () => {
    server.route('/never', { fixture: 'url/jaeger-trace.json', delayMs: 10_000 });
    const result = await failure('/never', ['--http-timeout', '0.3', '--retries', '0']);
    expect(result.stderr).toBe(`tracectl: ${server.url}/never: no answer within 0.3s (--http-timeout)\n`);
    expect(result.status).toBe(2);
  });

  it('a timeout is retried like a dropped connection', async () => {
    server.route('/never-twice', { fixture: 'url/jaeger-trace.json', delayMs: 10_000 });
    const result = await failure('/never-twice', ['--http-timeout', '0.2', '--retries', '1']);
    expect(result.stderr).toBe(
      [
        `tracectl: ${server.url}/never-twice: no answer within 0.2s (--http-timeout); retrying in 500ms (attempt 2 of 2)`,
        `tracectl: ${server.url}/never-twice: no answer within 0.2s (--http-timeout) (after 2 attempts)`,
        '',
      ].join('\n'),
    );
  });

  it('a body that stalls mid-way', async () => {
    server.route('/stall', { fixture: 'url/jaeger-search.json', stallAfterBytes: 100 });
    const result = await failure('/stall', ['--http-timeout', '0.3']);
    expect(result.stderr).toBe(`tracectl: ${server.url}/stall: the response stalled: no data for 0.3s after 100 of ${SEARCH.length} bytes\n`);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
  });

  it('a body cut off before its Content-Length', async () => {
    server.route('/cut', { fixture: 'url/jaeger-search.json', cutAfterBytes: 1000 });
    const result = await failure('/cut');
    expect(result.stderr).toBe(`tracectl: ${server.url}/cut: the response was cut off after 1000 of ${SEARCH.length} bytes (connection closed)\n`);
    expect(result.status).toBe(2);
  });

  it('a chunked body cut off (no final chunk)', async () => {
    server.route('/cut-chunked', { fixture: 'url/jaeger-search.json', chunkBytes: 500, cutAfterBytes: 1500 });
    const result = await failure('/cut-chunked');
    expect(result.stderr).toBe(`tracectl: ${server.url}/cut-chunked: the response was cut off after 1500 bytes (connection closed)\n`);
    expect(result.status).toBe(2);
  });

  it('a gzip body cut off', async () => {
    const gz = gzipSync(SEARCH);
    server.route('/cut-gz', { fixture: 'url/jaeger-search.json', gzip: true, chunkBytes: 100, cutAfterBytes: 300 });
    const result = await failure('/cut-gz');
    expect(result.stderr).toBe(`tracectl: ${server.url}/cut-gz: the response was cut off after 300 bytes (connection closed)\n`);
    expect(result.status).toBe(2);
    expect(gz.length).toBeGreaterThan(300);
  });
});

describe('answers that are not trace data', () => {
  it('an HTML page from a Jaeger UI address names the API address to use', async () => {
    server.route(`/trace/${A}`, { body: '<!doctype html><title>Jaeger UI</title>', headers: { 'content-type': 'text/html; charset=utf-8' } });
    const result = await failure(`/trace/${A}`);
    expect(result.stderr).toBe(`tracectl: ${server.url}/trace/${A}: the server sent an HTML page, not trace data: for Jaeger use ${server.url}/api/traces/${A}\n`);
    expect(result.status).toBe(2);
  });

  it('a search that matched nothing says so', async () => {
    server.route('/api/traces?service=nobody', { body: JSON.stringify({ data: [], total: 0, limit: 0, offset: 0, errors: null }) });
    const result = await failure('/api/traces?service=nobody');
    expect(result.stderr).toBe(
      `tracectl: ${server.url}/api/traces?service=nobody: the server answered with no traces: the query matched nothing (check the service name and time range)\n`,
    );
    expect(result.status).toBe(2);
  });

  it('a Tempo search that matched nothing', async () => {
    server.route('/empty/api/search', { body: JSON.stringify({ traces: [], metrics: { completedJobs: 1, totalJobs: 1 } }) });
    const result = await failure('/empty/api/search?q=%7B%7D');
    expect(result.stderr).toBe(`tracectl: ${server.url}/empty/api/search?q=%7B%7D: the search matched no traces\n`);
  });

  it('a Tempo search whose trace expired before the fetch: skipped with a notice', async () => {
    server.route('/gone/api/search', { fixture: 'url/tempo-search.json' });
    server.route(`/gone/api/traces/${A}`, { fixture: 'url/tempo-v1-trace-a.json' });
    server.route(`/gone/api/traces/${B}`, { status: 404, body: 'trace not found' });
    const result = await traceIds('/gone/api/search');
    expect(result.ids).toEqual([A]);
    expect(result.stderr).toBe(`tracectl: ${server.url}/gone/api/search: trace ${B} is no longer there (404); skipped\n`);
  });
});

describe('connection problems', () => {
  it('connection refused', async () => {
    const other = await startApiServer();
    const url = other.url;
    await other.close();
    const result = await runCli(['traces', `${url}/api/traces/${A}`]);
    expect(result.stderr).toBe(`tracectl: ${url}/api/traces/${A}: connection refused by ${url.replace('http://', '')} (is the server running?)\n`);
    expect(result.status).toBe(2);
  });

  it('an unparsable URL', async () => {
    const result = await runCli(['traces', 'http://[::1']);
    expect(result.stderr).toBe('tracectl: http://[::1: is not a valid URL\n');
    expect(result.status).toBe(2);
  });
});

describe('headers and secrets', () => {
  it('--header (repeatable) and TRACECTL_HEADERS are sent; a flag wins over the environment', async () => {
    server.route('/auth', { fixture: 'url/jaeger-trace.json' });
    const env = { TRACECTL_HEADERS: 'Authorization: Bearer from-env\nX-Scope-OrgID: tenant-1\n# a comment\n' };
    const result = await traceIds('/auth', ['--header', 'Authorization: Bearer from-flag', '--header', 'X-Extra: 1'], env);
    expect(result.ids).toEqual([A]);
    const seen = server.requests.at(-1)?.headers;
    expect(seen?.authorization).toBe('Bearer from-flag');
    expect(seen?.['x-scope-orgid']).toBe('tenant-1');
    expect(seen?.['x-extra']).toBe('1');
  });

  it('a malformed header is a usage error that does not echo the whole value', async () => {
    const result = await runCli(['traces', `${server.url}/auth`, '--header', 'Bearer abcdefghijklmnopqrstuvwxyz']);
    expect(result.stderr).toBe("tracectl: --header: a header is written 'Name: value', got 'Bearer abcde…'\n");
    expect(result.status).toBe(2);
    const bad = await runCli(['traces', `${server.url}/auth`], { env: { TRACECTL_HEADERS: 'no colon here' } });
    expect(bad.stderr).toBe("tracectl: TRACECTL_HEADERS: a header is written 'Name: value', got 'no colon here'\n");
  });

  it('credentials in the URL are sent as Basic auth and masked in messages, like token query parameters', async () => {
    server.route('/secret', { status: 403, body: 'denied' });
    const result = await runCli(['traces', `${server.url.replace('http://', 'http://alice:pa55@')}/secret?token=abc123&service=x`]);
    expect(result.stderr).toBe(
      `tracectl: ${server.url.replace('http://', 'http://alice:***@')}/secret?token=***&service=x: HTTP 403 Forbidden: denied (send credentials with --header 'Authorization: Bearer …' or TRACECTL_HEADERS)\n`,
    );
    expect(server.requests.at(-1)?.headers.authorization).toBe(`Basic ${Buffer.from('alice:pa55').toString('base64')}`);
  });
});

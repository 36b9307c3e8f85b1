/**
 * The small pieces of URL inputs: the server's message out of an error body, "no results"
 * answers, masked names, header syntax, Tempo search ids, and backoff timing (through openUrl with
 * explicit settings, against a local server).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayUrl } from '../../src/input/http-display-name.js';
import { isEmptyResult } from '../../src/input/http-empty-result.js';
import { serverMessage } from '../../src/input/http-error-message.js';
import { parseHeader, parseHeaderLines } from '../../src/input/http-headers.js';
import { DEFAULT_HTTP_SETTINGS, type HttpEvent } from '../../src/input/http-settings.js';
import { traceIdsOfSearch } from '../../src/input/http-tempo-search.js';
import { openUrl } from '../../src/input/open-url.js';
import { type ApiServer, startApiServer } from './helpers/api-server.js';

describe('serverMessage', () => {
  it.each([
    ['Jaeger errors list', '{"data":null,"errors":[{"code":404,"msg":"trace not found"},{"code":500,"msg":"storage down"}]}', 'application/json', 'trace not found; storage down'],
    ['gateway JSON message', '{"message":"rate limit exceeded","status":429}', 'application/json', 'rate limit exceeded'],
    ['nested error object', '{"error":{"message":"bad token"}}', 'application/json', 'bad token'],
    ['plain text, several lines', 'failed to parse\n  at col 4\n', 'text/plain', 'failed to parse at col 4'],
    ['HTML: its title only', '<html><head><title>503 Service Temporarily Unavailable</title></head><body>…</body></html>', 'text/html', '503 Service Temporarily Unavailable'],
    ['empty', '   ', 'text/plain', ''],
  ])('%s', (_name, body, type, expected) => {
    expect(serverMessage(body, type)).toBe(expected);
  });

  it('cuts long messages to 200 characters', () => {
    const message = serverMessage('x'.repeat(500), 'text/plain');
    expect(message).toHaveLength(200);
    expect(message.endsWith('…')).toBe(true);
  });
});

describe('isEmptyResult', () => {
  it.each([
    ['{"data":[],"total":0,"limit":0,"offset":0,"errors":null}', true],
    ['{"data":null}', true],
    ['[]', true],
    ['[[]]', true],
    ['{"traces":[],"metrics":{}}', true],
    ['{}', true],
    ['{"result":{"resourceSpans":[]}}', true],
    ['{"trace":{}}', true],
    ['{"data":[{"traceID":"1","spans":[]}]}', false],
    ['[{"traceId":"1","id":"2"}]', false],
    ['not json', false],
  ])('%s -> %s', (text, empty) => {
    expect(isEmptyResult(text)).toBe(empty);
  });
});

describe('displayUrl', () => {
  it('masks passwords and secret-looking query parameters, and leaves other queries as typed', () => {
    expect(displayUrl(new URL('https://bob:hunter2@tempo.example/api/search?q=%7B%20.a%3D1%20%7D&api_key=xyz'))).toBe('https://bob:***@tempo.example/api/search?q=%7B+.a%3D1+%7D&api_key=***');
    expect(displayUrl(new URL('http://jaeger:16686/api/traces?service=a b&lookback=1h'))).toBe('http://jaeger:16686/api/traces?service=a%20b&lookback=1h');
  });
});

describe('headers', () => {
  it('parses Name: value, trimming around the colon', () => {
    expect(parseHeader('Authorization:   Bearer abc ')).toEqual(['Authorization', 'Bearer abc']);
    expect(parseHeader('X-Scope-OrgID:tenant')).toEqual(['X-Scope-OrgID', 'tenant']);
  });

  it.each([
    ['no colon', "a header is written 'Name: value', got 'no colon'"],
    [': value', "a header is written 'Name: value', got ': value'"],
    ['Bad Name: x', "'Bad Name' is not a valid header name"],
  ])('rejects %j', (text, message) => {
    expect(() => parseHeader(text)).toThrow(message);
  });

  it('reads one header per line from the environment, skipping blanks and comments', () => {
    expect(parseHeaderLines('\n# tempo\nX-Scope-OrgID: 1\r\nAuthorization: Basic Zm9v\n')).toEqual([
      ['X-Scope-OrgID', '1'],
      ['Authorization', 'Basic Zm9v'],
    ]);
  });
});

describe('traceIdsOfSearch', () => {
  it('keeps order, drops repeats and values that are not ids', () => {
    expect(traceIdsOfSearch({ traces: [{ traceID: 'abc' }, { traceID: 'abc' }, { traceID: 'not hex!' }, { traceId: '0ff' }, 7] })).toEqual(['abc', '0ff']);
    expect(traceIdsOfSearch({ metrics: {} })).toEqual([]);
    expect(traceIdsOfSearch({ traces: 'x' })).toBeUndefined();
    expect(traceIdsOfSearch([])).toEqual([]);
  });
});

describe('openUrl retries', () => {
  let server: ApiServer;
  beforeAll(async () => {
    server = await startApiServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('backs off exponentially from retryDelayMs, capped at maxRetryDelayMs', async () => {
    server.route('/backoff', [{ status: 503 }, { status: 502 }, { status: 500 }, { fixture: 'url/jaeger-trace.json' }]);
    const events: HttpEvent[] = [];
    const input = await openUrl(`${server.url}/backoff`, { ...DEFAULT_HTTP_SETTINGS, retryDelayMs: 40, maxRetryDelayMs: 100, onEvent: (e) => events.push(e) });
    input.stream.resume();
    const notices = events.filter((e) => e.type === 'notice').map((e) => (e as { message: string }).message.replace(server.url, 'URL'));
    expect(notices).toEqual([
      'URL/backoff: HTTP 503 Service Unavailable; retrying in 40ms (attempt 2 of 4)',
      'URL/backoff: HTTP 502 Bad Gateway; retrying in 80ms (attempt 3 of 4)',
      'URL/backoff: HTTP 500 Internal Server Error; retrying in 100ms (attempt 4 of 4)',
    ]);
    expect(events.filter((e) => e.type === 'request').map((e) => (e as { attempt: number }).attempt)).toEqual([1, 2, 3, 4]);
  });

  it('reports bytes received with the total, for the progress spinner', async () => {
    server.route('/progress', { fixture: 'url/jaeger-trace.json', chunkBytes: 1000 });
    server.route('/progress-sized', { fixture: 'url/jaeger-trace.json' });
    const events: HttpEvent[] = [];
    const chunked = await openUrl(`${server.url}/progress`, { ...DEFAULT_HTTP_SETTINGS, onEvent: (e) => events.push(e) });
    for await (const _ of chunked.stream) void _;
    const sized = await openUrl(`${server.url}/progress-sized`, DEFAULT_HTTP_SETTINGS);
    expect(sized.sizeBytes).toBe(2353);
    expect(chunked.sizeBytes).toBeUndefined();
    const bytes = events.filter((e) => e.type === 'bytes').map((e) => (e as { bytes: number }).bytes);
    expect(bytes.at(-1)).toBe(2353);
    expect(events.at(-1)).toEqual({ type: 'done', url: `${server.url}/progress`, bytes: 2353 });
  });
});

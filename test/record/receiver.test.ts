/**
 * The receiver over real HTTP on 127.0.0.1: what each kind of request gets back, and what lands in
 * the dump. OTLP JSON bodies are kept byte for byte (one line), protobuf bodies become the same
 * JSON, Zipkin spans become OTLP JSON, and refusals carry a message the sender's exporter can log.
 */
import { request } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProtoReader } from '../../src/formats/otlp/protobuf/proto-reader.js';
import { DumpWriter } from '../../src/record/dump-writer.js';
import { Receiver } from '../../src/record/receiver.js';
import { bytes, fixed64, hexBytes, keyValue, message, varint } from './helpers/proto-writer.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tracectl-receiver-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const JSON_BODY = `{
  "resourceSpans": [{
    "resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "cart"}}]},
    "scopeSpans": [{"spans": [{"traceId": "${TRACE}", "spanId": "b7ad6b7169203331", "name": "GET  /cart",
      "kind": 2, "startTimeUnixNano": 1700000000000000000123, "endTimeUnixNano": "1700000000100000000",
      "attributes": [{"key": "big", "value": {"intValue": 9007199254740993}}]}]}]
  }]
}`;
const JSON_LINE = `{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"cart"}}]},"scopeSpans":[{"spans":[{"traceId":"${TRACE}","spanId":"b7ad6b7169203331","name":"GET  /cart","kind":2,"startTimeUnixNano":1700000000000000000123,"endTimeUnixNano":"1700000000100000000","attributes":[{"key":"big","value":{"intValue":9007199254740993}}]}]}]}]}`;

const PROTO_BODY = message(
  1,
  message(1, keyValue(1, 'service.name', bytes(1, 'payment'))),
  message(2, message(2, hexBytes(1, TRACE), hexBytes(2, '5e8a2f3c1d4b6a79'), bytes(5, 'charge'), varint(6, 2), fixed64(7, 1700000000000000000n), fixed64(8, 1700000000080000000n))),
);
const PROTO_LINE = `{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"payment"}}]},"scopeSpans":[{"spans":[{"traceId":"${TRACE}","spanId":"5e8a2f3c1d4b6a79","name":"charge","kind":2,"startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000000080000000","attributes":[],"events":[],"links":[],"status":{}}]}]}]}`;

const ZIPKIN_BODY = JSON.stringify([
  { traceId: '8448eb211c80319c', id: '00f067aa0ba902b7', name: 'get /', kind: 'SERVER', timestamp: 1700000000000000, duration: 1500, localEndpoint: { serviceName: 'frontend' }, tags: { 'http.method': 'GET', error: 'upstream timeout' } },
]);
const ZIPKIN_LINE =
  '{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"frontend"}}]},"scopeSpans":[{"scope":{},"spans":[{"traceId":"00000000000000008448eb211c80319c","spanId":"00f067aa0ba902b7","name":"get /","kind":2,"startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000000001500000","attributes":[{"key":"http.method","value":{"stringValue":"GET"}}],"events":[],"links":[],"status":{"code":2,"message":"upstream timeout"}}]}]}]}';

interface Answer {
  status: number;
  type: string | undefined;
  allow?: string | undefined;
  body: Buffer;
}

function post(base: string, path: string, body: Buffer | string, headers: Record<string, string> = {}, method = 'POST'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], allow: res.headers.allow, body: Buffer.concat(parts) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function withReceiver(name: string, use: (base: string, receiver: Receiver) => Promise<void>, limits?: { maxBytes: number; maxDecodedBytes: number }): Promise<string> {
  const target = join(dir, `${name}.jsonl`);
  const writer = await DumpWriter.toFile(target, '/');
  const receiver = await Receiver.start({ host: '127.0.0.1', port: 0, sink: writer, ...(limits ? { limits } : {}) });
  try {
    await use(`http://127.0.0.1:${receiver.address.port}`, receiver);
  } finally {
    await receiver.stop(2000);
    await writer.finish();
  }
  return readFileSync(target, 'utf8');
}

/** google.rpc.Status from a protobuf error body: code (1) and message (2). */
function rpcStatus(body: Buffer): { code: number; message: string } {
  const r = new ProtoReader(body);
  const out = { code: 0, message: '' };
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1) out.code = r.int32();
    else if (field === 2) out.message = r.string();
    else r.skip(wire);
  }
  return out;
}

describe('accepted requests', () => {
  it('OTLP JSON: 200 {} and the body kept as sent on one line (numbers beyond 2^53 untouched)', async () => {
    const dump = await withReceiver('json', async (base) => {
      const answer = await post(base, '/v1/traces', JSON_BODY, { 'content-type': 'application/json' });
      expect([answer.status, answer.type, answer.body.toString()]).toEqual([200, 'application/json', '{}']);
    });
    expect(dump).toBe(`${JSON_LINE}\n`);
  });

  it('OTLP protobuf: 200 with an empty protobuf answer, and the request as OTLP JSON', async () => {
    const dump = await withReceiver('proto', async (base) => {
      const answer = await post(base, '/v1/traces', PROTO_BODY, { 'content-type': 'application/x-protobuf' });
      expect([answer.status, answer.type, answer.body.length]).toEqual([200, 'application/x-protobuf', 0]);
    });
    expect(dump).toBe(`${PROTO_LINE}\n`);
  });

  it('gzip request bodies (Content-Encoding: gzip), JSON and protobuf', async () => {
    const dump = await withReceiver('gzip', async (base) => {
      expect((await post(base, '/v1/traces', gzipSync(JSON_BODY), { 'content-type': 'application/json', 'content-encoding': 'gzip' })).status).toBe(200);
      expect((await post(base, '/v1/traces', gzipSync(PROTO_BODY), { 'content-type': 'application/x-protobuf', 'content-encoding': 'gzip' })).status).toBe(200);
    });
    expect(dump).toBe(`${JSON_LINE}\n${PROTO_LINE}\n`);
  });

  it('Zipkin v2 JSON: 202, and the spans as an OTLP request (64-bit trace id padded to 128, error tag as status)', async () => {
    const dump = await withReceiver('zipkin', async (base) => {
      const answer = await post(base, '/api/v2/spans', ZIPKIN_BODY, { 'content-type': 'application/json' });
      expect([answer.status, answer.body.length]).toEqual([202, 0]);
    });
    expect(dump).toBe(`${ZIPKIN_LINE}\n`);
  });

  it('metrics and logs are acknowledged and dropped; an empty request writes no line', async () => {
    let stats: Receiver['stats'] | undefined;
    const dump = await withReceiver('ignored', async (base, receiver) => {
      expect((await post(base, '/v1/metrics', '{"resourceMetrics":[]}', { 'content-type': 'application/json' })).status).toBe(200);
      expect((await post(base, '/v1/logs', Buffer.alloc(0), { 'content-type': 'application/x-protobuf' })).status).toBe(200);
      expect((await post(base, '/v1/traces', '{}', { 'content-type': 'application/json' })).status).toBe(200);
      expect((await post(base, '/v1/traces', '{"resourceSpans":[]}', { 'content-type': 'application/json' })).status).toBe(200);
      expect((await post(base, '/api/v2/spans', '[]', { 'content-type': 'application/json' })).status).toBe(202);
      stats = receiver.stats;
    });
    expect(dump).toBe('');
    expect(stats).toEqual({ otlpJson: 2, otlpProtobuf: 0, zipkin: 1, spans: 0, refused: 0, aborted: 0, ignored: 2 });
  });

  it('a body without Content-Type is told apart by its first byte', async () => {
    const dump = await withReceiver('sniff', async (base) => {
      expect((await post(base, '/v1/traces', JSON_BODY)).status).toBe(200);
      expect((await post(base, '/v1/traces', PROTO_BODY)).status).toBe(200);
    });
    expect(dump).toBe(`${JSON_LINE}\n${PROTO_LINE}\n`);
  });
});

describe('refused requests', () => {
  it('malformed JSON: 400 with a google.rpc.Status JSON body', async () => {
    await withReceiver('bad-json', async (base) => {
      const answer = await post(base, '/v1/traces', '{"resourceSpans": [', { 'content-type': 'application/json' });
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body.toString())).toEqual({ code: 3, message: expect.stringMatching(/^request body is not valid JSON \(/) as unknown });
    });
  });

  it('malformed protobuf: 400 with a google.rpc.Status protobuf body', async () => {
    await withReceiver('bad-proto', async (base) => {
      const answer = await post(base, '/v1/traces', Buffer.from([0x0a, 0x09, 0x01]), { 'content-type': 'application/x-protobuf' });
      expect([answer.status, answer.type]).toEqual([400, 'application/x-protobuf']);
      expect(rpcStatus(answer.body)).toEqual({ code: 3, message: 'malformed protobuf ExportTraceServiceRequest: length 9 runs past the end of the message at byte 1' });
    });
  });

  const refusals: [string, string, string | Buffer, Record<string, string>, number, string][] = [
    ['logs posted to /v1/traces', '/v1/traces', '{"resourceLogs":[]}', { 'content-type': 'application/json' }, 400, 'request holds resourceLogs, not traces: post it to its own path, not /v1/traces'],
    ['a JSON list', '/v1/traces', '[1]', { 'content-type': 'application/json' }, 400, 'request body is not an OTLP ExportTraceServiceRequest object'],
    ['an object of another shape', '/v1/traces', '{"batches":[]}', { 'content-type': 'application/json' }, 400, 'request has no resourceSpans: not an OTLP ExportTraceServiceRequest'],
    ['an unsupported Content-Type', '/v1/traces', 'x', { 'content-type': 'text/plain' }, 415, "unsupported Content-Type 'text/plain': OTLP/HTTP takes application/json or application/x-protobuf"],
    ['an unsupported Content-Encoding', '/v1/traces', 'x', { 'content-type': 'application/json', 'content-encoding': 'zstd' }, 415, "unsupported Content-Encoding 'zstd' (gzip, deflate, br or none)"],
    ['gzip that is not gzip', '/v1/traces', 'plain', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, 400, 'request body is not valid gzip data (incorrect header check)'],
  ];
  it.each(refusals)('%s', async (_name, path, body, headers, status, text) => {
    await withReceiver('refusal', async (base) => {
      const answer = await post(base, path, body, headers);
      expect(answer.status).toBe(status);
      expect((JSON.parse(answer.body.toString()) as { message: string }).message).toBe(text);
    });
  });

  it('Zipkin: not a list, spans without ids, protobuf', async () => {
    await withReceiver('zipkin-bad', async (base) => {
      const notList = await post(base, '/api/v2/spans', '{}', { 'content-type': 'application/json' });
      expect([notList.status, notList.body.toString()]).toEqual([400, 'a Zipkin request body is a JSON list of spans\n']);
      const noIds = await post(base, '/api/v2/spans', '[{"name":"x"}]', { 'content-type': 'application/json' });
      expect([noIds.status, noIds.body.toString()]).toEqual([400, 'none of the 1 values is a Zipkin span (each needs traceId and id)\n']);
      const proto = await post(base, '/api/v2/spans', 'x', { 'content-type': 'application/x-protobuf' });
      expect([proto.status, proto.body.toString()]).toEqual([415, "unsupported Content-Type 'application/x-protobuf': send Zipkin spans as JSON (application/json)\n"]);
    });
  });

  it('unknown paths, wrong methods, and bodies over the limits', async () => {
    await withReceiver(
      'limits',
      async (base) => {
        const unknown = await post(base, '/v1/tracez', '{}');
        expect([unknown.status, unknown.body.toString()]).toEqual([404, 'no such endpoint: /v1/tracez (OTLP traces go to /v1/traces, Zipkin spans to /api/v2/spans)\n']);
        const get = await post(base, '/v1/traces', '', {}, 'GET');
        expect([get.status, get.allow, get.body.toString()]).toEqual([405, 'POST', '/v1/traces takes POST, not GET\n']);
        const big = await post(base, '/v1/traces', Buffer.alloc(2000, 0x20), { 'content-type': 'application/json' });
        expect([big.status, JSON.parse(big.body.toString())]).toEqual([413, { code: 3, message: 'request body of 2000 bytes is over the 1000-byte limit' }]);
        const bomb = await post(base, '/v1/traces', gzipSync(Buffer.alloc(100_000, 0x20)), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        expect([bomb.status, JSON.parse(bomb.body.toString())]).toEqual([413, { code: 3, message: 'request body inflates to more than 5000 bytes' }]);
        const index = await post(base, '/', '', {}, 'GET');
        expect([index.status, index.body.toString()]).toEqual([200, 'tracectl record: POST OTLP traces to /v1/traces, Zipkin spans to /api/v2/spans\n']);
      },
      { maxBytes: 1000, maxDecodedBytes: 5000 },
    );
  });
});

describe('order and shutdown', () => {
  it('keeps arrival order when a later request finishes first', async () => {
    //  request 1: headers ─────────────────────────── body ─► line 1
    //  request 2:           headers ─ body ─► (waits for line 1)
    const dump = await withReceiver('order', async (base) => {
      const slow = request(`${base}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' } });
      const slowAnswer = new Promise<number>((resolve) => slow.on('response', (res) => resolve(res.statusCode ?? 0)));
      slow.flushHeaders();
      slow.write(JSON_BODY.slice(0, 10));
      await new Promise((r) => setTimeout(r, 100));
      expect((await post(base, '/v1/traces', PROTO_BODY, { 'content-type': 'application/x-protobuf' })).status).toBe(200);
      slow.end(JSON_BODY.slice(10));
      expect(await slowAnswer).toBe(200);
    });
    expect(dump).toBe(`${JSON_LINE}\n${PROTO_LINE}\n`);
  });

  it('a sender that goes away mid-body costs only its own request', async () => {
    let aborted = 0;
    const dump = await withReceiver('abort', async (base, receiver) => {
      const gone = request(`${base}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '5000' } });
      gone.on('error', () => undefined);
      gone.write(JSON_BODY.slice(0, 50));
      await new Promise((r) => setTimeout(r, 50));
      gone.destroy();
      expect((await post(base, '/v1/traces', PROTO_BODY, { 'content-type': 'application/x-protobuf' })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 50));
      aborted = receiver.stats.aborted;
    });
    expect(dump).toBe(`${PROTO_LINE}\n`);
    expect(aborted).toBe(1);
  });

  it('stop() lets a request in flight finish and keeps it', async () => {
    const target = join(dir, 'drain.jsonl');
    const writer = await DumpWriter.toFile(target, '/');
    const receiver = await Receiver.start({ host: '127.0.0.1', port: 0, sink: writer });
    const req = request(`http://127.0.0.1:${receiver.address.port}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' } });
    const answered = new Promise<number>((resolve) => req.on('response', (res) => resolve(res.statusCode ?? 0)));
    req.flushHeaders();
    req.write(JSON_BODY.slice(0, 20));
    await new Promise((r) => setTimeout(r, 50));
    const stopping = receiver.stop(5000);
    setTimeout(() => req.end(JSON_BODY.slice(20)), 100);
    expect(await stopping).toBe(0);
    expect(await answered).toBe(200);
    await writer.finish();
    expect(readFileSync(target, 'utf8')).toBe(`${JSON_LINE}\n`);
  });

  it('stop() cuts off a request that does not finish in time and says how many', async () => {
    const target = join(dir, 'cut.jsonl');
    const writer = await DumpWriter.toFile(target, '/');
    const receiver = await Receiver.start({ host: '127.0.0.1', port: 0, sink: writer });
    const req = request(`http://127.0.0.1:${receiver.address.port}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' } });
    req.on('error', () => undefined);
    req.flushHeaders();
    req.write(JSON_BODY.slice(0, 20));
    await new Promise((r) => setTimeout(r, 50));
    expect(await receiver.stop(100)).toBe(1);
    expect(await writer.finish()).toEqual({ lines: 0, bytes: 0 });
  });
});


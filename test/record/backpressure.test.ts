/**
 * Backpressure between receiving and writing: while more than the writer's bound is received and not
 * yet written, requests are held (not read, not answered) instead of queued, and every request that
 * was answered 200 is in the dump. A slow disk is a stream target whose writes wait for the test.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DumpWriter } from '../../src/record/dump-writer.js';
import { Receiver } from '../../src/record/receiver.js';
import { runBin } from '../helpers/cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tracectl-backpressure-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A compact OTLP JSON request of `count` spans with ids `exporter-request-i`, so every span can be found. */
function requestBody(exporter: number, req: number, count: number): string {
  const spans = Array.from({ length: count }, (_, i) => ({
    traceId: (exporter * 1000 + req).toString(16).padStart(32, '0'),
    spanId: ((exporter * 1000 + req) * 1000 + i + 1).toString(16).padStart(16, '0'),
    name: `op ${i}`,
    startTimeUnixNano: '1700000000000000000',
    endTimeUnixNano: '1700000000100000000',
  }));
  return JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: `svc-${exporter}` } }] }, scopeSpans: [{ spans }] }] });
}

function spanIdsOf(body: string): string[] {
  const request = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: { spanId: string }[] }[] }[] };
  return request.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans.map((s) => s.spanId)));
}

function post(base: string, body: string, agent?: Agent): Promise<number> {
  return new Promise((resolve) => {
    const req = request(`${base}/v1/traces`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

/** A stream target whose writes wait until `open()`: a disk that stalls. */
function stalledDisk(): { write: (chunk: Buffer) => Promise<void>; open: () => void; written: () => string } {
  const chunks: Buffer[] = [];
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return {
    write: async (chunk) => {
      await opened;
      chunks.push(chunk);
    },
    open: () => open(),
    written: () => Buffer.concat(chunks).toString('utf8'),
  };
}

describe('the dump writer bounds what waits for the disk', () => {
  it('admits while under the bound, holds the rest in order, and lets them in as writes end', async () => {
    const disk = stalledDisk();
    const writer = DumpWriter.toStream(disk.write, { maxQueuedBytes: 20 });
    const never = new AbortController().signal;
    const a = await writer.admit(0, never);
    a.fill(Buffer.from('{"a":1234}')); // 11 bytes with its newline; its write starts and stalls
    const b = await writer.admit(0, never);
    b.fill(Buffer.from('{"b":1234}'));
    expect(writer.queuedBytes).toBe(22);
    const order: string[] = [];
    const c = writer.admit(0, never).then((slot) => (order.push('c'), slot));
    const d = writer.admit(5, never).then((slot) => (order.push('d'), slot));
    await Promise.resolve();
    expect([writer.waiting, order]).toEqual([2, []]);
    disk.open();
    (await c).fill(Buffer.from('{"c":1}'));
    (await d).fill(Buffer.from('{"d":1}'));
    expect(order).toEqual(['c', 'd']);
    expect(await writer.finish()).toEqual({ lines: 4, bytes: 38 });
    expect(disk.written()).toBe('{"a":1234}\n{"b":1234}\n{"c":1}\n{"d":1}\n');
    expect([writer.queuedBytes, writer.waiting]).toEqual([0, 0]);
  });

  it('counts the declared size of a body being read against the bound', async () => {
    const writer = DumpWriter.toStream(stalledDisk().write, { maxQueuedBytes: 100 });
    const never = new AbortController().signal;
    const big = await writer.admit(100, never);
    expect(writer.queuedBytes).toBe(100);
    let admitted = false;
    const next = writer.admit(0, never).then((slot) => ((admitted = true), slot));
    await Promise.resolve();
    expect([admitted, writer.waiting]).toEqual([false, 1]);
    big.fill(undefined); // the body held no spans: its room is given back
    (await next).fill(undefined);
    expect([admitted, writer.queuedBytes]).toEqual([true, 0]);
    expect(await writer.finish()).toEqual({ lines: 0, bytes: 0 });
  });

  it('a held request whose sender goes away gives up its place', async () => {
    const disk = stalledDisk();
    const writer = DumpWriter.toStream(disk.write, { maxQueuedBytes: 1 });
    const never = new AbortController().signal;
    (await writer.admit(0, never)).fill(Buffer.from('{"a":1}'));
    const gone = new AbortController();
    const held = writer.admit(0, gone.signal);
    const after = writer.admit(0, never);
    expect(writer.waiting).toBe(2);
    gone.abort();
    await expect(held).rejects.toThrow('the sender went away');
    expect(writer.waiting).toBe(1);
    disk.open();
    (await after).fill(Buffer.from('{"b":1}'));
    expect(await writer.finish()).toEqual({ lines: 2, bytes: 16 });
    expect(disk.written()).toBe('{"a":1}\n{"b":1}\n');
  });

  it('after a failed write, requests are refused instead of admitted', async () => {
    const writer = DumpWriter.toStream(async () => Promise.reject(new Error('disk full')), { maxQueuedBytes: 1 });
    const never = new AbortController().signal;
    (await writer.admit(0, never)).fill(Buffer.from('{"a":1}'));
    const held = writer.admit(0, never);
    await expect(held).rejects.toThrow('disk full');
    await expect(writer.admit(0, never)).rejects.toThrow('disk full');
    await expect(writer.finish()).rejects.toThrow('disk full');
  });
});

describe('the receiver holds requests while the disk is slow', () => {
  it('answers exactly as many requests as fit in the bound, holds the rest, then answers all and writes all', async () => {
    // Each body is L bytes and becomes a line of L + 1. The bound is 3L: a request is admitted while
    // less than the bound is counted, and each admitted one counts L (then L + 1), so exactly three
    // are admitted and answered whatever order bodies arrive in; the other seven wait unread.
    const bodies = Array.from({ length: 10 }, (_, i) => requestBody(1, i, 5));
    const size = Buffer.byteLength(bodies[0] ?? '');
    expect(bodies.every((b) => Buffer.byteLength(b) === size)).toBe(true);
    const disk = stalledDisk();
    const writer = DumpWriter.toStream(disk.write, { maxQueuedBytes: 3 * size });
    const receiver = await Receiver.start({ host: '127.0.0.1', port: 0, sink: writer });
    const base = `http://127.0.0.1:${receiver.address.port}`;
    const answers: number[] = [];
    const all = Promise.all(bodies.map((body) => post(base, body).then((status) => (answers.push(status), status))));
    await vi.waitFor(() => expect([answers.length, writer.waiting]).toEqual([3, 7]), { timeout: 60_000, interval: 20 });
    expect(answers).toEqual([200, 200, 200]);
    expect(receiver.busy).toBe(7);
    expect(writer.queuedBytes).toBe(3 * (size + 1));
    disk.open();
    expect(await all).toEqual(Array.from({ length: 10 }, () => 200));
    expect(await receiver.stop(5000)).toBe(0);
    expect(await writer.finish()).toEqual({ lines: 10, bytes: 10 * (size + 1) });
    expect(receiver.stats.spans).toBe(50);
    expect(disk.written().split('\n').filter(Boolean).flatMap(spanIdsOf).sort()).toEqual(bodies.flatMap(spanIdsOf).sort());
  });

  it('once the dump cannot be written, requests are answered 500 with the reason, not acknowledged', async () => {
    const writer = DumpWriter.toStream(async () => Promise.reject(new Error('no space left on the device')), { maxQueuedBytes: 1 });
    const receiver = await Receiver.start({ host: '127.0.0.1', port: 0, sink: writer });
    const base = `http://127.0.0.1:${receiver.address.port}`;
    expect(await post(base, requestBody(1, 1, 1))).toBe(200); // acknowledged before its write failed
    await vi.waitFor(async () => expect(await post(base, requestBody(1, 2, 1))).toBe(500), { timeout: 60_000, interval: 20 });
    expect(await receiver.stop(5000)).toBe(0);
    await expect(writer.finish()).rejects.toThrow('no space left on the device');
  });

  it('many concurrent exporters through a small bound: every acknowledged span is in the dump, once', async () => {
    const target = join(dir, 'many.jsonl');
    const writer = await DumpWriter.toFile(target, '/', { maxQueuedBytes: 16 * 1024 });
    const receiver = await Receiver.start({ host: '127.0.0.1', port: 0, sink: writer });
    const base = `http://127.0.0.1:${receiver.address.port}`;
    const agent = new Agent({ keepAlive: true, maxSockets: 32 });
    const acknowledged: string[] = [];
    let mostHeld = 0;
    await Promise.all(
      Array.from({ length: 32 }, async (_, exporter) => {
        for (let req = 0; req < 10; req++) {
          const body = requestBody(exporter, req, 50);
          const status = await post(base, body, agent);
          expect(status).toBe(200);
          acknowledged.push(...spanIdsOf(body));
          mostHeld = Math.max(mostHeld, writer.waiting);
        }
      }),
    );
    agent.destroy();
    expect(await receiver.stop(5000)).toBe(0);
    expect(await writer.finish()).toMatchObject({ lines: 320 });
    const inDump = readFileSync(target, 'utf8').split('\n').filter(Boolean).flatMap(spanIdsOf);
    expect(inDump.length).toBe(16_000);
    expect(new Set(inDump).size).toBe(16_000);
    expect(inDump.sort()).toEqual(acknowledged.sort());
    expect(receiver.stats.spans).toBe(16_000);
    expect(mostHeld).toBeGreaterThan(0);
  });
});

describe('SIGINT while exporters are sending (the real process)', () => {
  it('every span answered 200 is in the dump; requests after the signal are turned away, not acknowledged', async () => {
    const out = join(dir, 'sigint.jsonl');
    const acknowledged: string[] = [];
    const statuses = new Map<number, number>();
    let pid = 0;
    let seen = '';
    let sending: Promise<void> | undefined;
    const result = await runBin(['record', '-o', out, '--port', '0'], {
      onSpawn: (p) => (pid = p),
      onStderr: (text) => {
        seen += text;
        const base = /receiving OTLP\/HTTP on (http:\/\/\S+)\/v1\/traces/.exec(seen)?.[1];
        if (base === undefined || sending !== undefined) return;
        let sent = 0;
        let signalled = false;
        // 16 exporters send until the receiver stops answering; the signal comes after 40 answers,
        // while the others are in flight.
        sending = Promise.all(
          Array.from({ length: 16 }, async (_, exporter) => {
            for (let req = 0; ; req++) {
              const body = requestBody(exporter, req, 100);
              const status = await post(base, body);
              statuses.set(status, (statuses.get(status) ?? 0) + 1);
              if (status !== 200) return;
              acknowledged.push(...spanIdsOf(body));
              if (++sent === 40 && !signalled) {
                signalled = true;
                process.kill(pid, 'SIGINT');
              }
            }
          }),
        ).then(() => undefined);
      },
    });
    await sending;
    expect(result.status).toBe(0);
    expect(statuses.get(200) ?? 0).toBeGreaterThanOrEqual(40);
    // Each exporter stopped on its first refusal: a 503 (stopping) or a closed connection (0).
    expect((statuses.get(503) ?? 0) + (statuses.get(0) ?? 0)).toBe(16);
    const inDump = readFileSync(out, 'utf8').split('\n').filter(Boolean).flatMap(spanIdsOf);
    expect(inDump.sort()).toEqual(acknowledged.sort());
    expect(result.stderr).toContain(`tracectl record: ${acknowledged.length} spans in ${acknowledged.length / 100} requests (OTLP JSON ${acknowledged.length / 100}) written to ${out}\n`);
  });
});

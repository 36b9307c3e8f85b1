/**
 * `tracectl ui --listen` in this process: the real receiver on 127.0.0.1 (port 0), the real CLI, a
 * terminal that is an object recording what it was asked. Spans posted as exporters post them (OTLP
 * JSON, OTLP protobuf, Zipkin) show up on the screen; the dump written with -o holds every span
 * acknowledged, however the view ends (q, SIGTERM).
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import type { Terminal } from '../../src/ui/terminal.js';
import { fixture, runCli } from '../helpers/cli.js';
import { bytes, fixed64, hexBytes, keyValue, message, varint } from '../record/helpers/proto-writer.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tracectl-ui-live-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const TRACE_A = 'a1'.repeat(16);
const TRACE_B = 'b2'.repeat(16);
const JSON_BODY = JSON.stringify({
  resourceSpans: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'cart' } }] },
      scopeSpans: [
        {
          spans: [
            { traceId: TRACE_A, spanId: 'a100000000000001', name: 'GET /cart', kind: 2, startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000100000000' },
            { traceId: TRACE_A, spanId: 'a100000000000002', parentSpanId: 'a100000000000001', name: 'SELECT', kind: 3, startTimeUnixNano: '1700000000010000000', endTimeUnixNano: '1700000000050000000' },
          ],
        },
      ],
    },
  ],
});
const PROTO_BODY = message(
  1,
  message(1, keyValue(1, 'service.name', bytes(1, 'payment'))),
  message(2, message(2, hexBytes(1, TRACE_B), hexBytes(2, 'b200000000000001'), bytes(5, 'charge'), varint(6, 2), fixed64(7, 1700000001000000000n), fixed64(8, 1700000001080000000n))),
);
const ZIPKIN_BODY = JSON.stringify([
  { traceId: 'c3c3c3c3c3c3c3c3', id: 'c300000000000001', name: 'get /', kind: 'SERVER', timestamp: 1700000002000000, duration: 1500, localEndpoint: { serviceName: 'frontend' } },
]);

function post(base: string, path: string, body: string | Buffer, type: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method: 'POST', headers: { 'content-type': type } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A live run: the CLI with a recording terminal; resolves with its result once it ends. */
function startLive(args: readonly string[]) {
  const out: string[] = [];
  const err: string[] = [];
  let status = 0;
  const raw: boolean[] = [];
  const terminal: Terminal = {
    size: () => ({ columns: 120, rows: 24 }),
    onResize: () => () => undefined,
    setRawMode: (on) => void raw.push(on),
    onExit: () => () => undefined,
  };
  const keys = new PassThrough();
  Object.defineProperty(keys, 'isTTY', { value: true });
  const signals = new EventEmitter();
  const io: Io = {
    stdin: keys,
    env: { NO_COLOR: '1' },
    cwd: dir,
    stdoutIsTTY: true,
    stderrIsTTY: false,
    columns: 120,
    out: (text) => void out.push(text),
    err: (text) => void err.push(text),
    signals,
    setExitCode: (code) => {
      status = code;
    },
    terminal,
  };
  const done = main(['ui', '--listen', ...args], io).then(() => ({ stderr: err.join(''), status, raw }));
  const screen = (): string => out.join('');
  const until = async (what: RegExp): Promise<RegExpMatchArray> => {
    for (;;) {
      const m = screen().match(what);
      if (m !== null) return m;
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return { done, keys, signals, screen, until };
}

// Generous: the first run imports the whole CLI, and the machine may be busy.
describe('tracectl ui --listen (in-process)', { timeout: 30_000 }, () => {
  it('receives OTLP JSON, OTLP protobuf and Zipkin; the list and status line show them; q writes the -o dump', async () => {
    const run = startLive(['--port', '0', '-o', 'live.jsonl']);
    const base = (await run.until(/● (http:\/\/127\.0\.0\.1:\d+)/))[1]!;
    expect(await post(base, '/v1/traces', JSON_BODY, 'application/json')).toBe(200);
    expect(await post(base, '/v1/traces', PROTO_BODY, 'application/x-protobuf')).toBe(200);
    expect(await post(base, '/api/v2/spans', ZIPKIN_BODY, 'application/json')).toBe(202);
    expect(await post(base, '/v1/traces', '{"resourceSpans": 3}', 'application/json')).toBe(400);
    await run.until(/4 spans · 3 requests · \d+ spans\/s · 1 request refused/);
    await run.until(/3 traces, 4 spans/);
    expect(run.screen()).toMatch(/a1a1a1a1a1a1a1a1 +cart GET \/cart/);
    expect(run.screen()).toMatch(/b2b2b2b2b2b2b2b2 +payment charge/);
    expect(run.screen()).toMatch(/c3c3c3c3c3c3c3c3 +frontend get \//);
    run.keys.write('q');
    const result = await run.done;
    expect(result.status).toBe(0);
    expect(result.raw).toEqual([true, false]);
    expect(result.stderr).toContain("tracectl ui: refused a request to /v1/traces (HTTP 400): resourceSpans is not a list\n");
    expect(result.stderr).toContain('tracectl ui: 4 spans in 3 requests received, written to live.jsonl\n');
    const lines = readFileSync(join(dir, 'live.jsonl'), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(JSON_BODY);
    const read = await runCli(['spans', join(dir, 'live.jsonl'), '--json', '-q']);
    const spans = (JSON.parse(read.stdout) as { spans: { spanId: string }[] }).spans.map((s) => s.spanId).sort();
    expect(spans).toEqual(['a100000000000001', 'a100000000000002', 'b200000000000001', 'c300000000000001']);
  });

  it('SIGTERM: the screen is given back and every acknowledged span is in the dump', async () => {
    const run = startLive(['--port', '0', '-o', 'term.jsonl']);
    const base = (await run.until(/● (http:\/\/127\.0\.0\.1:\d+)/))[1]!;
    const answers = await Promise.all(Array.from({ length: 20 }, () => post(base, '/v1/traces', JSON_BODY, 'application/json')));
    expect(answers.every((s) => s === 200)).toBe(true);
    run.signals.emit('SIGTERM');
    const result = await run.done;
    expect([result.status, result.raw]).toEqual([0, [true, false]]);
    expect(readFileSync(join(dir, 'term.jsonl'), 'utf8').trimEnd().split('\n')).toEqual(new Array(20).fill(JSON_BODY));
  });

  it('with a command: runs it with the OTEL_* variables record sets, keeps the view open after it exits, says how it ended', async () => {
    const script = join(dir, 'env.mjs');
    writeFileSync(
      script,
      "import { writeFileSync } from 'node:fs';\nwriteFileSync(process.argv[2], JSON.stringify(process.env));\nprocess.exit(3);\n",
    );
    const envFile = join(dir, 'env.json');
    const run = startLive(['--port', '0', '--', process.execPath, script, envFile]);
    await run.until(/env\.mjs .*exited 3/);
    const base = (await run.until(/● (http:\/\/127\.0\.0\.1:\d+)/))[1]!;
    const env = JSON.parse(readFileSync(envFile, 'utf8')) as Record<string, string>;
    expect(env).toMatchObject({
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: base,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${base}/v1/traces`,
      OTEL_EXPORTER_ZIPKIN_ENDPOINT: `${base}/api/v2/spans`,
    });
    // Still receiving after the command ended.
    expect(await post(base, '/v1/traces', JSON_BODY, 'application/json')).toBe(200);
    await run.until(/2 spans · 1 request/);
    run.keys.write('q');
    const result = await run.done;
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('tracectl ui: the command exited with code 3\ntracectl ui: 2 spans in 1 request received\n');
  });

  it('refusals: not a terminal, live flags without --listen, -o -, a port in use', async () => {
    const notTty = await runCli(['ui', '--listen']);
    expect([notTty.status, notTty.stderr]).toEqual([2, 'tracectl: ui needs a terminal: stdout is not one (traces and waterfall print to pipes)\n']);
    const stray = await runCli(['ui', fixture('errors/otlp-shop.json'), '--max-spans', '10'], { stdoutIsTTY: true });
    expect([stray.status, stray.stderr]).toEqual([2, 'tracectl: --max-spans goes with --listen (receiving spans live)\n']);
    const bad = await runCli(['ui', '--listen', '--max-spans', '0'], { stdoutIsTTY: true });
    expect([bad.status, bad.stderr]).toEqual([2, "tracectl: --max-spans must be a whole number of at least 1, got '0'\n"]);

    const dash = startLive(['-o', '-']);
    expect(await dash.done).toMatchObject({ status: 2, stderr: 'tracectl: ui --listen draws on standard output: -o needs a file path\n' });

    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      const inUse = startLive(['--port', String(port), '-o', 'never.jsonl']);
      const result = await inUse.done;
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(`tracectl: cannot listen on 127.0.0.1:${port}: the port is in use (another collector or recorder running? --port 0 picks a free port)\n`);
      expect(result.raw).toEqual([]);
      expect(existsSync(join(dir, 'never.jsonl'))).toBe(false);
    } finally {
      busy.close();
    }
  });
});

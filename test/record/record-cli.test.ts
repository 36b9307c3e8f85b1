/**
 * `tracectl record` as a user runs it: a command after `--`, signals, exit codes and messages. The
 * receiver runs in this process (`runCli`) and the recorded command is a real child process either
 * way; the built binary is spawned where a real process is the point: the child's output, which it
 * inherits (stdio), and real signals. Every server here listens on 127.0.0.1 only.
 */
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBin, runCli } from '../helpers/cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tracectl-record-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const LISTENING = /^tracectl record: receiving OTLP\/HTTP on (http:\/\/127\.0\.0\.1:(\d+))\/v1\/traces and Zipkin on http:\/\/127\.0\.0\.1:\d+\/api\/v2\/spans$/m;
const SPAN_JSON = '{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"job"}}]},"scopeSpans":[{"spans":[{"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"b7ad6b7169203331","name":"step","startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000000100000000"}]}]}]}';

/** A node one-liner as the recorded command. */
function nodeCommand(script: string): string[] {
  return ['--', process.execPath, '-e', script];
}

function postJson(base: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('with a command', () => {
  it('points the command at the receiver through the OpenTelemetry environment variables', async () => {
    const script = `const k = Object.keys(process.env).filter((k) => k.startsWith('OTEL_')).sort(); console.log(JSON.stringify(Object.fromEntries(k.map((x) => [x, process.env[x]]))))`;
    const out = join(dir, 'env.jsonl');
    // The command's output is the process's own (inherited): a real process.
    const result = await runBin(['record', '-o', out, '--port', '0', '--grace', '0', ...nodeCommand(script)], {
      env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://collector.example:4318/v1/traces', OTEL_SERVICE_NAME: 'kept' },
    });
    const base = LISTENING.exec(result.stderr)?.[1] ?? '';
    expect(JSON.parse(result.stdout)).toEqual({
      OTEL_EXPORTER_OTLP_ENDPOINT: base,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${base}/v1/traces`,
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf',
      OTEL_EXPORTER_ZIPKIN_ENDPOINT: `${base}/api/v2/spans`,
      OTEL_SERVICE_NAME: 'kept',
      OTEL_TRACES_EXPORTER: 'otlp',
    });
    expect(result.status).toBe(0);
  });

  it('--protocol json asks for OTLP/HTTP JSON', async () => {
    const result = await runBin(['record', '-o', join(dir, 'proto.jsonl'), '--port', '0', '--grace', '0', '--protocol', 'json', ...nodeCommand('console.log(process.env.OTEL_EXPORTER_OTLP_PROTOCOL)')]);
    expect(result.stdout).toBe('http/json\n');
  });

  it('writes what the command sent, reports it, and exits with the command\'s code', async () => {
    const out = join(dir, 'sent.jsonl');
    const script = `fetch(process.env.OTEL_EXPORTER_OTLP_ENDPOINT + '/v1/traces', { method: 'POST', headers: { 'content-type': 'application/json' }, body: ${JSON.stringify(SPAN_JSON)} }).then(() => process.exit(3))`;
    const result = await runCli(['record', '-o', out, '--port', '0', '--grace', '0.1', ...nodeCommand(script)]);
    expect(result.status).toBe(3);
    expect(result.stderr.replace(LISTENING, 'LISTENING')).toBe(`LISTENING\ntracectl record: 1 span in 1 request (OTLP JSON 1) written to ${out}\n`);
    expect(readFileSync(out, 'utf8')).toBe(`${SPAN_JSON}\n`);
  });

  it('a command ended by a signal exits 128 + the signal number', async () => {
    const result = await runCli(['record', '-o', join(dir, 'signal.jsonl'), '--port', '0', '--grace', '0', '-q', ...nodeCommand("process.kill(process.pid, 'SIGTERM'); setTimeout(() => {}, 5000)")]);
    expect(result.status).toBe(143);
    expect(result.stderr).toBe('');
  });

  it('a command that does not exist exits 127; the (empty) dump is still written', async () => {
    const out = join(dir, 'missing.jsonl');
    const result = await runCli(['record', '-o', out, '--port', '0', '--grace', '0', '--', 'no-such-command-tracectl']);
    expect(result.status).toBe(127);
    expect(result.stderr.replace(LISTENING, 'LISTENING')).toBe(
      'LISTENING\ntracectl record: cannot run no-such-command-tracectl: command not found\n' +
        `tracectl record: no spans received; wrote an empty ${out}. Is the program instrumented, and does its exporter read OTEL_EXPORTER_OTLP_ENDPOINT (or send to the address above)?\n`,
    );
    expect(readFileSync(out, 'utf8')).toBe('');
  });

  it('prints refused requests with their reason', async () => {
    const script = "fetch(process.env.OTEL_EXPORTER_OTLP_ENDPOINT + '/v1/traces', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{oops' })";
    const result = await runCli(['record', '-o', join(dir, 'refused.jsonl'), '--port', '0', '--grace', '0.1', ...nodeCommand(script)]);
    expect(result.stderr).toMatch(/^tracectl record: refused a request to \/v1\/traces \(HTTP 400\): request body is not valid JSON \(.+\)$/m);
    expect(result.status).toBe(0);
  });
});

describe('without a command', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('records until %s (a real signal to the process), then writes the dump and exits 0', async (signal) => {
    const out = join(dir, `until-${signal}.jsonl`);
    let pid = 0;
    let seen = '';
    let posted: Promise<number> | undefined;
    const result = await runBin(['record', '-o', out, '--port', '0'], {
      onSpawn: (p) => (pid = p),
      onStderr: (text) => {
        seen += text;
        const base = LISTENING.exec(seen)?.[1];
        if (base !== undefined && posted === undefined) {
          posted = postJson(base, SPAN_JSON).then((status) => {
            process.kill(pid, signal);
            return status;
          });
        }
      },
    });
    expect(await posted).toBe(200);
    expect(result.status).toBe(0);
    expect(result.stderr.replace(LISTENING, 'LISTENING')).toBe(
      `LISTENING\ntracectl record: press Ctrl-C to stop and write ${out}\ntracectl record: 1 span in 1 request (OTLP JSON 1) written to ${out}\n`,
    );
    expect(readFileSync(out, 'utf8')).toBe(`${SPAN_JSON}\n`);
  });

  it('-o - streams lines to standard output', async () => {
    const signals = new EventEmitter();
    let seen = '';
    let posted: Promise<number> | undefined;
    const result = await runCli(['record', '-o', '-', '--port', '0'], {
      signals,
      onStderr: (text) => {
        seen += text;
        const base = LISTENING.exec(seen)?.[1];
        if (base !== undefined && posted === undefined) {
          posted = postJson(base, SPAN_JSON).then(async (status) => {
            await postJson(base, SPAN_JSON.replace('"step"', '"step 2"'));
            signals.emit('SIGINT');
            return status;
          });
        }
      },
    });
    expect(await posted).toBe(200);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${SPAN_JSON}\n${SPAN_JSON.replace('"step"', '"step 2"')}\n`);
    expect(result.stderr.replace(LISTENING, 'LISTENING')).toBe(
      'LISTENING\ntracectl record: press Ctrl-C to stop and write the dump\ntracectl record: 2 spans in 2 requests (OTLP JSON 2) written to standard output\n',
    );
  });
});

describe('setup errors stop before the command runs', () => {
  it('-o - cannot be combined with a command', async () => {
    const result = await runCli(['record', '-o', '-', '--', 'true']);
    expect(result.stderr).toBe("tracectl: -o - cannot be combined with a command: the command's own output would mix with the dump\n");
    expect(result.status).toBe(2);
  });

  it('an output directory that does not exist', async () => {
    const marker = join(dir, 'ran');
    const result = await runCli(['record', '-o', join(dir, 'nope', 'x.jsonl'), '--port', '0', ...nodeCommand(`require('fs').writeFileSync(${JSON.stringify(marker)}, '')`)]);
    expect(result.stderr).toBe(`tracectl: cannot write ${join(dir, 'nope', 'x.jsonl')}: no such directory\n`);
    expect(result.status).toBe(2);
    expect(existsSync(marker)).toBe(false);
  });

  it('a port in use', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as AddressInfo).port;
    try {
      const result = await runCli(['record', '-o', join(dir, 'busy.jsonl'), '--port', String(port), '--', 'true']);
      expect(result.stderr).toBe(`tracectl: cannot listen on 127.0.0.1:${port}: the port is in use (another collector or recorder running? --port 0 picks a free port)\n`);
      expect(result.status).toBe(2);
      expect(existsSync(join(dir, 'busy.jsonl'))).toBe(false);
    } finally {
      busy.close();
    }
  });

  it('a non-loopback --host is warned about (here one this machine does not have)', async () => {
    const result = await runCli(['record', '-o', join(dir, 'host.jsonl'), '--host', '192.0.2.1', '--port', '0', '--', 'true']);
    expect(result.stderr).toBe(
      'tracectl record: warning: listening on 192.0.2.1, not loopback: anyone who can reach it can send spans, and the spans sent here may carry secrets (tokens, SQL, personal data)\n' +
        'tracectl: cannot listen on 192.0.2.1:0: no such address on this machine\n',
    );
    expect(result.status).toBe(2);
  });

  it.each([
    [['--port', '70000'], "tracectl: --port must be a whole number from 0 to 65535, got '70000'"],
    [['--grace', 'soon'], "tracectl: --grace must be a number of seconds from 0 to 600, got 'soon'"],
    [['--protocol', 'grpc'], "error: option '--protocol <protocol>' argument 'grpc' is invalid. Allowed choices are protobuf, json."],
  ])('bad options: %j', async (args, message) => {
    const result = await runCli(['record', ...args, '--', 'true']);
    expect(result.stderr.split('\n')[0]).toBe(message);
    expect(result.status).toBe(2);
  });
});

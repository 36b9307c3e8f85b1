import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, runBin, runCli, runJson } from '../helpers/cli.js';
import { asUnprivilegedUser } from '../helpers/unprivileged.js';

interface TracesJson {
  traces: { traceId: string; rootService: string; rootOperation: string; startTime: string; durationMs: number; spans: number; services: number; errors: number }[];
  warnings: { code: string; message: string }[];
}

const CHECKOUT = [
  {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    rootService: 'frontend',
    rootOperation: 'GET /checkout',
    startTime: '2023-11-14T22:13:20.000000Z',
    durationMs: 100,
    spans: 3,
    services: 2,
    errors: 1,
  },
  {
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    rootService: 'inventory',
    rootOperation: 'GET /items',
    startTime: '2023-11-14T22:13:20.200000Z',
    durationMs: 20,
    spans: 2,
    services: 1,
    errors: 0,
  },
];

const tmp = mkdtempSync(join(tmpdir(), 'tracectl-traces-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('tracectl traces: text', () => {
  it('prints an aligned table that fits 80 columns, truncating the root with an ellipsis', async () => {
    const r = await runCli(['traces', fixture('equivalent/checkout.jaeger.json'), '--width', '80']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        'TRACE             ROOT               START         DURATION  SPANS  SVCS  ERRORS',
        '0af7651916cd43dd  frontend GET /ch…  22:13:20.000     100ms      3     2       1',
        '4bf92f3577b34da6  inventory GET /i…  22:13:20.200    20.0ms      2     1       0',
        '2 traces on 2023-11-14 (UTC)',
        '',
      ].join('\n'),
    );
  });

  it('shows full ids at 120 columns, sorts by duration and limits', async () => {
    const r = await runCli(['traces', fixture('equivalent/checkout.zipkin.json'), '--sort', 'spans', '--limit', '1']);
    expect(r.stdout.split('\n')[1]).toBe('0af7651916cd43dd8448eb211c80319c  frontend GET /checkout  22:13:20.000     100ms      3     2       1');
    expect(r.stdout.split('\n')[2]).toBe('1 of 2 traces on 2023-11-14 (UTC)');
  });

  it('prints warnings once, as a summary on stderr', async () => {
    const r = await runCli(['traces', fixture('equivalent/checkout.otlp.jsonl')]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('warning non-trace-record ×1: ' + fixture('equivalent/checkout.otlp.jsonl') + ': 1 OTLP logs/metrics documents skipped\n');
    expect((await runCli(['traces', '-q', fixture('equivalent/checkout.otlp.jsonl')])).stderr).toBe('');
  });
});

describe('tracectl traces --json: the same dump in every format', () => {
  const inputs = ['checkout.jaeger.json', 'checkout.zipkin.json', 'checkout.otlp.json', 'checkout.otlp.jsonl', 'checkout.jaeger.json.gz'];
  for (const name of inputs) {
    it(`${name} gives the same traces`, async () => {
      expect((await runJson<TracesJson>(['traces', fixture(`equivalent/${name}`)])).json.traces).toEqual(CHECKOUT);
    });
  }

  it('reads gzip from stdin, and plain JSON from stdin with "-"', async () => {
    const gz = gzipSync(readFileSync(fixture('equivalent/checkout.zipkin.json')));
    expect((await runJson<TracesJson>(['traces'], { input: gz })).json.traces).toEqual(CHECKOUT);
    expect((await runJson<TracesJson>(['traces', '-'], { input: readFileSync(fixture('equivalent/checkout.otlp.json')) })).json.traces).toEqual(CHECKOUT);
  });

  it('gives one file twice the same result as once (exact duplicates dropped, and said)', async () => {
    const once = (await runJson<TracesJson>(['traces', fixture('equivalent/checkout.otlp.json')])).json;
    const twice = (await runJson<TracesJson>(['traces', fixture('equivalent/checkout.otlp.json'), fixture('equivalent/checkout.otlp.json')])).json;
    expect(twice.traces).toEqual(once.traces);
    expect(twice.warnings.map((w) => w.code)).toEqual(Array(5).fill('duplicate-span'));
  });

  it('assembles a trace whose spans are split across files', async () => {
    const lines = readFileSync(fixture('equivalent/checkout.otlp.jsonl'), 'utf8').trim().split('\n');
    writeFileSync(join(tmp, 'part1.jsonl'), `${lines[0]}\n`);
    writeFileSync(join(tmp, 'part2.jsonl'), `${lines.slice(1).join('\n')}\n`);
    expect((await runJson<TracesJson>(['traces', join(tmp, 'part1.jsonl'), join(tmp, 'part2.jsonl')])).json.traces).toEqual(CHECKOUT);
  });

  it('says once when the input is not UTF-8, and reads the bytes that are not as U+FFFD', async () => {
    const span = (name: Buffer): Buffer =>
      Buffer.concat([Buffer.from('[{"traceId":"9555e66a49b6f712","id":"fc777c4d89074dd3","name":"'), name, Buffer.from('","timestamp":1700000801911742,"duration":5,"localEndpoint":{"serviceName":"shop"}}]')]);
    writeFileSync(join(tmp, 'latin1.json'), span(Buffer.from('caf\xe9', 'latin1')));
    writeFileSync(join(tmp, 'utf8.json'), span(Buffer.from('café ☃', 'utf8')));
    interface Rows { traces: { rootOperation: string }[]; warnings: { code: string; message: string }[] }
    for (const args of [[], ['--input-format', 'zipkin']]) {
      const latin1 = (await runJson<Rows>(['traces', ...args, join(tmp, 'latin1.json')])).json;
      expect(latin1.traces.map((t) => t.rootOperation)).toEqual(['caf\ufffd']);
      expect(latin1.warnings).toEqual([{ code: 'invalid-utf8', message: `${join(tmp, 'latin1.json')}: not valid UTF-8; bytes that are not were read as U+FFFD`, file: join(tmp, 'latin1.json') }]);
    }
    const utf8 = (await runJson<Rows>(['traces', join(tmp, 'utf8.json')])).json;
    expect(utf8.traces.map((t) => t.rootOperation)).toEqual(['café ☃']);
    expect(utf8.warnings).toEqual([]);
    // The full reader (span details) says the same.
    expect((await runCli(['span', join(tmp, 'latin1.json'), '--span', 'fc777c4d89074dd3'])).stderr).toContain('warning invalid-utf8 ×1');
  });

  it('reads with a forced format, and a BOM and CRLF line ends do not matter', async () => {
    const text = readFileSync(fixture('equivalent/checkout.otlp.jsonl'), 'utf8').replace(/\n/g, '\r\n');
    writeFileSync(join(tmp, 'bom.jsonl'), `\ufeff${text}`);
    expect((await runJson<TracesJson>(['traces', '--input-format', 'otlp', join(tmp, 'bom.jsonl')])).json.traces).toEqual(CHECKOUT);
  });
});

describe('tracectl traces: bad input exits 2 with one line naming the file', () => {
  const cases: [string, string[], string][] = [
    ['a missing path', ['traces', 'nope.json'], 'tracectl: nope.json: no such file\n'],
    ['a directory', ['traces', 'fixtures'], 'tracectl: fixtures: is a directory, not a trace dump\n'],
    ['an empty file', ['traces', 'fixtures/bad/empty.json'], 'tracectl: fixtures/bad/empty.json: empty input: no JSON in it\n'],
    ['malformed JSON', ['traces', 'fixtures/bad/malformed.json'], 'tracectl: fixtures/bad/malformed.json: malformed JSON at line 3, column 34: unexpected "}": expected a JSON value\n'],
    ['truncated JSON', ['traces', 'fixtures/bad/truncated.json'], 'tracectl: fixtures/bad/truncated.json: malformed JSON at line 21, column 69: unexpected end of input (the file looks truncated)\n'],
    ['JSON that is no trace format', ['traces', 'fixtures/bad/not-a-trace.json'], 'tracectl: fixtures/bad/not-a-trace.json: not a trace dump: found no Jaeger, Zipkin or OTLP spans (use --input-format to force one)\n'],
    ['logs and metrics only', ['traces', 'fixtures/bad/logs-only.jsonl'], 'tracectl: fixtures/bad/logs-only.jsonl: holds OpenTelemetry logs or metrics, not traces\n'],
    ['a bad option value', ['traces', '--limit', '0', 'x.json'], "tracectl: --limit must be a whole number of at least 1, got '0'\n"],
  ];
  for (const [what, args, stderr] of cases) {
    it(what, async () => {
      const r = await runCli(args);
      expect(r.stderr).toBe(stderr);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
    });
  }

  it('empty stdin', async () => {
    expect(await runCli(['traces'], { input: '' })).toEqual({ stdout: '', stderr: 'tracectl: stdin: empty input: no JSON in it\n', status: 2 });
  });

  it('truncated gzip on stdin', async () => {
    const gz = readFileSync(fixture('equivalent/checkout.jaeger.json.gz')).subarray(0, 300);
    const r = await runCli(['traces'], { input: gz });
    expect(r.stderr).toBe('tracectl: stdin: gzip data is corrupt or truncated (unexpected end of file)\n');
    expect(r.status).toBe(2);
  });

  it('an unknown option is a usage error', async () => {
    const r = await runCli(['traces', '--frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe("error: unknown option '--frobnicate'");
  });

  // As root (CI), the run takes the user nobody, who is held to the file's mode (test/helpers/unprivileged.ts).
  it('a file without read permission', async () => {
    chmodSync(tmp, 0o755);
    const path = join(tmp, 'secret.json');
    copyFileSync(fixture('equivalent/checkout.zipkin.json'), path);
    expect((await runCli(['traces', path])).status).toBe(0); // the command's code loaded while the checkout is readable
    chmodSync(path, 0o000);
    const r = await asUnprivilegedUser(() => runCli(['traces', path]));
    expect(r).toEqual({ stdout: '', stderr: `tracectl: ${path}: permission denied\n`, status: 2 });
  });
});

describe('tracectl --version and --help', () => {
  it('prints the version from package.json', async () => {
    const version = (JSON.parse(readFileSync(fixture('../package.json'), 'utf8')) as { version: string }).version;
    expect(await runCli(['--version'])).toEqual({ stdout: `${version}\n`, stderr: '', status: 0 });
  });

  it('documents exit codes in --help', async () => {
    const r = await runCli(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Exit codes: 0 ok, 1 a check you asked for failed, 2 usage or input error.');
  });

  it('runs as the installed bin', async () => {
    const version = (JSON.parse(readFileSync(fixture('../package.json'), 'utf8')) as { version: string }).version;
    expect(await runBin(['--version'])).toEqual({ stdout: `${version}\n`, stderr: '', status: 0, signal: null });
  });
});

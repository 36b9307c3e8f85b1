/**
 * `tracectl redact`: the copy of a dump you can attach to a public ticket. Round trip: the redacted
 * dump gives the same `traces`, `latency` and `critical-path` results and holds none of the secrets
 * planted in fixtures/hostile/secrets.*.json; writing is atomic and never over the input.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'tracectl-redact-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const FORMATS = ['jaeger', 'zipkin', 'otlp'] as const;
/** Every secret planted in the fixtures: none may survive. */
const PLANTED = [
  's3cr3t-bearer-token-AAAA', 'c00kie-v4lue-BBBB', 'setc00kie-CCCC', 'db-p4ssw0rd-DDDD', 'apik3y-EEEE', 'sess10n-FFFF', 'tok3n-GGGG',
  'c2lnbmF0dXJlLUhISEg', 'dXNlcjpwYXNzLUlJSUk', 'hunter2-JJJJ', 'c00kie-KKKK', 'pw-LLLL',
  'alice.secret@example.com', 'bob.secret@corp.example.org', 'carol.secret@example.net', 'dave.secret@example.com', 'erin.secret@example.com',
  '10.20.30.', '2a00:1450', '4111 1111 1111 1111', '4012888888881881', '5555555555554444', 'eyJhbGciOiJIUzI1NiJ9',
];

let serial = 0;
async function redact(input: string, ...args: string[]): Promise<{ out: string; stdout: string; stderr: string; status: number | null }> {
  const out = join(tmp, `out-${serial++}.json`);
  const r = await runCli(['redact', input, '-o', out, ...args]);
  return { out, ...r };
}

/** A command's --json result without the input's name (warnings name their file). */
async function resultOf(command: string, path: string): Promise<unknown> {
  const r = await runCli([command, path, '--json']);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout.split(path).join('<input>'));
}

describe('tracectl redact: round trip', () => {
  it.each(FORMATS)('%s: the same traces, latency and critical-path results; none of the planted secrets', async (format) => {
    const input = fixture(`hostile/secrets.${format}.json`);
    const r = await redact(input);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    for (const command of ['traces', 'latency', 'critical-path']) expect(await resultOf(command, r.out), command).toEqual(await resultOf(command, input));
    const text = readFileSync(r.out, 'utf8');
    expect(PLANTED.filter((secret) => text.includes(secret))).toEqual([]);
    // Things that only look alike survive.
    expect(text).not.toContain('[redacted]"200');
    expect(r.stderr).not.toMatch(/AAAA|secret@|10\.20\.30/);
  });

  it('with --remap-ids: the same results once ids are left out, no original id left, the tree intact', async () => {
    for (const format of FORMATS) {
      const input = fixture(`hostile/secrets.${format}.json`);
      const r = await redact(input, '--remap-ids');
      expect(r.status, r.stderr).toBe(0);
      const noIds = (v: unknown): string => JSON.stringify(v).replace(/"(traceId|spanId|parentId)":"[^"]*"/g, '"$1":"-"');
      for (const command of ['traces', 'latency', 'critical-path']) expect(noIds(await resultOf(command, r.out)), `${format} ${command}`).toBe(noIds(await resultOf(command, input)));
      const text = readFileSync(r.out, 'utf8');
      expect(text).not.toContain('5ec7e75ec7e75ec');
      const depths = async (path: string): Promise<number[]> => (JSON.parse((await runCli(['waterfall', path, '--json'])).stdout) as { spans: { depth: number }[] }).spans.map((s) => s.depth);
      expect(await depths(r.out)).toEqual(await depths(input));
    }
  });

  it('with --hash-names: services and operations become stable short hashes, the numbers stay', async () => {
    const input = fixture('hostile/secrets.jaeger.json');
    const a = await redact(input, '--hash-names');
    const b = await redact(input, '--hash-names');
    expect(a.status, a.stderr).toBe(0);
    expect(readFileSync(a.out, 'utf8')).toBe(readFileSync(b.out, 'utf8'));
    const rows = async (path: string): Promise<string[]> =>
      (JSON.parse((await runCli(['latency', path, '--json', '--by', 'operation'])).stdout) as { groups: { service: string; operation: string; count: number; maxMs: number }[] }).groups
        .map((r) => `${r.service} ${r.operation} ${r.count} ${r.maxMs}`)
        .sort();
    expect(await rows(a.out)).toEqual([`svc-${sha('frontend')} op-${sha('POST /login')} 1 50`, `svc-${sha('users-db')} op-${sha('SELECT users')} 1 20`].sort());
    expect(await rows(input)).toEqual(['frontend POST /login 1 50', 'users-db SELECT users 1 20']);
  });

  it('prints what it replaced on stderr (--json: on stdout)', async () => {
    const r = await redact(fixture('hostile/secrets.zipkin.json'));
    expect(r.stderr).toBe(
      [
        `tracectl: redacted ${fixture('hostile/secrets.zipkin.json')} (zipkin, 2 records) to ${r.out}`,
        '  3 secret attribute values dropped: oauth.token ×1, session.id ×1, x-api-key ×1',
        '  replaced: 1 e-mail address, 4 IP addresses, 1 credential, 2 card numbers',
        '',
      ].join('\n'),
    );
    const j = await redact(fixture('hostile/secrets.otlp.json'), '--json', '--remap-ids', '--hash-names');
    // The summary is the JSON document; stderr does not say it again in words.
    expect(j.stderr).toBe('');
    expect(JSON.parse(j.stdout)).toEqual({
      input: fixture('hostile/secrets.otlp.json'),
      output: j.out,
      formats: ['otlp'],
      gzip: false,
      records: 1,
      secretAttributes: [
        { key: 'cookie', count: 1 },
        { key: 'http.request.header.authorization', count: 1 },
        { key: 'user.password', count: 1 },
      ],
      replaced: { emails: 1, ipAddresses: 3, credentials: 1, jwts: 1, cardNumbers: 1 },
      hashedNames: { services: 2, operations: 2 },
      remappedIds: 3,
      warnings: [],
      warningCounts: [],
    });
  });

  it('--keep keeps chosen attributes as they are', async () => {
    const r = await redact(fixture('hostile/secrets.zipkin.json'), '--keep', 'x-api-key,payment.card');
    const text = readFileSync(r.out, 'utf8');
    expect(text).toContain('apik3y-EEEE');
    expect(text).toContain('4111 1111 1111 1111');
    expect(text).not.toContain('sess10n-FFFF');
  });

  it('keeps the envelope and layout around records: gzip in, gzip out; JSON lines stay lines; stdin works', async () => {
    const gz = join(tmp, 'in.json.gz');
    writeFileSync(gz, gzipSync(readFileSync(fixture('hostile/secrets.otlp.json'))));
    const r = await redact(gz);
    expect(r.status, r.stderr).toBe(0);
    const plain = gunzipSync(readFileSync(r.out)).toString('utf8');
    expect(plain.startsWith('{\n  "resourceSpans": [\n    {"resource":')).toBe(true);
    expect(plain).not.toContain('hunter2');

    const lines = await redact(fixture('equivalent/checkout.otlp.jsonl'));
    expect(readFileSync(lines.out, 'utf8').split('\n').length).toBe(readFileSync(fixture('equivalent/checkout.otlp.jsonl'), 'utf8').split('\n').length);

    const out = join(tmp, 'from-stdin.json');
    const viaStdin = await runCli(['redact', '-o', out], { input: readFileSync(fixture('hostile/secrets.jaeger.json')) });
    expect(viaStdin.status, viaStdin.stderr).toBe(0);
    expect(viaStdin.stderr.split('\n')[0]).toBe(`tracectl: redacted stdin (jaeger, 1 record) to ${out}`);
    const toStdout = await runCli(['redact', fixture('hostile/secrets.jaeger.json'), '-o', '-', '-q']);
    expect(toStdout.stdout).toBe(readFileSync(out, 'utf8'));
  });
});

describe('tracectl redact: writing safely', () => {
  it('refuses to write over its input (the same path or a link to it): exit 2, the input untouched', async () => {
    const input = join(tmp, 'input.json');
    copyFileSync(fixture('hostile/secrets.zipkin.json'), input);
    const before = readFileSync(input, 'utf8');
    const r = await runCli(['redact', input, '-o', input]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`tracectl: the output ${input} is the input ${input}: write the redacted dump to another file\n`);
    const relative = await runCli(['redact', input, '-o', join(tmp, '.', 'input.json')]);
    expect(relative.status).toBe(2);
    expect(readFileSync(input, 'utf8')).toBe(before);
  });

  it('on bad input: exit 2, one line, no output file and no temporary file left; an existing output stays as it was', async () => {
    const dir = mkdtempSync(join(tmp, 'bad-'));
    const out = join(dir, 'out.json');
    const r = await runCli(['redact', fixture('bad/truncated.json'), '-o', out]);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(readdirSync(dir)).toEqual([]);
    writeFileSync(out, 'previous');
    expect((await runCli(['redact', fixture('hostile/binary.png'), '-o', out])).status).toBe(2);
    expect((await runCli(['redact', fixture('bad/not-a-trace.json'), '-o', out])).status).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('previous');
    expect(readdirSync(dir)).toEqual(['out.json']);
    const ok = await runCli(['redact', fixture('hostile/secrets.otlp.json'), '-o', out]);
    expect(ok.status).toBe(0);
    expect(readdirSync(dir)).toEqual(['out.json']);
    expect(existsSync(out)).toBe(true);
  });

  it('usage errors: no -o, a directory that does not exist, two inputs, --where', async () => {
    expect((await runCli(['redact', fixture('hostile/secrets.otlp.json')])).stderr).toBe("error: required option '-o, --output <path>' not specified\n(run with --help for usage)\n");
    const missing = await runCli(['redact', fixture('hostile/secrets.otlp.json'), '-o', join(tmp, 'no', 'such', 'dir', 'x.json')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(`tracectl: cannot write ${join(tmp, 'no', 'such', 'dir', 'x.json')}: no such directory\n`);
    const two = await runCli(['redact', fixture('hostile/secrets.otlp.json'), fixture('hostile/secrets.zipkin.json'), '-o', join(tmp, 'two.json')]);
    expect(two.status).toBe(2);
    expect(two.stderr).toBe('tracectl: redact reads one dump at a time: give one path, or "-" for standard input\n');
    const where = await runCli(['redact', fixture('hostile/secrets.otlp.json'), '-o', join(tmp, 'where.json'), '--where', 'error']);
    expect([where.status, where.stderr]).toEqual([2, 'tracectl: redact copies the whole dump: --where does not apply (filter the redacted copy with the other commands)\n']);
    expect(existsSync(join(tmp, 'where.json'))).toBe(false);
  });
});

function sha(name: string): string {
  return createHash('sha256').update(name).digest('hex').slice(0, 8);
}

/**
 * A dump cut off inside a record (a Collector file still being written, `head -c`, a copy that ran
 * out of disk) reads as the dump of its whole records would, with one `truncated-input` warning;
 * `--strict` refuses it as before. The cut inputs are made here from generated dumps and bundled
 * fixtures; each is compared with a dump written from only the records (and, in OTLP, the spans)
 * that are whole before the cut, built from the parsed document, not by the reader under test.
 *
 *   whole:   [ rec0 , rec1 , rec2 , rec3 ]
 *   cut:     [ rec0 , rec1 , re|                 ← input ends here
 *   equals:  [ rec0 , rec1 ]                     + warning truncated-input
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, gunzipSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript module without types (bench/ has no build step)
import { generate } from '../../bench/generate.js';
import { fixture, runCli } from '../helpers/cli.js';

type Json = Record<string, unknown>;

async function generated(format: string, bytes: number, seed: number): Promise<string> {
  const parts: string[] = [];
  await generate({ format, bytes, seed, write: (t: string) => void parts.push(t) });
  return parts.join('');
}

/** Offset of the k-th (0-based) occurrence of `needle` in `text`. */
function nth(text: string, needle: string, k: number): number {
  let at = -1;
  for (let i = 0; i <= k; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`fewer than ${k + 1} of ${needle}`);
  }
  return at;
}

/** An OTLP document with only its first `k` spans (in the order they are written). */
function firstSpans(doc: Json, k: number): Json {
  let left = k;
  const resourceSpans: Json[] = [];
  for (const rs of doc.resourceSpans as Json[]) {
    if (left === 0) break;
    const scopeSpans: Json[] = [];
    for (const ss of rs.scopeSpans as Json[]) {
      if (left === 0) break;
      const spans = (ss.spans as Json[]).slice(0, left);
      left -= spans.length;
      scopeSpans.push({ ...ss, spans });
    }
    resourceSpans.push({ ...rs, scopeSpans });
  }
  return { ...doc, resourceSpans };
}

const SPAN_START = '"startTimeUnixNano":';

/** OTLP JSON lines cut inside the k-th span of the text, and the lines of only the spans before it. */
function cutLines(text: string, k: number): { cut: string; whole: string } {
  const at = nth(text, SPAN_START, k);
  const lines = text.split('\n').filter((l) => l !== '');
  let offset = 0;
  let before = 0;
  const whole: string[] = [];
  for (const line of lines) {
    if (offset + line.length < at) {
      whole.push(line);
      before += line.split(SPAN_START).length - 1;
      offset += line.length + 1;
      continue;
    }
    whole.push(JSON.stringify(firstSpans(JSON.parse(line) as Json, k - before)));
    break;
  }
  return { cut: text.slice(0, at + 30), whole: `${whole.join('\n')}\n` };
}

const COMMANDS = [
  ['traces', '--json', '--sort', 'spans'],
  ['latency', '--json', '--by', 'operation'],
  ['stats', '--json', '--by', 'operation'],
];

/** What a command prints, its warnings apart. */
async function report(args: string[], input: string | Buffer | readonly Buffer[], env: Record<string, string> = {}): Promise<{ status: number; out: unknown; warnings: { code: string; message: string }[] }> {
  const r = await runCli([...args, '-'], { input, env: { TRACECTL_WORKERS: '0', ...env } });
  if (r.status !== 0) return { status: r.status, out: r.stderr, warnings: [] };
  const { warnings, warningCounts: _, ...out } = JSON.parse(r.stdout) as Json;
  return { status: r.status, out, warnings: warnings as { code: string; message: string }[] };
}

/**
 * The cut input reads as the whole one, with exactly one truncated-input warning more. The fast
 * paths are those of compact reads (traces, latency): with one turned off (`env`), stats (full
 * spans, which takes none of them) is left out.
 */
async function expectSame(cut: string | Buffer | readonly Buffer[], whole: string, env: Record<string, string> = {}): Promise<string> {
  let message = '';
  for (const args of Object.keys(env).length > 0 ? COMMANDS.slice(0, 2) : COMMANDS) {
    const a = await report(args, cut, env);
    const b = await report(args, whole, env);
    expect(a.status, `${args[0]}: ${String(a.out)}`).toBe(0);
    expect(b.status).toBe(0);
    expect(a.out, args.join(' ')).toEqual(b.out);
    const cuts = a.warnings.filter((w) => w.code === 'truncated-input');
    expect(cuts).toHaveLength(1);
    expect(a.warnings.filter((w) => w.code !== 'truncated-input')).toEqual(b.warnings);
    message = cuts[0]!.message;
  }
  return message;
}

/** The fast paths of the reader, each turned off in turn, and all of them on. */
const PATHS: Record<string, Record<string, string>> = {
  'all fast paths': {},
  'no fast lean reader': { TRACECTL_FAST: '0' },
  'no byte runs': { TRACECTL_RUNS: '0' },
  'OTLP records as text': { TRACECTL_OTLP_BYTES: '0' },
};

/** `text` in chunks of `size` bytes, as a pipe delivers it. */
function chunks(text: string | Buffer, size: number): Buffer[] {
  const bytes = Buffer.from(text);
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

let otlpLines = '';
let otlpDoc = '';
let jaeger = '';
let zipkin = '';

beforeAll(async () => {
  otlpLines = await generated('otlp-lines', 400_000, 21);
  otlpDoc = await generated('otlp', 400_000, 22);
  jaeger = await generated('jaeger', 700_000, 23);
  zipkin = await generated('zipkin', 700_000, 24);
});

describe('a dump cut off inside a record reads as the dump of its whole records', () => {
  it.each(Object.keys(PATHS))('OTLP JSON lines cut mid-line (%s)', async (path) => {
    const spans = otlpLines.split(SPAN_START).length - 1;
    const { cut, whole } = cutLines(otlpLines, Math.floor(spans * 0.7));
    const message = await expectSame(chunks(cut, 64 << 10), whole, PATHS[path]);
    expect(message).toMatch(new RegExp(`^stdin: the input ends inside a record at byte ${Buffer.byteLength(cut)}; read up to byte \\d+, where the last whole record ends \\(--strict refuses a cut input\\)$`));
  });

  it.each(Object.keys(PATHS))('one OTLP document cut mid-way: whole ResourceSpans, ScopeSpans and spans before the cut count (%s)', async (path) => {
    const doc = JSON.parse(otlpDoc) as Json;
    const text = JSON.stringify(doc);
    const spans = text.split(SPAN_START).length - 1;
    const k = Math.floor(spans * 0.6);
    const cut = text.slice(0, nth(text, SPAN_START, k) + 40);
    await expectSame(chunks(cut, 50_000), JSON.stringify(firstSpans(doc, k)), PATHS[path]);
  });

  it('one ResourceSpans holding every span, cut after its third span: the three are read', async () => {
    const doc = JSON.parse(readFileSync(fixture('equivalent/checkout.otlp.json'), 'utf8')) as Json;
    const all = (doc.resourceSpans as Json[]).flatMap((rs) => (rs.scopeSpans as Json[]).flatMap((ss) => ss.spans as Json[]));
    const rs0 = (doc.resourceSpans as Json[])[0]!;
    const one = { resourceSpans: [{ ...rs0, scopeSpans: [{ scope: { name: 's' }, spans: all }] }] };
    const text = JSON.stringify(one, null, 2);
    const cut = text.slice(0, nth(text, SPAN_START, 3) + 10);
    await expectSame(cut, JSON.stringify(firstSpans(one, 3), null, 2));
  });

  it.each(Object.keys(PATHS))('Jaeger {"data":[... cut mid-trace (%s)', async (path) => {
    const doc = JSON.parse(jaeger) as { data: Json[] };
    const k = Math.floor(doc.data.length * 0.8);
    const cut = jaeger.slice(0, nth(jaeger, '"spans":[', k) + 500);
    await expectSame(chunks(cut, 100_000), JSON.stringify({ ...doc, data: doc.data.slice(0, k) }), PATHS[path]);
  });

  it.each(Object.keys(PATHS))('Zipkin [... cut mid-span (%s)', async (path) => {
    const spans = JSON.parse(zipkin) as Json[];
    const k = Math.floor(spans.length * 0.8);
    const cut = zipkin.slice(0, nth(zipkin, '{"traceId":"', k) + 60);
    await expectSame(chunks(cut, 100_000), JSON.stringify(spans.slice(0, k)), PATHS[path]);
  });

  it('a cut file reads as the same bytes on stdin do, and its warning names the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracectl-cut-'));
    const { cut } = cutLines(otlpLines, 40);
    writeFileSync(join(dir, 'otlp.jsonl'), cut);
    const file = await runCli(['traces', '--json', join(dir, 'otlp.jsonl')], { env: { TRACECTL_WORKERS: '0' } });
    const stdin = await runCli(['traces', '--json', '-'], { input: cut, env: { TRACECTL_WORKERS: '0' } });
    expect(file.status).toBe(0);
    const [a, b] = [JSON.parse(file.stdout) as Json, JSON.parse(stdin.stdout) as Json];
    expect(a.traces).toEqual(b.traces);
    expect(JSON.stringify(a.warnings)).toBe(JSON.stringify(b.warnings).replaceAll('stdin:', `${join(dir, 'otlp.jsonl')}:`).replaceAll('"stdin"', JSON.stringify(join(dir, 'otlp.jsonl'))));
  });

  it('gzip cut mid-stream: what it inflates to is read, as the same bytes cut plain are', async () => {
    for (const text of [otlpLines, jaeger, zipkin]) {
      const gz = gzipSync(text);
      const cut = gz.subarray(0, Math.floor(gz.length * 0.7));
      const inflated = gunzipSync(cut, { finishFlush: constants.Z_SYNC_FLUSH });
      expect(inflated.length).toBeLessThan(text.length);
      for (const args of COMMANDS) {
        const a = await report(args, chunks(cut, 32 << 10));
        const b = await report(args, inflated);
        expect(a.status).toBe(0);
        expect(a.out).toEqual(b.out);
        expect(a.warnings.filter((w) => w.code === 'truncated-input').map((w) => w.message)).toEqual([
          expect.stringMatching(new RegExp(`^stdin: gzip data is truncated after ${cut.length} bytes and inflates to a cut record at byte ${inflated.length}; read up to byte \\d+, where the last whole record ends`)),
        ]);
      }
    }
  });

  it('a cut between records (a Collector file after a whole line, less its newline) is no cut', async () => {
    const lines = otlpLines.split('\n');
    const r = await runCli(['traces', '-'], { input: lines.slice(0, 3).join('\n') });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('the warning is said once, in text too', async () => {
    const { cut } = cutLines(otlpLines, 40);
    const r = await runCli(['traces', '-'], { input: cut });
    expect(r.status).toBe(0);
    expect(r.stderr.split('\n').filter((l) => l.includes('truncated'))).toEqual([expect.stringMatching(/^warning truncated-input ×1: stdin: the input ends inside a record at byte \d+; read up to byte \d+, where the last whole record ends \(--strict refuses a cut input\)$/)]);
  });
});

describe('the bundled cut dump (docs/inputs/files.md)', () => {
  it('is the first 1500 bytes of checkout.otlp.jsonl, cut inside its fourth line', () => {
    const cut = readFileSync(fixture('bad/cut-mid-line.otlp.jsonl'));
    const whole = readFileSync(fixture('equivalent/checkout.otlp.jsonl'));
    expect(cut.length).toBe(1500);
    expect(cut.equals(whole.subarray(0, 1500))).toBe(true);
    expect(cut.toString().split('\n')).toHaveLength(4);
  });
});

describe('--strict, and what stays an error', () => {
  it('--strict refuses a cut input with the one line it always gave', async () => {
    const { cut } = cutLines(otlpLines, 40);
    const lines = cut.split('\n');
    const r = await runCli(['traces', '--strict', '-'], { input: cut });
    expect(r).toEqual({ stdout: '', stderr: `tracectl: stdin: malformed JSON at line ${lines.length}, column ${Buffer.byteLength(lines.at(-1)!) + 1}: unexpected end of input (the file looks truncated)\n`, status: 2 });
  });

  it('--strict refuses a cut gzip stream', async () => {
    const gz = gzipSync(jaeger);
    const r = await runCli(['traces', '--strict', '-'], { input: gz.subarray(0, gz.length >> 1) });
    expect(r).toEqual({ stdout: '', stderr: 'tracectl: stdin: gzip data is corrupt or truncated (unexpected end of file)\n', status: 2 });
  });

  it('cut inside the very first record: nothing whole, still the error', async () => {
    const first = otlpLines.slice(0, otlpLines.indexOf(SPAN_START) + 20);
    const r = await runCli(['traces', '-'], { input: first });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`tracectl: stdin: malformed JSON at line 1, column ${Buffer.byteLength(first) + 1}: unexpected end of input (the file looks truncated)\n`);
    const jaegerFirst = await runCli(['traces', 'fixtures/bad/truncated.json']);
    expect(jaegerFirst.stderr).toBe('tracectl: fixtures/bad/truncated.json: malformed JSON at line 21, column 69: unexpected end of input (the file looks truncated)\n');
  });

  it('a stray bracket in the middle of a JSON-lines file is malformed JSON at its place, not a cut', async () => {
    const lines = otlpLines.split('\n');
    // Line 3 gains an opening bracket that nothing closes: its record runs on to the end of the input.
    lines[2] = lines[2]!.replace('"spans":[', '"spans":[[');
    const r = await runCli(['traces', '-'], { input: lines.join('\n') });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^tracectl: stdin: malformed JSON at line 3, column \d+: unexpected .*\n$/);
  });

  it('a string whose closing quote is missing in the middle is malformed JSON at its line', async () => {
    const lines = otlpLines.split('\n');
    const at = lines[1]!.indexOf('"name":"') + 8;
    lines[1] = lines[1]!.slice(0, at) + lines[1]!.slice(at).replace('"', '');
    const r = await runCli(['traces', '-'], { input: lines.join('\n') });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^tracectl: stdin: malformed JSON at line 2, column \d+: unexpected .*\n$/);
  });

  it('garbage between Zipkin spans, more spans after it: malformed JSON, with or without the fast reader', async () => {
    const bad = zipkin.replace(/\},\{"traceId":"/g, (m, at: number) => (at > 500_000 && at < 500_400 ? '},{"x":[},{"traceId":"' : m));
    expect(bad).not.toBe(zipkin);
    for (const env of [{}, { TRACECTL_FAST: '0' }]) {
      const r = await runCli(['traces', '-'], { input: bad, env });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^tracectl: stdin: malformed JSON at line 1, column \d+: /);
    }
  });
});

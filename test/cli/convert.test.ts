import { copyFileSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, runCli, runJson } from '../helpers/cli.js';
import { chromeProblems, speedscopeProblems } from '../helpers/view-checks.js';

const tmp = mkdtempSync(join(tmpdir(), 'tracectl-convert-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface TracesJson {
  traces: unknown[];
}

const CHECKOUT = fixture('equivalent/checkout.jaeger.json');
const checkoutTraces = async (): Promise<unknown[]> => (await runJson<TracesJson>(['traces', CHECKOUT])).json.traces;

describe('tracectl convert: each target', () => {
  for (const target of ['jaeger', 'zipkin', 'otlp', 'otlp-jsonl']) {
    it(`--to ${target} writes a dump that reads back as the same traces, and says what it wrote`, async () => {
      const out = join(tmp, `checkout.${target}`);
      const r = await runCli(['convert', CHECKOUT, '--to', target, '-o', out]);
      expect(r).toEqual({ stdout: '', stderr: `tracectl: wrote 2 traces (5 spans) as ${target} to ${out}\n`, status: 0 });
      expect((await runJson<TracesJson>(['traces', out])).json.traces).toEqual(await checkoutTraces());
    });
  }

  it('--to chrome writes a Trace Event document with every required field', async () => {
    const out = join(tmp, 'checkout.trace.json');
    const r = await runCli(['convert', CHECKOUT, '--to', 'chrome', '-o', out]);
    expect(r.status).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as { traceEvents: { ph: string }[] };
    expect(chromeProblems(doc)).toEqual([]);
    expect(doc.traceEvents.filter((e) => e.ph === 'X')).toHaveLength(5);
  });

  it('--to speedscope writes a speedscope file, and says the format has no place for span details', async () => {
    const out = join(tmp, 'checkout.speedscope.json');
    const r = await runCli(['convert', CHECKOUT, '--to', 'speedscope', '-o', out]);
    expect(r.stderr).toBe(
      [
        `tracectl: wrote 2 traces (5 spans) as speedscope to ${out}`,
        'note: speedscope cannot carry everything in this dump:',
        '  5 spans with attributes, status, events or links, which the speedscope format has no place for',
        '',
      ].join('\n'),
    );
    expect(speedscopeProblems(JSON.parse(readFileSync(out, 'utf8')))).toEqual([]);
  });
});

describe('tracectl convert: what the target cannot carry', () => {
  it('lists it on stderr, most frequent first', async () => {
    const out = join(tmp, 'rich.zipkin.json');
    const r = await runCli(['convert', fixture('convert/rich.otlp.json'), '--to', 'zipkin', '-o', out]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      [
        `tracectl: wrote 2 traces (7 spans) as zipkin to ${out}`,
        'note: zipkin cannot carry everything in this dump:',
        '  5 spans whose host is a name, not an IP address, written without it (Zipkin endpoints hold addresses only)',
        '  5 spans lost resource attributes other than the service name, IP address and port (all a Zipkin endpoint holds)',
        '  2 span events with attributes folded into the annotation text (Zipkin annotations are plain strings)',
        '  2 spans with number, boolean or structured attribute values written as strings (Zipkin tags are strings)',
        '  1 span of unspecified kind written without a kind (Zipkin reads that as a local span)',
        '  1 span link dropped (Zipkin has no links or references)',
        '  1 span with sub-microsecond times, rounded down to whole microseconds (the format records µs)',
        '',
      ].join('\n'),
    );
  });

  it('--json prints the summary with the losses as data; --quiet prints nothing', async () => {
    const out = join(tmp, 'rich.jaeger-from-otlp.json');
    const { json } = await runJson(['convert', fixture('convert/rich.jaeger.json'), '--to', 'otlp', '-o', out]);
    expect(json).toEqual({
      output: out,
      format: 'otlp',
      traces: 1,
      spans: 4,
      losses: [
        {
          code: 'follows-from-as-link',
          count: 1,
          message: '1 FOLLOWS_FROM parent written as the parent plus a link with opentracing.ref_type=follows_from (OTLP has no reference types)',
        },
      ],
      warnings: [],
      warningCounts: [],
    });
    expect(await runCli(['convert', fixture('convert/rich.jaeger.json'), '--to', 'zipkin', '-o', out, '-q'])).toEqual({ stdout: '', stderr: '', status: 0 });
  });
});

describe('tracectl convert: where the output goes', () => {
  it('one span is counted as one span', async () => {
    const one = JSON.stringify([{ traceId: '00000000000000aa', id: '00000000000000a1', name: 'get', timestamp: 1700000000000000, duration: 1000, localEndpoint: { serviceName: 'api' } }]);
    const r = await runCli(['convert', '--to', 'otlp', '-o', '-'], { input: one });
    expect([r.status, r.stderr]).toEqual([0, 'tracectl: wrote 1 trace (1 span) as otlp to standard output\n']);
  });

  it('-o - writes the dump to stdout and the note to stderr', async () => {
    const r = await runCli(['convert', CHECKOUT, '--to', 'zipkin', '-o', '-']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('tracectl: wrote 2 traces (5 spans) as zipkin to standard output\n');
    expect((await runJson<TracesJson>(['traces'], { input: r.stdout })).json.traces).toEqual(await checkoutTraces());
    expect(r.stdout.split('\n')).toHaveLength(5); // "[", one trace per line, "]", ""
  });

  it('reads standard input and gzip', async () => {
    const r = await runCli(['convert', '--to', 'otlp-jsonl', '-o', '-'], { input: readFileSync(fixture('equivalent/checkout.jaeger.json.gz')) });
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
  });

  it('replaces an existing output, leaving no temporary file behind', async () => {
    const dir = join(tmp, 'replace');
    mkdirSync(dir);
    writeFileSync(join(dir, 'out.json'), 'old');
    expect((await runCli(['convert', CHECKOUT, '--to', 'jaeger', '-o', join(dir, 'out.json')])).status).toBe(0);
    expect(readFileSync(join(dir, 'out.json'), 'utf8').startsWith('{"data":[')).toBe(true);
    expect(readdirSync(dir)).toEqual(['out.json']);
  });

  it('leaves an existing output untouched when the input is bad', async () => {
    const dir = join(tmp, 'bad-input');
    mkdirSync(dir);
    writeFileSync(join(dir, 'out.json'), 'old');
    const r = await runCli(['convert', fixture('bad/truncated.json'), '--to', 'jaeger', '-o', join(dir, 'out.json')]);
    expect(r.status).toBe(2);
    expect(readFileSync(join(dir, 'out.json'), 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['out.json']);
  });
});

describe('tracectl convert: refusals exit 2 with one line', () => {
  const input = join(tmp, 'input.json');
  copyFileSync(CHECKOUT, input);
  symlinkSync(input, join(tmp, 'link.json'));
  linkSync(input, join(tmp, 'hard.json'));
  const original = readFileSync(input, 'utf8');

  const cases: [string, string[], string][] = [
    ['the output is the input', ['-o', input], `tracectl: refusing to write the output over its input: -o ${input} is the input ${input}\n`],
    ['the output is the input spelled differently', ['-o', `${tmp}/./input.json`], `tracectl: refusing to write the output over its input: -o ${tmp}/./input.json is the input ${input}\n`],
    ['the output is a symbolic link to the input', ['-o', join(tmp, 'link.json')], `tracectl: refusing to write the output over its input: -o ${join(tmp, 'link.json')} is the input ${input}\n`],
    ['the output is a hard link to the input', ['-o', join(tmp, 'hard.json')], `tracectl: refusing to write the output over its input: -o ${join(tmp, 'hard.json')} is the input ${input}\n`],
    ['the output directory does not exist', ['-o', join(tmp, 'nope', 'out.json')], `tracectl: cannot write ${join(tmp, 'nope', 'out.json')}: no such directory\n`],
    ['--json with -o -', ['-o', '-', '--json'], 'tracectl: --json cannot be combined with -o -: standard output carries the converted dump\n'],
  ];
  for (const [what, args, stderr] of cases) {
    it(what, async () => {
      expect(await runCli(['convert', input, '--to', 'zipkin', ...args])).toEqual({ stdout: '', stderr, status: 2 });
      expect(readFileSync(input, 'utf8')).toBe(original);
    });
  }

  it('the output is a directory (and the temporary file is removed)', async () => {
    const dir = join(tmp, 'a-dir');
    mkdirSync(dir);
    expect(await runCli(['convert', input, '--to', 'zipkin', '-o', dir])).toEqual({ stdout: '', stderr: `tracectl: cannot write ${dir}: is a directory\n`, status: 2 });
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a missing or unknown --to', async () => {
    const missing = await runCli(['convert', input, '-o', join(tmp, 'x.json')]);
    expect([missing.status, missing.stderr.split('\n')[0]]).toEqual([2, "error: required option '--to <format>' not specified"]);
    const unknown = await runCli(['convert', input, '--to', 'csv', '-o', join(tmp, 'x.json')]);
    expect([unknown.status, unknown.stderr.split('\n')[0]]).toEqual([
      2,
      "error: option '--to <format>' argument 'csv' is invalid. Allowed choices are jaeger, zipkin, otlp, otlp-jsonl, chrome, speedscope, clickhouse.",
    ]);
  });
});

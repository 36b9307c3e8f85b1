/**
 * Values far beyond what a producer should write: 10 MB strings (names, attributes, messages) and
 * JSON nested 100,000 levels deep, as a whole document and inside one attribute. Generated into a
 * temp dir. Output stays within --width, nothing overflows the stack, nothing is lost silently.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandNames, runInProcess } from './support/commands.js';
import { failuresOf, problemsOf, runEveryCommand, warningsOf } from './support/every-command.js';
import { tempDir } from './support/files.js';
import { runBin } from './support/spawn.js';

const dir = tempDir('big-values');
const MB10 = 10 * 1024 * 1024;
const DEPTH = 100_000;
const T = 1_700_000_000_000_000;

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('10 MB strings', () => {
  it('a 10 MB span name, service name, attribute and error message in each format: every command exits 0 within --width', async () => {
    const big = (c: string): string => c.repeat(MB10);
    const paths = [
      write(
        'big.zipkin.json',
        JSON.stringify([
          { traceId: '00000000000000b1', id: '0000000000000001', name: big('n'), timestamp: T, duration: 10, localEndpoint: { serviceName: big('s') }, tags: { big: big('v'), error: big('e') } },
        ]),
      ),
      write(
        'big.otlp.json',
        JSON.stringify({
          resourceSpans: [
            {
              resource: { attributes: [{ key: 'service.name', value: { stringValue: big('s') } }] },
              scopeSpans: [{ spans: [{ traceId: '000000000000000000000000000000b2', spanId: '0000000000000001', name: big('n'), startTimeUnixNano: `${T}000`, endTimeUnixNano: `${T + 10}000`, attributes: [{ key: 'big', value: { stringValue: big('v') } }], status: { code: 2, message: big('e') } }] }],
            },
          ],
        }),
      ),
      write(
        'big.jaeger.json',
        JSON.stringify({
          data: [
            {
              traceID: '00000000000000b3',
              spans: [{ traceID: '00000000000000b3', spanID: '0000000000000001', operationName: big('n'), references: [], startTime: T, duration: 10, tags: [{ key: 'big', type: 'string', value: big('v') }, { key: 'error', type: 'bool', value: true }], logs: [{ timestamp: T, fields: [{ key: 'message', type: 'string', value: big('e') }] }], processID: 'p1' }],
              processes: { p1: { serviceName: big('s'), tags: [] } },
            },
          ],
        }),
      ),
    ];
    // Every command on the Zipkin dump, as text (critical-path: its own test below, with a time
    // bound); on the others the commands that print names, attributes and messages, as text and
    // JSON (this keeps the test under half a minute).
    const all = await commandNames();
    const detail = ['traces', 'span', 'errors', 'waterfall'];
    for (const [i, path] of paths.entries()) {
      const runs = await runEveryCommand({
        paths: [path],
        modes: i === 0 ? ['plain'] : ['plain', 'json'],
        width: 80,
        maxMs: 30_000,
        sample: '"spanID":"0000000000000001"',
        skip: i === 0 ? ['critical-path'] : all.filter((c) => !detail.includes(c)),
      });
      expect(problemsOf(runs), path).toEqual([]);
      expect(failuresOf(runs), path).toEqual([]);
      // A human report shows a glimpse of such a string, not 10 MB of it.
      for (const run of runs.filter((r) => r.mode === 'plain')) expect(run.result.stdout.length, `${run.command} ${path}`).toBeLessThan(100_000);
      expect((await warningsOf({ paths: [path] })).counts).toEqual({});
    }
  }, 300_000);

  // Was a bug (src/render/table.ts fitWidths shrank a column one cell per loop turn: a 10 MB name
  // cost ten million turns per table; critical-path took about 16 s, latency 6 s, deps 4 s).
  it('critical-path on one span with 10 MB names prints within 5 s', () => {
    const path = join(dir, 'big.zipkin.json');
    const r = runBin(['critical-path', path, '--width', '80'], { timeoutMs: 5_000 });
    expect(r.timedOut).toBe(false);
    expect(r.status).toBe(0);
  }, 30_000);
});

describe('JSON nested 100,000 levels deep', () => {
  it('a whole document of nested arrays, or of nested objects: exit 2, one line, in every command', async () => {
    const arrays = write('deep-arrays.json', '['.repeat(DEPTH) + ']'.repeat(DEPTH));
    const objects = write('deep-objects.json', '{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH));
    for (const path of [arrays, objects]) {
      const runs = await runEveryCommand({ paths: [path], modes: ['plain'] });
      expect(problemsOf(runs)).toEqual([]);
      for (const run of runs) {
        expect(run.result.exitCode).toBe(2);
        expect(run.result.stderr).toBe(`tracectl: ${path}: not a trace dump: found no Jaeger, Zipkin or OTLP spans (use --input-format to force one)\n`);
      }
    }
  }, 120_000);

  const open = (n: number, s: string): string => s.repeat(n);
  const deepOtlp = (): string => {
    const value = open(DEPTH, '{"kvlistValue":{"values":[{"key":"k","value":') + '{"stringValue":"leaf"}' + open(DEPTH, '}]}}');
    return `{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"deep"}}]},"scopeSpans":[{"spans":[{"traceId":"000000000000000000000000000000d1","spanId":"0000000000000001","name":"deep","startTimeUnixNano":"${T}000","endTimeUnixNano":"${T + 1000}000","attributes":[{"key":"deep","value":${value}},{"key":"ok","value":{"stringValue":"yes"}}]}]}]}]}`;
  };
  const deepArray = '['.repeat(DEPTH) + ']'.repeat(DEPTH);
  const deepZipkin = (): string =>
    `[{"traceId":"00000000000000d2","id":"0000000000000001","name":"deep","timestamp":${T},"duration":1000,"localEndpoint":{"serviceName":"deep"},"tags":{"deep":${deepArray},"ok":"yes"}}]`;
  const deepJaeger = (): string =>
    `{"data":[{"traceID":"00000000000000d3","spans":[{"traceID":"00000000000000d3","spanID":"0000000000000001","operationName":"deep","references":[],"startTime":${T},"duration":1000,"tags":[{"key":"deep","type":"string","value":${deepArray}},{"key":"ok","type":"string","value":"yes"}],"logs":[],"processID":"p1"}],"processes":{"p1":{"serviceName":"deep","tags":[]}}}]}`;

  it('one attribute nested 100,000 deep in OTLP and in Zipkin: the span is read, every command exits 0', async () => {
    for (const [name, text] of [['deep-attr.otlp.json', deepOtlp()], ['deep-attr.zipkin.json', deepZipkin()]] as const) {
      const path = write(name, text);
      const runs = await runEveryCommand({ paths: [path], modes: ['plain', 'json'] });
      expect(problemsOf(runs), name).toEqual([]);
      expect(failuresOf(runs), name).toEqual([]);
      const span = await runInProcess(['span', path, '--span', '0000000000000001', '--json']);
      expect((JSON.parse(span.stdout) as { spans: { attributes: Record<string, unknown> }[] }).spans[0]!.attributes.ok, name).toBe('yes');
    }
  }, 120_000);

  // Bug (src/formats/jaeger: a tag value is walked recursively; src/input/read-spans.ts then reports
  // the stack overflow as "too large to read" and drops the whole file). One deep tag value must not
  // cost every span of the dump: the span should be read, the value cut or dropped with a warning.
  it('one Jaeger tag value nested 100,000 deep: the span is read, not the whole file refused as "too large to read"', async () => {
    const path = write('deep-attr.jaeger.json', deepJaeger());
    const runs = await runEveryCommand({ paths: [path], modes: ['plain'] });
    expect(problemsOf(runs)).toEqual([]);
    expect(failuresOf(runs)).toEqual([]);
  }, 120_000);
});

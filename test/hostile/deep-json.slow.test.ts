/**
 * JSON nested 100,000 levels deep, as a whole document and inside one attribute, generated into a
 * temp dir: nothing overflows the stack, nothing is lost silently. (10 MB strings are in
 * ten-mb-strings.slow.test.ts.) In the slow tier (`npm run test:slow`).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { failuresOf, problemsOf, runEveryCommand, warningsOf } from './support/every-command.js';
import { tempDir } from './support/files.js';

const dir = tempDir('deep-json');
const DEPTH = 100_000;
const T = 1_700_000_000_000_000;

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('JSON nested 100,000 levels deep', () => {
  it('a whole document of nested arrays, or of nested objects: exit 2, one line, in every command', async () => {
    const arrays = write('deep-arrays.json', '['.repeat(DEPTH) + ']'.repeat(DEPTH));
    const objects = write('deep-objects.json', '{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH));
    for (const path of [arrays, objects]) {
      const runs = await runEveryCommand({ paths: [path], modes: ['plain'] });
      expect(problemsOf(runs)).toEqual([]);
      for (const run of runs) {
        expect(run.result.status).toBe(2);
        expect(run.result.stderr).toBe(`tracectl: ${path}: not a trace dump: found no Jaeger, Zipkin or OTLP spans (use --input-format to force one)\n`);
      }
    }
  });

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
      const span = await runCli(['span', path, '--span', '0000000000000001', '--json']);
      expect((JSON.parse(span.stdout) as { spans: { attributes: Record<string, unknown> }[] }).spans[0]!.attributes.ok, name).toBe('yes');
    }
  });

  // Bug (src/formats/jaeger: a tag value is walked recursively; src/input/read-spans.ts then reports
  // the stack overflow as "too large to read" and drops the whole file). One deep tag value must not
  // cost every span of the dump: the span should be read, the value cut or dropped with a warning.
  it('one Jaeger tag value nested 100,000 deep: the span is read, not the whole file refused as "too large to read"', async () => {
    const path = write('deep-attr.jaeger.json', deepJaeger());
    const runs = await runEveryCommand({ paths: [path], modes: ['plain'] });
    expect(problemsOf(runs)).toEqual([]);
    expect(failuresOf(runs)).toEqual([]);
  });
});

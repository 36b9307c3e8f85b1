/**
 * Values far beyond what a producer should write: 10 MB strings (names, services, attributes,
 * messages) in each format, generated into a temp dir. Output stays within --width, a human report
 * shows a glimpse of such a string, nothing is lost silently. In the slow tier (`npm run test:slow`):
 * each format's dump is 40 MB and every command reads it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandNames } from './support/commands.js';
import { failuresOf, problemsOf, runEveryCommand, warningsOf } from './support/every-command.js';
import { tempDir } from './support/files.js';
import { WRAP_LIMIT } from '../../src/render/wrap-value.js';

const dir = tempDir('big-strings');
const MB10 = 10 * 1024 * 1024;
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
    // Every command on the Zipkin dump, as text (critical-path's table layout was once quadratic in a
    // cell's width: a 10 MB name cost ten million turns of a loop); on the others the commands that
    // print names, attributes and messages, as text and JSON.
    const all = commandNames();
    const detail = ['traces', 'span', 'errors', 'waterfall'];
    for (const [i, path] of paths.entries()) {
      const runs = await runEveryCommand({
        paths: [path],
        modes: i === 0 ? ['plain'] : ['plain', 'json'],
        width: 80,
        sample: '"spanID":"0000000000000001"',
        ...(i === 0 ? {} : { skip: all.filter((c) => !detail.includes(c)) }),
      });
      expect(problemsOf(runs), path).toEqual([]);
      expect(failuresOf(runs), path).toEqual([]);
      // A human report shows a glimpse of such a string, not 10 MB of it; `span` wraps each value
      // whole up to WRAP_LIMIT characters (seven values here: title, service, operation, status,
      // two attributes, the resource's service), then says how many more there are.
      for (const run of runs.filter((r) => r.mode === 'plain')) {
        expect(run.result.stdout.length, `${run.command} ${path}`).toBeLessThan(run.command === 'span' ? 8 * WRAP_LIMIT * 1.3 : 100_000);
      }
      expect((await warningsOf({ paths: [path] })).counts).toEqual({});
    }
  });
});

/**
 * A dump cut off inside a record, read through parse workers (they exist only in the built
 * JavaScript, so these runs spawn the binary): the same report and the same truncated-input warning
 * with one worker, two, or none. test/input/truncated-input.test.ts compares cut dumps with the
 * dumps of their whole records in-process.
 */
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript module without types (bench/ has no build step)
import { generate } from '../../bench/generate.js';
import { runBin } from '../helpers/cli.js';

const dumps: Record<string, Buffer> = {};

beforeAll(async () => {
  for (const format of ['otlp-lines', 'otlp', 'jaeger', 'zipkin']) {
    const parts: string[] = [];
    await generate({ format, bytes: 600_000, seed: 31, write: (t: string) => void parts.push(t) });
    const text = Buffer.from(parts.join(''));
    // Cut mid-record, two thirds in.
    dumps[format] = text.subarray(0, Math.floor(text.length * 0.66));
  }
});

describe('a cut dump through parse workers', () => {
  it.each(['otlp-lines', 'otlp', 'jaeger', 'zipkin'])('%s: the same with one worker, two, or none', async (format) => {
    const run = async (workers: string) => await runBin(['traces', '--json', '--sort', 'spans', '-'], { input: dumps[format]!, env: { TRACECTL_WORKERS: workers } });
    const none = await run('0');
    expect(none.status).toBe(0);
    const doc = JSON.parse(none.stdout) as { traces: unknown[]; warnings: { code: string }[] };
    expect(doc.traces.length).toBeGreaterThan(5);
    expect(doc.warnings.filter((w) => w.code === 'truncated-input')).toHaveLength(1);
    expect(await run('1')).toEqual(none);
    expect(await run('2')).toEqual(none);
  });
});

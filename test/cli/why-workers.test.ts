/**
 * `why` through the built binary on a dump big enough for a parse worker: the worker decodes and
 * counts its records, the main thread takes the ones the worker has no room for, and the counts are
 * merged. The result is the one the main thread alone gives, in every input format.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript module without types (bench/ has no build step)
import { generate } from '../../bench/generate.js';
import { runBin } from '../helpers/cli.js';

const FORMATS = ['otlp', 'otlp-lines', 'jaeger', 'zipkin'] as const;
const files = new Map<string, string>();

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tracectl-why-'));
  for (const format of FORMATS) {
    const parts: string[] = [];
    await generate({ format, bytes: 6_000_000, seed: 5, write: (t: string) => void parts.push(t) });
    const path = join(dir, `${format}.json`);
    writeFileSync(path, parts.join(''));
    files.set(format, path);
  }
}, 120_000);

describe.each(FORMATS)('why with a parse worker, %s', (format) => {
  it.each([['--slow'], ['--errors']])('%s: the same as on one thread', async (rule) => {
    const path = files.get(format)!;
    const inline = await runBin(['why', path, rule, '--json'], { env: { TRACECTL_WORKERS: '0' } });
    const worker = await runBin(['why', path, rule, '--json'], { env: { TRACECTL_WORKERS: '1' } });
    expect(inline.status).toBe(0);
    expect(JSON.parse(inline.stdout).attributes.length).toBeGreaterThan(0);
    expect(worker).toEqual(inline);
  }, 120_000);
});

/**
 * The fast read path through the built binary (parse workers exist only in the built JavaScript, so
 * these runs spawn it): parse workers, the reader's fast paths, and latency's span stream give the same answers as reading on one thread and building every trace.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript module without types (bench/ has no build step)
import { generate } from '../../bench/generate.js';
import { fixture, runBin } from '../helpers/cli.js';

const EQUIVALENT = ['checkout.jaeger.json', 'checkout.jaeger.json.gz', 'checkout.otlp.json', 'checkout.otlp.jsonl', 'checkout.zipkin.json'];
let big = '';

beforeAll(async () => {
  const parts: string[] = [];
  await generate({ format: 'otlp', bytes: 3_000_000, seed: 11, write: (t: string) => void parts.push(t) });
  big = join(mkdtempSync(join(tmpdir(), 'tracectl-read-')), 'otlp-3mb.json');
  writeFileSync(big, parts.join(''));
});

describe('parse workers', () => {
  it.each(EQUIVALENT)('traces of %s: the same with a worker as without', async (name) => {
    const path = fixture(`equivalent/${name}`);
    const inline = await runBin(['traces', '--json', path], { env: { TRACECTL_WORKERS: '0' } });
    const worker = await runBin(['traces', '--json', path], { env: { TRACECTL_WORKERS: '1' } });
    expect(inline.status).toBe(0);
    expect(worker).toEqual(inline);
  });

  it('a 3 MB scattered OTLP dump through stdin: the same with one worker, two, or none', async () => {
    const run = async (workers: string) => await runBin(['traces', '--json', '--sort', 'spans', '-'], { input: readFileSync(big), env: { TRACECTL_WORKERS: workers } });
    const none = await run('0');
    expect(none.status).toBe(0);
    expect(JSON.parse(none.stdout).traces.length).toBeGreaterThan(50);
    expect(await run('1')).toEqual(none);
    expect(await run('2')).toEqual(none);
  });

  it.each(['malformed.json', 'truncated.json'])('%s: the same one-line error, position and exit code through a worker', async (name) => {
    const path = fixture(`bad/${name}`);
    const inline = await runBin(['traces', path], { env: { TRACECTL_WORKERS: '0' } });
    const worker = await runBin(['traces', path], { env: { TRACECTL_WORKERS: '1' } });
    expect(inline.status).toBe(2);
    expect(inline.stderr).toMatch(/malformed JSON at line \d+, column \d+/);
    expect(worker).toEqual(inline);
  });
});

describe('the fast Zipkin reader and runs of small records (TRACECTL_FAST, TRACECTL_RUNS)', () => {
  const dumps: Record<string, string> = {};
  beforeAll(async () => {
    for (const format of ['jaeger', 'zipkin']) {
      const parts: string[] = [];
      await generate({ format, bytes: 3_000_000, seed: 12, write: (t: string) => void parts.push(t) });
      dumps[format] = parts.join('');
    }
  });

  it.each([
    ['jaeger', 'traces', '--json', '--sort', 'spans'],
    ['jaeger', 'latency', '--json', '--by', 'operation'],
    ['zipkin', 'traces', '--json', '--sort', 'spans'],
    ['zipkin', 'latency', '--json', '--by', 'operation'],
  ])('a 3 MB %s dump through stdin, %s: the same with the fast paths as without, with one worker or two', async (format, ...args) => {
    const run = async (fast: string, workers: string) =>
      await runBin([...args, '-'], { input: dumps[format], env: { TRACECTL_FAST: fast, TRACECTL_RUNS: fast, TRACECTL_WORKERS: workers } });
    const exact = await run('0', '1');
    expect(exact.status).toBe(0);
    expect(exact.stdout.length).toBeGreaterThan(1000);
    expect(await run('1', '1')).toEqual(exact);
    expect(await run('1', '2')).toEqual(exact);
  });

  it.each(['jaeger', 'zipkin'])('%s: malformed JSON in a late record, the same one-line error, position and exit code', async (format) => {
    const bad = dumps[format]!.replace(/"duration":(\d+)/g, (m, d: string, at: number) => (at > 2_500_000 ? `"duration":${d}}` : m));
    const run = async (fast: string) => await runBin(['traces', '-'], { input: bad, env: { TRACECTL_FAST: fast, TRACECTL_RUNS: fast, TRACECTL_WORKERS: '1' } });
    const exact = await run('0');
    expect(exact.status).toBe(2);
    expect(exact.stderr).toMatch(/^tracectl: stdin: malformed JSON at line 1, column \d+: /);
    expect(await run('1')).toEqual(exact);
  });
});

describe('latency span stream', () => {
  it.each(EQUIVALENT)('%s: the stream alone gives what building every trace gives', async (name) => {
    const path = fixture(`equivalent/${name}`);
    const trees = await runBin(['latency', '--json', '--by', 'operation', path]);
    const stream = await runBin(['latency', '--json', '--by', 'operation', path], { env: { TRACECTL_EXACT_SPANS: '0' } });
    expect(trees.status).toBe(0);
    expect(stream).toEqual(trees);
  });

  it('a 3 MB scattered dump (children before parents): the stream agrees with the trees', async () => {
    for (const args of [[], ['--all-spans'], ['--by', 'operation', '--histogram']]) {
      const trees = await runBin(['latency', '--json', ...args, big], { env: { TRACECTL_WORKERS: '1' } });
      const stream = await runBin(['latency', '--json', ...args, big], { env: { TRACECTL_EXACT_SPANS: '0', TRACECTL_WORKERS: '1' } });
      expect(trees.status).toBe(0);
      expect(JSON.parse(stream.stdout)).toEqual(JSON.parse(trees.stdout));
    }
  });
});

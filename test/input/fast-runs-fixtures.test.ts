/**
 * Every fixture read into compact spans gives the same batches, warnings and summaries (or the same
 * error) with the fast lean readers as without them (byte-runs.ts).
 */
import { describe, expect, it } from 'vitest';
import { dumpFiles } from '../helpers/dump-files.js';
import { compactRead } from '../helpers/compact-reads.js';
import { readCounts } from '../helpers/read-counts.js';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const files = dumpFiles(FIXTURES);

describe('fast lean reading of the fixtures', () => {
  it('finds the fixtures', () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it.each(files.map((f) => [f.slice(FIXTURES.length)]))('%s reads the same with and without it', async (name) => {
    const fast = await compactRead(FIXTURES + name, true);
    const slow = await compactRead(FIXTURES + name, false);
    expect(fast).toEqual(slow);
  });

  it('reads the Zipkin spans of zipkin/ the fast way (the odd ones there go the ordinary way)', async () => {
    const before = { ...readCounts };
    for (const f of files.filter((f) => f.startsWith(FIXTURES + 'zipkin/'))) await compactRead(f, true);
    const fast = readCounts.fast - before.fast;
    const slow = readCounts.slow - before.slow;
    expect(fast).toBeGreaterThan(20);
    expect(slow).toBeGreaterThan(20);
  });
});

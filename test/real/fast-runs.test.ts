/**
 * Every real dump read into compact spans gives the same batches, warnings and summaries with the
 * fast lean readers as without them (byte-runs.ts): the Zipkin dumps go through the fast reader,
 * and the rest must not be changed by it.
 */
import { describe, expect, it } from 'vitest';
import { compactRead } from '../helpers/compact-reads.js';
import { readCounts } from '../helpers/read-counts.js';
import { REAL, realDumps } from '../helpers/real-dumps.js';

const files = realDumps();

describe('fast lean reading of every real dump', () => {
  it.each(files.map((f) => [f.slice(REAL.length)]))('%s reads the same with and without it', async (name) => {
    const fast = await compactRead(REAL + name, true);
    const slow = await compactRead(REAL + name, false);
    expect(fast).toEqual(slow);
  });

  it('reads the Zipkin spans of zipkin-v2/ the fast way, most of them', async () => {
    const before = { ...readCounts };
    for (const f of files.filter((f) => f.startsWith(REAL + 'zipkin-v2/'))) await compactRead(f, true);
    const fast = readCounts.fast - before.fast;
    const slow = readCounts.slow - before.slow;
    expect(fast).toBeGreaterThan(slow);
  });
});

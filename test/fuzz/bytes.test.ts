/**
 * Bytes flipped, overwritten, inserted or deleted anywhere in a fixture (a bad disk, a bad copy, a
 * hand edit gone wrong, a BOM or a gzip header in the middle): every command exits 0 or 2 with one
 * line, whatever lands where.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { seeds } from './support/corpus.js';
import { INSERTS, INTERESTING_BYTES, applyByteEdits, type ByteEdit } from './support/mutate.js';
import { RUNS, chunked, runCase, stats } from './support/run-all.js';

afterAll(() => console.log(`fuzz bytes: ${JSON.stringify(stats)}`));

const editArb: fc.Arbitrary<ByteEdit> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), byte: fc.oneof(fc.constantFrom(...INTERESTING_BYTES), fc.integer({ min: 0, max: 255 })) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.oneof(fc.constantFrom(...INSERTS), fc.string({ unit: 'binary-ascii', maxLength: 4 })) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
);

describe('bytes flipped, inserted and deleted', () => {
  it('property: every command on a fixture with 1 to 6 byte edits', async () => {
    const all = seeds();
    const before = stats.cases;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: all.length - 1 }),
        fc.array(editArb, { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 3 }),
        fc.constantFrom('plain', 'color', 'json' as const),
        fc.integer({ min: 80, max: 200 }),
        async (index, edits, cuts, mode, width) => {
          const seed = all[index]!;
          const bytes = applyByteEdits(seed.text, edits);
          const problems = await runCase({ stdin: chunked(bytes, cuts), mode, width });
          expect(problems, `${seed.name} with ${JSON.stringify(edits)}`).toEqual([]);
        },
      ),
      { numRuns: RUNS },
    );
    expect(stats.cases - before).toBe(RUNS);
  });
});

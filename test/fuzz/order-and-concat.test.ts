/**
 * Records in another order (spans before their parents, traces interleaved, tags shuffled) and dumps
 * glued together (two formats in one stream, on one line or several, or given as two files): the
 * results must not depend on order where order carries no meaning, and nothing may crash.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { jsonSeeds, seeds, serialize } from './support/corpus.js';
import { shuffleArrays } from './support/mutate.js';
import { RUNS, runCase, stats } from './support/run-all.js';

afterAll(() => console.log(`fuzz order/concat: ${JSON.stringify(stats)}`));

const modeArb = fc.constantFrom('plain', 'color', 'json' as const);

describe('record order and concatenation', () => {
  it('property: every array of a fixture shuffled; traces lists the same traces as before', async () => {
    const all = jsonSeeds();
    const before = stats.cases;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: all.length - 1 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), modeArb, async (index, seed32, mode) => {
        const seed = all[index]!;
        const docs = shuffleArrays(seed.docs, seed32) as unknown[];
        const bytes = serialize(seed, docs);
        const problems = await runCase({ stdin: [bytes], mode, width: 120 });
        expect(problems, `${seed.name} shuffled with ${seed32}`).toEqual([]);
        // Order carries no meaning for the set of traces and their span counts.
        const before = await runCli(['traces', '--json', '--sort', 'start'], { input: serialize(seed, [...seed.docs]) });
        const after = await runCli(['traces', '--json', '--sort', 'start'], { input: bytes });
        expect(after.status).toBe(before.status);
        if (before.status === 0) {
          const ids = (out: string): string[] =>
            (JSON.parse(out) as { traces: { traceId: string; spans: number }[] }).traces.map((t) => `${t.traceId}:${t.spans}`).sort();
          expect(ids(after.stdout)).toEqual(ids(before.stdout));
        }
      }),
      { numRuns: RUNS },
    );
    expect(stats.cases - before).toBe(RUNS);
  });

  it('property: two fixtures of any formats glued together (newline, nothing, or two files)', async () => {
    const all = seeds();
    const before = stats.cases;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: all.length - 1 }),
        fc.integer({ min: 0, max: all.length - 1 }),
        fc.constantFrom('newline', 'nothing', 'space', 'two-files' as const),
        modeArb,
        async (a, b, join, mode) => {
          const [x, y] = [all[a]!, all[b]!];
          const input =
            join === 'two-files'
              ? { files: [x.bytes, y.bytes] }
              : { stdin: [Buffer.concat([x.text, Buffer.from(join === 'newline' ? '\n' : join === 'space' ? ' ' : ''), y.text])] };
          const problems = await runCase({ ...input, mode, width: 100 });
          expect(problems, `${x.name} + ${y.name} (${join})`).toEqual([]);
        },
      ),
      { numRuns: RUNS },
    );
    expect(stats.cases - before).toBe(RUNS);
  });
});

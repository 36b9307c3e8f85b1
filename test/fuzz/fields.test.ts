/**
 * Well-formed JSON with the wrong things in it: fields dropped, ids written as numbers, arrays where
 * objects belong and back, null in every place, absurd numbers, very deep values. The decoders must
 * skip what they cannot use and say so; nothing may crash or print `undefined`/`NaN`.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonSeeds, serialize } from './support/corpus.js';
import { RETYPES, keysOf, retypeAt, retypeEveryKey, valuePaths } from './support/mutate.js';
import { RUNS, runCase, stats } from './support/run-all.js';

afterAll(() => console.log(`fuzz fields: ${JSON.stringify(stats)}`));

const modeArb = fc.constantFrom('plain', 'color', 'json' as const);

describe('fields dropped and retyped', () => {
  it('property: 1 to 4 values anywhere in a fixture dropped or given another type', async () => {
    const all = jsonSeeds();
    const before = stats.cases;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: all.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...RETYPES)), { minLength: 1, maxLength: 4 }),
        modeArb,
        fc.integer({ min: 80, max: 200 }),
        async (index, ops, mode, width) => {
          const seed = all[index]!;
          const docs = [...seed.docs];
          const done: string[] = [];
          for (const [which, at, how] of ops) {
            const d = which % docs.length;
            const paths = valuePaths(docs[d]);
            if (paths.length === 0) continue;
            const path = paths[at % paths.length]!;
            docs[d] = retypeAt(docs[d], path, how);
            done.push(`${how} at doc ${d} ${path.join('.')}`);
          }
          const problems = await runCase({ stdin: [serialize(seed, docs)], mode, width });
          expect(problems, `${seed.name}, ${done.join('; ')}`).toEqual([]);
        },
      ),
      { numRuns: RUNS },
    );
    expect(stats.cases - before).toBe(RUNS);
  });

  it('property: one key changed everywhere it occurs (every traceId null, every spanId a number, every leaf null, ...)', async () => {
    const all = jsonSeeds();
    const before = stats.cases;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: all.length - 1 }),
        fc.nat(),
        fc.constantFrom('null', 'as-number', 'delete', 'object-as-array', 'array-as-object', 'as-string', 'empty', 'negative', 'huge-number' as const),
        fc.boolean(),
        modeArb,
        async (index, keyPick, how, everyLeaf, mode) => {
          const seed = all[index]!;
          const keys = keysOf(seed.docs[0]);
          const key = everyLeaf || keys.length === 0 ? '*' : keys[keyPick % keys.length]!;
          const docs = seed.docs.map((d) => retypeEveryKey(d, key, how));
          const problems = await runCase({ stdin: [serialize(seed, docs)], mode, width: 100 });
          expect(problems, `${seed.name}, every '${key}' ${how}`).toEqual([]);
        },
      ),
      { numRuns: RUNS },
    );
    expect(stats.cases - before).toBe(RUNS);
  });
});

/**
 * A dump cut short (a crashed exporter, a copy that ran out of disk, a gzip stream cut mid-block):
 * every command either reads what is complete, says what it skipped, or stops with one line naming
 * the file and the position. Never an internal error, a stack trace, or a hang.
 */
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { outcomeProblems } from '../hostile/support/outcome.js';
import { seeds } from './support/corpus.js';
import { CUT_KINDS, cutPositions } from './support/mutate.js';
import { RUNS, chunked, runCase, stats } from './support/run-all.js';

afterAll(() => console.log(`fuzz truncate: ${JSON.stringify(stats)}`));

describe('truncated input', () => {
  it('every fixture cut at a position of every kind: traces exits 0 or 2 with one line', async () => {
    let runs = 0;
    const problems: string[] = [];
    const kindsSeen = new Set<string>();
    for (const seed of seeds()) {
      const positions = cutPositions(seed.text);
      for (const kind of CUT_KINDS) {
        const at = positions.get(kind)!;
        if (at.length === 0) continue;
        kindsSeen.add(kind);
        // The first and the middle place of this kind: near the envelope, and inside a record.
        for (const pos of new Set([at[0]!, at[Math.floor(at.length / 2)]!])) {
          const r = await runCli(['traces', '--json'], { input: seed.text.subarray(0, pos) });
          runs++;
          for (const p of outcomeProblems(r, { json: true, allowWords: true })) problems.push(`${seed.name} cut at ${pos} (${kind}): ${p}`);
        }
      }
    }
    console.log(`fuzz truncate: ${runs} fixed cuts over ${seeds().length} fixtures, kinds ${[...kindsSeen].join(', ')}`);
    expect(kindsSeen.size).toBe(CUT_KINDS.length);
    expect(problems).toEqual([]);
  });

  it('a cut JSON text is an error with its position, not a silent partial read', async () => {
    // {"data":[{"traceID":"ab", ...  cut inside the first trace: nothing complete to show.
    const text = seeds().find((s) => s.name === 'equivalent/checkout.jaeger.json')!.text;
    const r = await runCli(['traces'], { input: text.subarray(0, 200) });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^tracectl: stdin: malformed JSON at line \d+, column \d+: .*\n$|^tracectl: stdin: .*truncated.*\n$/);
  });

  it('property: any fixture (plain or gzip), cut anywhere, read in random chunks, through every command', async () => {
    const all = seeds();
    const before = stats.cases;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: all.length - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.constantFrom('plain', 'color', 'json' as const),
        fc.integer({ min: 80, max: 200 }),
        async (index, where, gzip, cuts, mode, width) => {
          const seed = all[index]!;
          const whole = gzip ? gzipSync(seed.text) : seed.text;
          const cut = whole.subarray(0, Math.floor(where * whole.length));
          const problems = await runCase({ stdin: chunked(cut, cuts), mode, width });
          expect(problems, `${seed.name}${gzip ? '.gz' : ''} cut at ${cut.length}/${whole.length}`).toEqual([]);
        },
      ),
      { numRuns: RUNS },
    );
    expect(stats.cases - before).toBe(RUNS);
  });
});

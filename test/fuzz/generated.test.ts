/**
 * Dumps made up by fast-check (tree shapes, cycles, self-parents, missing parents, ids of odd
 * lengths, times in the wrong unit, negative and zero durations, hostile names) written in each
 * format. Besides "never crash", one accounting rule: every span written is either in a trace or
 * counted in the warnings as skipped or duplicate — nothing lost silently.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { GEN_FORMATS, dumpArb, writeDump } from './support/generate.js';
import { RUNS, runCase, stats } from './support/run-all.js';

afterAll(() => console.log(`fuzz generated: ${JSON.stringify(stats)}`));

interface TracesJson {
  traces: { spans: number }[];
  warningCounts: { code: string; count: number }[];
}

describe('generated dumps', () => {
  it('property: every command on a generated dump in every format; every span accounted for', async () => {
    const before = stats.cases;
    await fc.assert(
      fc.asyncProperty(dumpArb, fc.constantFrom(...GEN_FORMATS), fc.constantFrom('plain', 'color', 'json' as const), fc.integer({ min: 80, max: 200 }), async (spans, format, mode, width) => {
        const bytes = writeDump(spans, format);
        const problems = await runCase({ stdin: [bytes], mode, width });
        expect(problems, `${format} dump of ${spans.length} spans`).toEqual([]);
        const r = await runCli(['traces', '--json'], { input: bytes });
        expect(r.status).toBe(0);
        const json = JSON.parse(r.stdout) as TracesJson;
        const shown = json.traces.reduce((n, t) => n + t.spans, 0);
        const counted = (code: string): number => json.warningCounts.find((w) => w.code === code)?.count ?? 0;
        expect(shown + counted('skipped-span') + counted('duplicate-span'), `${format}: ${JSON.stringify(json.warningCounts)}`).toBe(spans.length);
      }),
      { numRuns: RUNS },
    );
    expect(stats.cases - before).toBe(RUNS);
  });
});

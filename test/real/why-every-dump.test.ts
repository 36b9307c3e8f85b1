/**
 * `why` on every real dump in ../shared/real-traces: it ranks, or says there is nothing to compare
 * (exit 2), never fails otherwise. The documented examples on real dumps run in
 * test/real/docs-examples.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { realDumps } from '../helpers/real-dumps.js';

describe.each(realDumps())('why on %s', (file) => {
  it.each([['--slow'], ['--errors']])('%s ranks, or exits 2 saying what it could not compare', async (rule) => {
    const run = await runCli(['why', file, rule, '--json']);
    if (run.status === 0) {
      const json = JSON.parse(run.stdout) as { selection: { spans: number }; baseline: { spans: number }; attributes: { score: number }[] };
      expect(json.selection.spans).toBeGreaterThan(0);
      expect(json.baseline.spans).toBeGreaterThan(0);
      for (const f of json.attributes) expect(f.score).toBeGreaterThan(0);
    } else {
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^tracectl: nothing to compare: ((the selection is|the baseline is|both sides are) empty: .* has \d+ spans?|none of the \d+ spans? compared has a duration)(;[^\n]*)?\n/);
    }
  });
});

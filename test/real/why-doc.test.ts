/**
 * The examples of docs/commands/why.md on the real dumps in ../shared/real-traces, run as written;
 * and `why` on every real dump: it ranks, or says there is nothing to compare (exit 2), never fails
 * otherwise.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { consoleExamples } from '../helpers/console-examples.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { dumpFiles, REAL } from '../helpers/real-dumps.js';

const examples = consoleExamples(readFileSync(`${ROOT}docs/commands/why.md`, 'utf8')).filter((e) => e.command.includes('../shared/real-traces'));

describe('docs/commands/why.md on real dumps', () => {
  it('has examples on real dumps', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  it.each(examples.map((e) => [e.line, e] as const))('the example at line %d prints what the page shows', async (_line, example) => {
    const run = await runCli(example.args);
    expect(`${run.stdout}${run.stderr}`.trimEnd()).toBe(example.expected.trimEnd());
  });
});

describe.each(dumpFiles(REAL))('why on %s', (file) => {
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

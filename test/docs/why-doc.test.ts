/**
 * Every example of docs/commands/why.md on a bundled fixture, run as written: the page shows what the
 * command prints. The examples on ../shared/real-traces run in the real tier (test/real/why-doc.test.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript module without types (the fixture's generator has no build step)
import { searchDump } from '../../fixtures/why/generate.mjs';
import { consoleExamples } from '../helpers/console-examples.js';
import { ROOT, runCli } from '../helpers/cli.js';

const examples = consoleExamples(readFileSync(`${ROOT}docs/commands/why.md`, 'utf8')).filter((e) => !e.command.includes('../shared/real-traces'));

describe('fixtures/why/search.jsonl', () => {
  it('is what fixtures/why/generate.mjs writes', () => {
    expect(readFileSync(`${ROOT}fixtures/why/search.jsonl`, 'utf8')).toBe((searchDump as () => string)());
  });
});

describe('docs/commands/why.md', () => {
  it('has examples on the bundled fixtures', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
  });

  it.each(examples.map((e) => [e.line, e] as const))('the example at line %d prints what the page shows', async (_line, example) => {
    const run = await runCli(example.args);
    expect(`${run.stdout}${run.stderr}`.trimEnd()).toBe(example.expected.trimEnd());
  });
});

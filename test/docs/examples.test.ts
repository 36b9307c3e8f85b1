/**
 * Every documented example runs and prints exactly what the docs show, so README.md and docs/
 * cannot drift from the code. The rules a page follows are in test/helpers/doc-examples.ts and
 * docs/README.md; examples on real dumps run in test/real/docs-examples.test.ts.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { defineExampleTests, parseCommand, parseDocExamples, readDocExamples } from '../helpers/doc-examples.js';

const { examples, problems } = readDocExamples();

describe('the documentation', () => {
  it('follows the rules for examples (console blocks of tracectl commands, fences closed)', () => {
    expect(problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([]);
  });

  it('shows at least one executed example on every command page', () => {
    const pages = readdirSync(join(ROOT, 'docs/commands')).filter((name) => name.endsWith('.md'));
    expect(pages.length).toBeGreaterThan(0);
    const without = pages.filter((page) => !examples.some((e) => e.file === `docs/commands/${page}`));
    expect(without).toEqual([]);
  });

  it('finds the examples of README.md and docs/ (counted here)', () => {
    const fast = examples.filter((e) => !e.real).length;
    const real = examples.length - fast;
    console.info(`documented examples: ${examples.length} (${fast} in npm test, ${real} on real dumps in npm run test:real)`);
    expect(examples.filter((e) => e.file === 'README.md' && !e.real).length).toBeGreaterThan(0);
    expect(fast).toBeGreaterThan(0);
  });
});

describe('the example rules', () => {
  const parse = (markdown: string) => parseDocExamples(markdown, 'page.md');

  it('reads commands, continuation lines, output, exit codes and standard input', () => {
    const page = [
      '```console',
      '$ tracectl traces fixtures/a.json \\',
      "    --where 'service = \"x y\"' --width 80",
      'TRACE  ROOT',
      '',
      'warning on stderr',
      '$ NO_COLOR=1 tracectl waterfall - < fixtures/b.json   # exit 2',
      'tracectl: oops',
      '```',
    ].join('\n');
    const { examples: found, problems: none } = parse(page);
    expect(none).toEqual([]);
    expect(found.map(({ line, args, stdin, exitCode, expected, env }) => ({ line, args, stdin, exitCode, expected, env }))).toEqual([
      { line: 2, args: ['traces', 'fixtures/a.json', '--where', 'service = "x y"', '--width', '80'], stdin: undefined, exitCode: 0, expected: 'TRACE  ROOT\n\nwarning on stderr\n', env: {} },
      { line: 7, args: ['waterfall', '-'], stdin: 'fixtures/b.json', exitCode: 2, expected: 'tracectl: oops\n', env: { NO_COLOR: '1' } },
    ]);
  });

  it('marks examples on real dumps for the real tier', () => {
    const { examples: found } = parse('```console\n$ tracectl traces ../shared/real-traces/otlp/x.json\nTRACE\n```\n');
    expect(found.map((e) => e.real)).toEqual([true]);
  });

  it('refuses shell syntax in a console block: pipes, redirections, expansions, globs', () => {
    for (const command of ['tracectl traces x.json | head -3', 'tracectl traces x.json > out.txt', 'tracectl traces x.json; echo $?', 'tracectl traces "$HOME/x.json"', 'tracectl check x.json --budget *:p99<1s']) {
      expect(parseCommand(command), command).toBeTypeOf('string');
    }
    const { problems: found } = parse('```console\n$ jq . x.json\n{}\n```\n');
    expect(found.map((p) => p.message)).toEqual(['not a tracectl command: a ```console block holds tracectl commands only (use ```sh for others): `jq . x.json`']);
  });

  it('refuses a `$ tracectl` line outside a console block, so no example with output escapes the test', () => {
    const page = ['```sh', '$ tracectl traces x.json', 'TRACE', '```', '', '```text', '$ tracectl latency x.json', '```', '', '    $ tracectl deps x.json'].join('\n');
    expect(parse(page).problems.map((p) => p.line)).toEqual([2, 7, 10]);
  });

  it('refuses a fence that never closes', () => {
    const page = ['```console', '$ tracectl traces x.json', 'TRACE', '', 'more text'].join('\n');
    expect(parse(page).problems.map((p) => `${p.line}: ${p.message}`)).toEqual(['1: a code fence opened here is never closed']);
  });

  it('refuses a closing fence with text after it (it would shift every block below)', () => {
    const page = ['```console', '$ tracectl traces x.json', 'TRACE', '``` `--json` writes…', '', '```sh', 'npm test', '```'].join('\n');
    expect(parse(page).problems.map((p) => p.line)).toEqual([4, 6]);
  });

  it('refuses a console block that does not start with a command', () => {
    expect(parse('```console\nTRACE\n$ tracectl traces x.json\n```\n').problems.map((p) => p.line)).toEqual([2]);
  });
});

describe('documented examples (bundled fixtures)', () => {
  defineExampleTests(examples.filter((e) => !e.real));
});

/** The examples of docs/commands/sample.md on real dumps (../shared/real-traces) print what the page shows. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { docExamples } from '../helpers/doc-examples.js';

const PAGE = fileURLToPath(new URL('../../docs/commands/sample.md', import.meta.url));
const examples = docExamples(PAGE).filter((e) => e.command.includes('../shared/'));

describe('docs/commands/sample.md on real dumps', () => {
  it('has examples on real dumps', () => {
    expect(examples.length).toBeGreaterThanOrEqual(2);
  });

  it.each(examples.map((e) => [e.command, e] as const))('%s', async (_command, e) => {
    const r = await runCli(e.args);
    expect(r.stdout + r.stderr).toBe(e.expected);
  });
});

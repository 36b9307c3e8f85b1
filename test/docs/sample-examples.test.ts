/** Every example of docs/commands/sample.md on bundled fixtures prints exactly what the page shows (real dumps: test/real). */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { docExamples } from '../helpers/doc-examples.js';

const PAGE = fileURLToPath(new URL('../../docs/commands/sample.md', import.meta.url));
const examples = docExamples(PAGE).filter((e) => !e.command.includes('../shared/'));

describe('docs/commands/sample.md', () => {
  it('has examples on fixtures', () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
  });

  it.each(examples.map((e) => [e.command, e] as const))('%s', async (_command, e) => {
    const r = await runCli(e.args);
    expect(r.stdout + r.stderr).toBe(e.expected);
  });
});

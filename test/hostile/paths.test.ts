/**
 * Inputs that are not dumps at all: an empty file, empty standard input, a directory, a path that
 * does not exist, a file tracectl may not read. Each is exit 2 and one line naming the input, from
 * the real binary (these are about the process and the file system).
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandNames, twoInputCommands } from './support/commands.js';
import { extraArgs } from './support/every-command.js';
import { fixture, tempDir } from './support/files.js';
import { outcomeProblems } from './support/outcome.js';
import { runBin } from './support/spawn.js';

const dir = tempDir('paths');
const isRoot = process.getuid?.() === 0;

/** Runs every dump command on `paths` (or stdin) with the real binary; returns "command: exit: stderr" lines. */
async function everyCommand(paths: string[], input?: string): Promise<string[]> {
  const lines: string[] = [];
  const pairs = await twoInputCommands();
  for (const command of await commandNames()) {
    // diff compares two dumps: the same input twice.
    const inputs = pairs.includes(command) ? [paths[0] ?? '-', paths[paths.length - 1] ?? '-'] : paths;
    const r = runBin([command, ...inputs, ...extraArgs(command, '')], { ...(input !== undefined ? { input } : {}), timeoutMs: 30_000 });
    const problems = outcomeProblems({ stdout: r.stdout, stderr: r.stderr, exitCode: r.status, timedOut: r.timedOut }, { codes: [2] });
    lines.push(`${command}: ${r.status}: ${r.stderr.trimEnd()}${problems.length > 0 ? ` [${problems.join('; ')}]` : ''}`);
  }
  return lines;
}

const expected = async (message: string): Promise<string[]> => (await commandNames()).map((c) => `${c}: 2: tracectl: ${message}`);

describe('inputs that are not dumps', () => {
  it('an empty file', async () => {
    const path = fixture('bad/empty.json');
    expect(await everyCommand([path])).toEqual(await expected(`${path}: empty input: no JSON in it`));
  }, 60_000);

  it('empty standard input (nothing piped, and only whitespace piped)', async () => {
    // diff, given "-" twice, says first that standard input can be read once.
    const once = (lines: string[]): string[] => lines.map((l) => (l.startsWith('diff:') ? 'diff: 2: tracectl: standard input can be read once: give at most one "-"' : l));
    expect(await everyCommand([], '')).toEqual(once(await expected('stdin: empty input: no JSON in it')));
    expect(await everyCommand(['-'], ' \r\n\n')).toEqual(once(await expected('stdin: empty input: no JSON in it')));
  }, 60_000);

  it('a directory', async () => {
    expect(await everyCommand([dir])).toEqual(await expected(`${dir}: is a directory, not a trace dump`));
  }, 60_000);

  it('a path that does not exist, also after a good input (nothing printed for the good one)', async () => {
    const missing = join(dir, 'missing.json');
    expect(await everyCommand([missing])).toEqual(await expected(`${missing}: no such file`));
    // redact reads one dump at a time and says so first.
    expect(await everyCommand([fixture('equivalent/checkout.zipkin.json'), missing])).toEqual(
      (await expected(`${missing}: no such file`)).map((line) => (line.startsWith('redact:') ? 'redact: 2: tracectl: redact reads one dump at a time: give one path, or "-" for standard input' : line)),
    );
  }, 60_000);

  // Root reads any file whatever its mode, so this cannot be shown when the suite runs as root (as
  // it does in the project's container); it runs for everyone else.
  it.skipIf(isRoot)('a file without read permission', async () => {
    const path = join(dir, 'secret.json');
    writeFileSync(path, '[]');
    chmodSync(path, 0o000);
    expect(await everyCommand([path])).toEqual(await expected(`${path}: permission denied`));
  }, 60_000);
});

/**
 * Inputs that are not dumps at all: an empty file, empty standard input, a directory, a path that
 * does not exist, a file tracectl may not read. Each is exit 2 and one line naming the input.
 */
import { chmodSync, copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin, runCli } from '../helpers/cli.js';
import { asUnprivilegedUser } from '../helpers/unprivileged.js';
import { commandNames, twoInputCommands } from './support/commands.js';
import { extraArgs } from './support/every-command.js';
import { fixture, tempDir } from './support/files.js';
import { outcomeProblems } from './support/outcome.js';

const dir = tempDir('paths');

/** Runs every dump command on `paths` (or stdin); returns "command: exit: stderr" lines. Files written (-o) go to `dir`. */
async function everyCommand(paths: string[], input?: string): Promise<string[]> {
  const lines: string[] = [];
  const pairs = twoInputCommands();
  for (const command of commandNames()) {
    // diff compares two dumps: the same input twice.
    const inputs = pairs.includes(command) ? [paths[0] ?? '-', paths[paths.length - 1] ?? '-'] : paths;
    // Outputs go to `dir`, and so does a copy of a policy file: `dir` is open to every user, the
    // checkout may not be (a clone in a folder of mode 700, read as nobody below).
    const extra = extraArgs(command, '').map((arg, i, all) => (all[i - 1] === '-o' ? join(dir, `${command}.out`) : all[i - 1] === '--policy' ? copied(arg) : arg));
    const r = await runCli([command, ...inputs, ...extra], input !== undefined ? { input } : {});
    const problems = outcomeProblems(r, { codes: [2] });
    lines.push(`${command}: ${r.status}: ${r.stderr.trimEnd()}${problems.length > 0 ? ` [${problems.join('; ')}]` : ''}`);
  }
  return lines;
}

/** A copy of a policy file in `dir`, readable by all, made as the user running the tests. */
function copied(path: string): string {
  const copy = join(dir, basename(path));
  if (!existsSync(copy)) {
    copyFileSync(path, copy);
    chmodSync(copy, 0o644);
  }
  return copy;
}

const expected = (message: string): string[] => commandNames().map((c) => `${c}: 2: tracectl: ${message}`);

describe('inputs that are not dumps', () => {
  it('an empty file', async () => {
    const path = fixture('bad/empty.json');
    expect(await everyCommand([path])).toEqual(expected(`${path}: empty input: no JSON in it`));
  });

  it('empty standard input (nothing piped, and only whitespace piped)', async () => {
    // diff, given "-" twice, says first that standard input can be read once.
    const once = (lines: string[]): string[] => lines.map((l) => (l.startsWith('diff:') ? 'diff: 2: tracectl: standard input can be read once: give at most one "-"' : l));
    expect(await everyCommand([], '')).toEqual(once(expected('stdin: empty input: no JSON in it')));
    expect(await everyCommand(['-'], ' \r\n\n')).toEqual(once(expected('stdin: empty input: no JSON in it')));
  });

  it('a directory', async () => {
    expect(await everyCommand([dir])).toEqual(expected(`${dir}: is a directory, not a trace dump`));
  });

  it('a path that does not exist, also after a good input (nothing printed for the good one)', async () => {
    const missing = join(dir, 'missing.json');
    expect(await everyCommand([missing])).toEqual(expected(`${missing}: no such file`));
    // redact reads one dump at a time and says so first.
    expect(await everyCommand([fixture('equivalent/checkout.zipkin.json'), missing])).toEqual(
      expected(`${missing}: no such file`).map((line) => (line.startsWith('redact:') ? 'redact: 2: tracectl: redact reads one dump at a time: give one path, or "-" for standard input' : line)),
    );
  });

  // Root reads any file whatever its mode: as root, the runs take the user nobody (see
  // test/helpers/unprivileged.ts). The folder is open to all (redact and convert may write there),
  // so the file is found and only its opening is refused.
  it('a file without read permission', async () => {
    chmodSync(dir, 0o777);
    const readable = join(dir, 'readable.json');
    const path = join(dir, 'secret.json');
    copyFileSync(fixture('equivalent/checkout.zipkin.json'), readable);
    copyFileSync(fixture('equivalent/checkout.zipkin.json'), path);
    chmodSync(path, 0o000);
    // Every command's code loaded first, while the checkout can be read (sample in each of its
    // modes, so each policy file it is given is copied to `dir`).
    for (let i = 0; i < 3; i++) expect((await everyCommand([readable])).filter((line) => !/^[\w-]+: 0: /.test(line))).toEqual([]);
    const lines = await asUnprivilegedUser(async () => {
      expect(() => readFileSync(path)).toThrow(expect.objectContaining({ code: 'EACCES' }));
      return everyCommand([path]);
    });
    expect(lines).toEqual(expected(`${path}: permission denied`));
  });
});

describe('the process', () => {
  it('a path that does not exist: the real binary exits 2 with the one line', async () => {
    const missing = join(dir, 'missing.json');
    expect(await runBin(['traces', missing])).toEqual({ stdout: '', stderr: `tracectl: ${missing}: no such file\n`, status: 2, signal: null });
  });
});

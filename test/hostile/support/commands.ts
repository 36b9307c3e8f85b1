/**
 * Runs tracectl commands in-process, the way src/cli/main.ts wires them, so property tests can run
 * thousands of cases without spawning a process each time. The command list is read from main.ts
 * itself (its COMMANDS array), so a command registered tomorrow is fuzzed without editing this file.
 * main.ts cannot be imported (it runs the program on import); its few lines of wiring are repeated
 * here and checked against the real binary by the sampled spawns in the suites.
 */
import { existsSync, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { Command, CommanderError } from 'commander';
import { TracectlError } from '../../../src/errors.js';
import type { Io } from '../../../src/cli/io.js';
import { reportError } from '../../../src/cli/report-error.js';

const MAIN = new URL('../../../src/cli/main.ts', import.meta.url);

type Define = (program: Command, io: Io) => void;

/** The define-*.ts modules main.ts registers in COMMANDS, in order: [export name, module file]. */
export function registeredDefinitions(): { name: string; file: string }[] {
  const text = readFileSync(MAIN, 'utf8');
  const imports = new Map<string, string>();
  for (const m of text.matchAll(/import \{ (define\w+) \} from '\.\/commands\/(define-[\w-]+)\.js';/g)) imports.set(m[1]!, m[2]!);
  const list = /const COMMANDS\b.*= \[\n([\s\S]*?)\n\];/.exec(text);
  if (list === null) throw new Error('COMMANDS not found in src/cli/main.ts');
  const names = list[1]!.split(',').map((s) => s.trim()).filter((s) => s !== '');
  return names.map((name) => {
    const file = imports.get(name);
    if (file === undefined) throw new Error(`no import for ${name} in src/cli/main.ts`);
    return { name, file };
  });
}

let definitions: Promise<Define[]> | undefined;

async function loadDefinitions(): Promise<Define[]> {
  // A command whose module is not written yet (main.ts edited first, mid-work) is left out.
  const present = registeredDefinitions().filter(({ file }) => existsSync(new URL(`../../../src/cli/commands/${file}.ts`, import.meta.url)));
  definitions ??= Promise.all(
    present.map(async ({ name, file }) => {
      // A computed URL (not a template vite would glob at transform time), so a command added after
      // this file was transformed is found too.
      const url = new URL(`../../../src/cli/commands/${file}.ts`, import.meta.url).href;
      const mod = (await import(/* @vite-ignore */ url)) as Record<string, Define>;
      const define = mod[name];
      if (typeof define !== 'function') throw new Error(`${file} does not export ${name}`);
      return define;
    }),
  );
  return definitions;
}

/**
 * Names of the registered commands that read dumps (`traces`, `waterfall`, ...): those whose first
 * argument is `[paths...]` (or `<base>`, as diff's). Others (`record`, a receiver that listens on a
 * port) are not fed files.
 */
export async function commandNames(): Promise<string[]> {
  const program = await programFor(fakeIo({}).io);
  return program.commands.filter((c) => ['paths', 'base'].includes(c.registeredArguments[0]?.name() ?? '')).map((c) => c.name());
}

/** Commands that compare two dumps (`diff <base> [head]`): the suites give them the same dump twice. */
export async function twoInputCommands(): Promise<string[]> {
  const program = await programFor(fakeIo({}).io);
  return program.commands.filter((c) => c.registeredArguments[0]?.name() === 'base').map((c) => c.name());
}

/** The long option flags a command takes (`--trace`, `--json`, ...). */
export async function commandFlags(name: string): Promise<string[]> {
  const program = await programFor(fakeIo({}).io);
  return program.commands.find((c) => c.name() === name)?.options.map((o) => o.long ?? '') ?? [];
}

/** Every registered command, dump readers or not. */
export async function allCommandNames(): Promise<string[]> {
  const program = await programFor(fakeIo({}).io);
  return program.commands.map((c) => c.name());
}

async function programFor(io: Io): Promise<Command> {
  const program = new Command('tracectl').exitOverride().configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  for (const define of await loadDefinitions()) define(program, io);
  return program;
}

export interface RunInput {
  /** Bytes for standard input (read when no path is given, or for "-"); split into these chunks. */
  readonly stdin?: Buffer | readonly Buffer[];
  readonly env?: Record<string, string | undefined>;
  readonly stdoutIsTTY?: boolean;
  readonly columns?: number;
}

export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
  /** An error that was neither a TracectlError nor commander's: main.ts reports it as "internal error". */
  readonly internal?: unknown;
  /** Keys of NaN/Infinity numbers that --json output serialized (JSON.stringify writes them as null). */
  readonly nonFinite: string[];
  readonly ms: number;
}

function fakeIo(input: RunInput): { io: Io; out: string[]; err: string[]; code: { value: number } } {
  const out: string[] = [];
  const err: string[] = [];
  const code = { value: 0 };
  const chunks = input.stdin === undefined ? [] : Buffer.isBuffer(input.stdin) ? [input.stdin] : [...input.stdin];
  const stdin = Readable.from(chunks, { objectMode: false }) as Readable & { isTTY?: boolean };
  const io: Io = {
    stdin,
    env: input.env ?? { NO_COLOR: '1' },
    stdoutIsTTY: input.stdoutIsTTY ?? false,
    stderrIsTTY: false,
    columns: input.columns,
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
    setExitCode: (c) => {
      code.value = c;
    },
  };
  return { io, out, err, code };
}

/** `tracectl <argv>` in this process: what main.ts would print and the exit code it would set. */
export async function runInProcess(argv: readonly string[], input: RunInput = {}): Promise<RunResult> {
  const { io, out, err, code } = fakeIo(input);
  const started = performance.now();
  let internal: unknown;
  const nonFinite: string[] = [];
  const stringify = JSON.stringify;
  // Pretty-printed JSON is the --json output (src/render/json.ts indents); note what it would hide as null.
  JSON.stringify = function (value: unknown, replacer?: unknown, space?: string | number): string {
    if (space === undefined || (replacer !== undefined && typeof replacer !== 'function')) return stringify(value, replacer as never, space);
    const inner = replacer as ((this: unknown, key: string, v: unknown) => unknown) | undefined;
    return stringify(
      value,
      function (this: unknown, key: string, v: unknown) {
        const out = inner === undefined ? v : inner.call(this, key, v);
        if (typeof out === 'number' && !Number.isFinite(out) && nonFinite.length < 5) nonFinite.push(`${key}=${out}`);
        return out;
      },
      space,
    );
  } as typeof JSON.stringify;
  try {
    const program = await programFor(io);
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    // The same reporting as src/cli/main.ts; an internal error is also kept for the property.
    if (!(e instanceof CommanderError) && !(e instanceof TracectlError)) internal = e;
    code.value = reportError(e, io);
  } finally {
    JSON.stringify = stringify;
  }
  return { stdout: out.join(''), stderr: err.join(''), exitCode: code.value, ms: performance.now() - started, nonFinite, ...(internal !== undefined ? { internal } : {}) };
}

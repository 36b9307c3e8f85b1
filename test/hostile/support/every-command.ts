/**
 * Runs every command that reads dumps on one input, in each output mode, and gathers what went
 * wrong (see outcome.ts). Shared by the hostile-input tests and the fuzz suite.
 */
import { closeSync, existsSync, mkdtempSync, openSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, type CliResult } from '../../helpers/cli.js';
import { commandNames, twoInputCommands } from './commands.js';
import { outcomeProblems } from './outcome.js';

export type Mode = 'plain' | 'color' | 'json';
export const MODES: readonly Mode[] = ['plain', 'color', 'json'];

const scratch = mkdtempSync(join(tmpdir(), 'tracectl-hostile-out-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
let serial = 0;

/** A fresh path in a temp dir removed at exit. */
export function scratchPath(name: string): string {
  return join(scratch, `${serial++}-${name}`);
}

/** Commands whose exit code 1 means "a check you asked for failed". */
const CHECK_COMMANDS: readonly string[] = ['check'];

const CONVERT_TARGETS = ['jaeger', 'zipkin', 'otlp', 'otlp-jsonl', 'chrome', 'speedscope'];
const SAMPLE_MODES: readonly (readonly string[])[] = [
  ['--ratio', '0.5'],
  ['--policy', fileURLToPath(new URL('../../../fixtures/sample/collector.yaml', import.meta.url))],
  ['--keep', 'status = error'],
];

/** Arguments a command needs beyond its inputs (`input`: some of the dump's text, to pick a span id). */
export function extraArgs(command: string, input: Buffer | string): string[] {
  switch (command) {
    case 'span': {
      // A span id of the dump, so the command has something to show: the first "spanID"/"spanId"/"id".
      const text = typeof input === 'string' ? input : input.toString('latin1', 0, Math.min(input.length, 1 << 20));
      const id = /"(?:spanID|spanId|id)"\s*:\s*"([0-9a-fA-F]{16})"/.exec(text) ?? /([0-9a-f]{16})/.exec(text);
      return ['--span', id === null ? 'b7ad' : id[1]!.slice(0, 16)];
    }
    case 'redact':
      return ['-o', scratchPath('redacted.json')];
    case 'report':
      return ['-o', scratchPath('report.html')];
    case 'check':
      // A budget every trace meets: the run shows the report, not a failed check.
      return ['--budget', 'trace:spans<1000000000'];
    case 'convert':
      return ['--to', CONVERT_TARGETS[serial % CONVERT_TARGETS.length]!, '-o', scratchPath('converted')];
    case 'sample':
      // In turn a ratio, a whole Collector policy and a --keep expression; the report is on stderr.
      return [...SAMPLE_MODES[serial % SAMPLE_MODES.length]!, '--to', 'otlp', '-o', scratchPath('sampled.json')];
    case 'why':
      return ['--slow'];
    default:
      return [];
  }
}

function modeArgs(mode: Mode, width: number): string[] {
  return mode === 'json' ? ['--json'] : mode === 'color' ? ['--color', '--width', String(width)] : ['--width', String(width)];
}

/** The environment of a mode: colour mode removes the NO_COLOR runCli sets by default (it would win over FORCE_COLOR and --color). */
function modeEnv(mode: Mode): Record<string, string | undefined> {
  return mode === 'color' ? { FORCE_COLOR: '3', NO_COLOR: undefined } : { NO_COLOR: '1' };
}

export interface CommandRun {
  readonly command: string;
  readonly mode: Mode;
  readonly argv: string[];
  readonly result: CliResult;
  /** What went wrong (see outcome.ts); empty when the run was fine. */
  readonly problems: string[];
}

export interface EveryOptions {
  readonly paths?: readonly string[];
  readonly stdin?: readonly Buffer[];
  readonly modes?: readonly Mode[];
  readonly width?: number;
  /** Commands not to run here (each with its own test). */
  readonly skip?: readonly string[];
  /** Text to pick ids from and to look for "NaN"-like words in (default: the stdin bytes and the files' heads). */
  readonly sample?: Buffer | string;
  /** Arguments for a command instead of `extraArgs` (e.g. `span: ['--span', ID, '--trace', ID]`). */
  readonly args?: Readonly<Record<string, readonly string[]>>;
}

/** Runs every dump command in every mode; a command writing a file (-o) must leave it on exit 0 only. */
export async function runEveryCommand(options: EveryOptions): Promise<CommandRun[]> {
  const sample = options.sample ?? Buffer.concat([...(options.stdin ?? []), ...(options.paths ?? []).map(head)]);
  const text = typeof sample === 'string' ? sample : sample.toString('latin1', 0, Math.min(sample.length, 1 << 22));
  const allowWords = /undefined|NaN|Infinity|object Object/.test(text);
  const runs: CommandRun[] = [];
  const pairs = twoInputCommands();
  let stdinFile: string | undefined;
  for (const command of commandNames()) {
    if (options.skip?.includes(command)) continue;
    // A command comparing two dumps gets the input twice (standard input saved to a file first).
    let inputs = [...(options.paths ?? [])];
    if (pairs.includes(command)) {
      if (inputs.length === 0) {
        stdinFile ??= scratchPath('stdin.json');
        writeFileSync(stdinFile, Buffer.concat([...(options.stdin ?? [])]));
      }
      const base = inputs[0] ?? stdinFile!;
      inputs = [base, base];
    }
    for (const mode of options.modes ?? MODES) {
      const argv = [command, ...inputs, ...(options.args?.[command] ?? extraArgs(command, text)), ...modeArgs(mode, options.width ?? 100)];
      const result = await runCli(argv, { input: options.stdin ?? [], env: modeEnv(mode) });
      const output = argv.includes('-o') ? argv[argv.indexOf('-o') + 1] : undefined;
      const found = outcomeProblems(result, {
        codes: CHECK_COMMANDS.includes(command) ? [0, 1, 2] : [0, 2],
        json: mode === 'json',
        allowWords,
        width: options.width ?? 100,
        ...(output !== undefined ? { quietOnSuccess: true } : {}),
      }).map((p) => `${command} (${mode}): ${p}`);
      // (The written file may be empty: no spans as JSON lines is no lines.)
      if (output !== undefined && result.status === 0 && !existsSync(output)) found.push(`${command}: exit 0 but ${output} is missing`);
      if (output !== undefined && result.status !== 0 && existsSync(output)) found.push(`${command}: exit ${result.status} but ${output} was written`);
      runs.push({ command, mode, argv, result, problems: found });
    }
  }
  return runs;
}

/** The first 4 MiB of a file (to pick ids from), or nothing when it is not a readable file. */
function head(path: string): Buffer {
  try {
    const fd = openSync(path, 'r');
    try {
      const buf = Buffer.alloc(1 << 22);
      return buf.subarray(0, readSync(fd, buf, 0, buf.length, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return Buffer.alloc(0);
  }
}

/** Runs that did not exit 0, as "command (mode): exit N: first stderr line" (what a test expects to be empty). */
export function failuresOf(runs: readonly CommandRun[]): string[] {
  // `why` on a dump too small to split in two (one span, or every duration the same) says so, exit 2.
  const nothingToCompare = (r: CommandRun): boolean => r.command === 'why' && r.result.status === 2 && r.result.stderr.startsWith('tracectl: nothing to compare: ');
  return runs.filter((r) => r.result.status !== 0 && !nothingToCompare(r)).map((r) => `${r.command} (${r.mode}): exit ${r.result.status}: ${r.result.stderr.split('\n')[0]}`);
}

/** The problems of a set of runs, flattened (what a test expects to be empty). */
export function problemsOf(runs: readonly CommandRun[]): string[] {
  return runs.flatMap((r) => r.problems);
}

export interface WarningReport {
  /** warningCounts of `traces --json`, as code → count. */
  readonly counts: Record<string, number>;
  /** The warnings summary `traces` prints on stderr in text mode. */
  readonly summary: string;
  readonly status: number;
  readonly json: unknown;
}

/** What `traces` says about an input: its JSON warning counts and its text summary on stderr. */
export async function warningsOf(options: { paths?: readonly string[]; stdin?: readonly Buffer[] }): Promise<WarningReport> {
  const input = { input: options.stdin ?? [] };
  const json = await runCli(['traces', ...(options.paths ?? []), '--json'], input);
  const text = await runCli(['traces', ...(options.paths ?? [])], input);
  if (json.status !== 0) return { counts: {}, summary: text.stderr, status: json.status, json: undefined };
  const parsed = JSON.parse(json.stdout) as { warningCounts: { code: string; count: number }[] };
  return {
    counts: Object.fromEntries(parsed.warningCounts.map((w) => [w.code, w.count])),
    summary: text.stderr,
    status: json.status,
    json: parsed,
  };
}

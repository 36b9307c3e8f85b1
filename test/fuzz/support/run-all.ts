/**
 * One fuzz case: every registered dump command run in-process on the same input (see
 * test/hostile/support/every-command.ts), and, for a sample of cases, the real binary spawned, to
 * show that the in-process wiring tells the truth and to cover what only the built program does
 * (parse workers, process exit).
 */
import { writeFileSync } from 'node:fs';
import { runEveryCommand, scratchPath, type Mode } from '../../hostile/support/every-command.js';
import { knownIssueOf } from '../../hostile/support/known-issues.js';
import { outcomeProblems } from '../../hostile/support/outcome.js';
import { runBin } from '../../hostile/support/spawn.js';

/** Cases per property: 200 in `npm test`; TRACECTL_FUZZ_RUNS=N for a longer run. */
export const RUNS = Number(process.env.TRACECTL_FUZZ_RUNS ?? '') > 0 ? Number(process.env.TRACECTL_FUZZ_RUNS) : 200;
/** One case in this many also spawns the real binary. */
const SPAWN_EVERY = 40;
/** A small input must be handled by each command in well under this (ms; generous for a loaded machine). */
const CASE_BOUND_MS = 10_000;

export interface CaseInput {
  /** Standard input bytes, split into chunks as given (chunk boundaries matter to a streaming reader). */
  readonly stdin?: readonly Buffer[];
  /** Files to pass as paths instead of stdin. */
  readonly files?: readonly Buffer[];
  readonly mode: Mode;
  readonly width: number;
}

/** What the suite ran, printed at the end of each file (the numbers in the README notes). */
export const stats = { cases: 0, runs: 0, spawns: 0, exit0: 0, exit2: 0, known: {} as Record<string, number>, msByCommand: {} as Record<string, number> };

/** Runs every command on the case; returns the problems found (empty: the case passed). */
export async function runCase(input: CaseInput): Promise<string[]> {
  const stdinBytes = Buffer.concat([...(input.stdin ?? [])]);
  const sample = Buffer.concat([stdinBytes, ...(input.files ?? [])]);
  const paths = (input.files ?? []).map((bytes, i) => {
    const path = scratchPath(`in-${i}.json`);
    writeFileSync(path, bytes);
    return path;
  });
  stats.cases++;
  const runs = await runEveryCommand({ paths, stdin: input.stdin ?? [], modes: [input.mode], width: input.width, maxMs: CASE_BOUND_MS, sample });
  const problems: string[] = [];
  for (const run of runs) {
    stats.runs++;
    stats.msByCommand[run.command] = Math.round((stats.msByCommand[run.command] ?? 0) + run.result.ms);
    if (run.result.exitCode === 0) stats.exit0++;
    if (run.result.exitCode === 2) stats.exit2++;
    for (const id of run.known) stats.known[id] = (stats.known[id] ?? 0) + 1;
    problems.push(...run.problems);
  }
  if (stats.cases % SPAWN_EVERY === 0) {
    const run = runs.find((r) => r.command === (stats.cases % (2 * SPAWN_EVERY) === 0 ? 'traces' : 'waterfall'));
    if (run !== undefined) {
      stats.spawns++;
      const plain = input.mode === 'color' ? 'plain' : input.mode;
      const argv = run.argv.filter((a) => a !== '--color');
      const bin = runBin(argv, { input: stdinBytes, timeoutMs: 30_000, env: plain === 'json' ? {} : { NO_COLOR: '1' } });
      // dist/ being rebuilt by someone else's tsc while this runs (a dev checkout shared by several
      // people) is not tracectl's fault: such a run says nothing.
      if (/ERR_MODULE_NOT_FOUND|does not provide an export named/.test(bin.stderr)) return problems;
      const rules = { json: plain === 'json', allowWords: true };
      const found = outcomeProblems({ stdout: bin.stdout, stderr: bin.stderr, exitCode: bin.status, timedOut: bin.timedOut }, rules).map((p) => `${run.command} (${plain}): ${p}`);
      // As in-process: a run that shows a known bug is set aside whole.
      const known = found.some((p) => knownIssueOf(p) !== undefined) || run.known.length > 0;
      if (!known) problems.push(...found.map((p) => `binary ${p} (stderr: ${bin.stderr.split('\n')[0]})`));
      if (!known && input.mode !== 'color' && run.result.internal === undefined && (bin.status !== run.result.exitCode || bin.stdout !== run.result.stdout)) {
        problems.push(`binary ${run.command} disagrees with in-process: exit ${bin.status} vs ${run.result.exitCode}: ${bin.stderr.slice(0, 300)}`);
      }
    }
  }
  return problems;
}

/** Splits bytes into chunks at the given cut points (positions taken modulo the length). */
export function chunked(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  if (bytes.length === 0) return [bytes];
  const points = [...new Set(cuts.map((c) => c % bytes.length))].filter((c) => c > 0).sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const p of points) {
    out.push(bytes.subarray(from, p));
    from = p;
  }
  out.push(bytes.subarray(from));
  return out;
}

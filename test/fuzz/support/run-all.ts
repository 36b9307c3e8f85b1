/**
 * One fuzz case: every registered dump command run in-process on the same input (see
 * test/hostile/support/every-command.ts), and, for a sample of cases, the real binary spawned, to
 * show that the in-process wiring tells the truth and to cover what only the built program does
 * (parse workers, process exit). A binary that does not start (a broken build) is a failure.
 */
import { writeFileSync } from 'node:fs';
import { runBin } from '../../helpers/cli.js';
import { runEveryCommand, scratchPath, type Mode } from '../../hostile/support/every-command.js';
import { outcomeProblems } from '../../hostile/support/outcome.js';

/**
 * Cases per property: TRACECTL_FUZZ_RUNS (the slow tier, `npm run test:slow`, sets 200), else 12: a
 * quick pass in `npm test` that still runs every property and spawns the binary once.
 */
export const RUNS = Number(process.env.TRACECTL_FUZZ_RUNS ?? '') > 0 ? Number(process.env.TRACECTL_FUZZ_RUNS) : 12;
/** One case in this many also spawns the real binary (at least one per property). */
const SPAWN_EVERY = Math.min(40, RUNS);

export interface CaseInput {
  /** Standard input bytes, split into chunks as given (chunk boundaries matter to a streaming reader). */
  readonly stdin?: readonly Buffer[];
  /** Files to pass as paths instead of stdin. */
  readonly files?: readonly Buffer[];
  readonly mode: Mode;
  readonly width: number;
}

/** What the suite ran, printed at the end of each file. */
export const stats = { cases: 0, runs: 0, spawns: 0, exit0: 0, exit2: 0 };

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
  const runs = await runEveryCommand({ paths, stdin: input.stdin ?? [], modes: [input.mode], width: input.width, sample });
  const problems: string[] = [];
  for (const run of runs) {
    stats.runs++;
    if (run.result.status === 0) stats.exit0++;
    if (run.result.status === 2) stats.exit2++;
    problems.push(...run.problems);
  }
  if (stats.cases % SPAWN_EVERY === 0) {
    // The built program, which parses in worker threads: the same exit code and output as in-process.
    const run = runs.find((r) => r.command === (stats.cases % (2 * SPAWN_EVERY) === 0 ? 'traces' : 'waterfall'));
    if (run === undefined) throw new Error('traces and waterfall are among the commands run on every case');
    stats.spawns++;
    const plain = input.mode === 'color' ? 'plain' : input.mode;
    const argv = run.argv.filter((a) => a !== '--color');
    const bin = await runBin(argv, { input: stdinBytes });
    const rules = { json: plain === 'json', allowWords: true };
    problems.push(...outcomeProblems(bin, rules).map((p) => `binary ${run.command} (${plain}): ${p} (stderr: ${bin.stderr.split('\n')[0]})`));
    if (input.mode !== 'color' && (bin.status !== run.result.status || bin.stdout !== run.result.stdout)) {
      problems.push(`binary ${run.command} disagrees with in-process: exit ${bin.status} vs ${run.result.status}: ${bin.stderr.slice(0, 300)}`);
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

/** `tracectl diff BASE HEAD`: two dumps per operation with significance, or two traces span by span. */
import { pickTrace } from '../../analyses/pick-trace.js';
import { diffDumps, type DumpDiff } from '../../diff/diff-dumps.js';
import { diffTraces, type TraceDiff } from '../../diff/diff-traces.js';
import { profileDump } from '../../diff/dump-profile.js';
import { EXIT_CHECK_FAILED, UsageError } from '../../errors.js';
import { normalizeTraceId } from '../../model/ids.js';
import { isTableInput } from '../../backends/clickhouse/address.js';
import type { Trace } from '../../model/trace.js';
import { renderDumpDiff, renderTraceDiff } from '../../render/diff.js';
import type { Io } from '../io.js';
import type { InputSummary } from '../../input/read-spans.js';
import { loadDump, type LoadedDump } from '../load.js';
import { inputNames, pageMeta, preparePage } from '../page-output.js';
import { emit, runContext, type CommonOptions, type RunContext } from '../run-context.js';

export interface DiffOptions extends CommonOptions {
  readonly trace?: string[];
  readonly threshold?: number;
  readonly alpha?: number;
  readonly failOnRegression?: boolean;
  readonly allSpans?: boolean;
  readonly html?: string;
  readonly all?: boolean;
}

export async function run(paths: string[], options: DiffOptions, io: Io): Promise<void> {
  const traces = options.trace ?? [];
  if (paths.length === 2 && paths[0] === '-' && paths[1] === '-') throw new UsageError('standard input can be read once: give at most one "-"');
  if (traces.length > 2) throw new UsageError(`--trace compares two traces: given ${traces.length} times`);
  const ctx = runContext(options, io);
  if (traces.length === 0 && paths.length < 2) throw new UsageError('diff needs two dumps (BASE HEAD), or one input and two --trace');
  const page = options.html === undefined ? undefined : await preparePage(options.html, paths, '--html', io.cwd);
  const inputs: InputSummary[] = [];
  const writePage = async (result: DumpDiff | TraceDiff): Promise<void> => {
    if (page === undefined) return;
    const meta = await pageMeta('', paths, inputs, io.cwd);
    await page.write({ kind: 'diff', ...meta, title: `tracectl diff: ${inputNames(meta.inputs)}`, result });
  };

  if (traces.length === 0) {
    if (paths.some(isTableInput)) throw new UsageError('diff compares two traces of a table: give --trace twice (per-operation comparison of two dumps reads dumps)');
    if (paths.length < 2) throw new UsageError('diff needs two dumps (BASE HEAD), or one input and two --trace');
    const [base, head] = [await profile(paths[0]!, ctx, options, inputs), await profile(paths[1]!, ctx, options, inputs)];
    const result = diffDumps(base, head, {
      ...(options.alpha !== undefined ? { alpha: options.alpha } : {}),
      ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
    });
    await writePage(result);
    emit(ctx, result, () => renderDumpDiff(result, ctx.theme, ctx.width, { all: options.all === true }));
    if (options.failOnRegression === true && result.regressions > 0) {
      io.err(`tracectl: --fail-on-regression: ${result.regressions} ${result.regressions === 1 ? 'operation regressed' : 'operations regressed'}\n`);
      io.setExitCode(EXIT_CHECK_FAILED);
    }
    return;
  }

  if (options.failOnRegression === true) throw new UsageError('--fail-on-regression compares two dumps; it does not go with --trace');
  if (ctx.where !== undefined) throw new UsageError('--where selects spans of dumps; two traces are compared whole (leave out --where or --trace)');
  if (traces.length === 1 && paths.length === 1) throw new UsageError('give --trace twice to compare two traces of one input (or a second input)');
  let base: Trace;
  let head: Trace;
  // A table input is asked for these traces only.
  const load = async (p: string[], queries: string[]): Promise<LoadedDump> => {
    const dump = await loadDump(p, ctx, { detail: 'compact', table: { kind: 'traces', queries } });
    inputs.push(...dump.inputs);
    return dump;
  };
  if (paths.length === 1) {
    [base, head] = pickTwo((await load(paths, [traces[0]!, traces[1]!])).traces(), traces[0]!, traces[1]!);
  } else {
    base = pickTrace((await load([paths[0]!], [traces[0]!])).traces(), traces[0]!);
    head = pickTrace((await load([paths[1]!], [traces[1] ?? traces[0]!])).traces(), traces[1] ?? traces[0]!);
  }
  const result = diffTraces(base, head, options.threshold !== undefined ? { threshold: options.threshold } : {});
  await writePage(result);
  emit(ctx, result, () => renderTraceDiff(result, ctx.theme, ctx.width));
}

async function profile(path: string, ctx: RunContext, options: DiffOptions, inputs: InputSummary[]): Promise<ReturnType<typeof profileDump>> {
  const dump = await loadDump([path], ctx, { detail: ctx.where?.readsAttributes === true ? 'full' : 'compact' });
  inputs.push(...dump.inputs);
  return profileDump(dump.traces(), {
    allSpans: options.allSpans === true,
    ...(ctx.where !== undefined ? { where: ctx.where.matches } : {}),
  });
}

/**
 * Both traces from one read of the input: the first query is answered by pickTrace over the traces
 * as they stream by; meanwhile only the traces that could answer the second are kept (with every id,
 * so the second query's "no match" and "ambiguous" messages see the whole input).
 */
function pickTwo(traces: Iterable<Trace>, first: string, second: string): [Trace, Trace] {
  const wanted = second.trim().toLowerCase();
  const full = wanted.length >= 16 ? normalizeTraceId(wanted) : undefined;
  const ids: { traceId: string }[] = [];
  const kept = new Map<string, Trace>();
  function* watch(): Generator<Trace> {
    for (const trace of traces) {
      ids.push({ traceId: trace.traceId });
      if (trace.traceId.startsWith(wanted) || trace.traceId === full) kept.set(trace.traceId, trace);
      yield trace;
    }
  }
  // pickTrace stops at a full id's match; the second query must still see every trace, so the
  // first reads through a view that cannot close the stream, and the rest is read after it.
  const stream = watch();
  const unclosable: Iterable<Trace> = { [Symbol.iterator]: () => ({ next: () => stream.next() }) };
  const a = pickTrace(unclosable, first);
  for (const _ of unclosable);
  const b = kept.get(pickTrace(ids, second).traceId)!;
  return [a, b];
}

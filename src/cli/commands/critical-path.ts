/** `tracectl critical-path [paths...]`: one trace's critical path, or the aggregate over a dump. */
import { aggregateCriticalPaths, aggregateCriticalPathsBy, type CriticalAggregate } from '../../analyses/critical-path-aggregate.js';
import type { GroupKey } from '../../query/group-keys.js';
import { traceCriticalPath } from '../../analyses/critical-path-report.js';
import { pickTrace } from '../../analyses/pick-trace.js';
import { UsageError } from '../../errors.js';
import type { Trace } from '../../model/trace.js';
import { renderCriticalAggregate, renderKeyedCriticalAggregate, renderTraceCriticalPath } from '../../render/critical-path.js';
import type { Io } from '../io.js';
import { loadDump } from '../load.js';
import { emit, runContext, type CommonOptions } from '../run-context.js';
import { tracesMatching } from '../../query/where-filter.js';

export interface CriticalPathOptions extends CommonOptions {
  readonly trace?: string;
  readonly top?: number;
  readonly byRoot?: boolean;
  /** Parsed by the flag (query/group-keys.ts). */
  readonly by?: readonly GroupKey[];
}

export async function run(paths: string[], options: CriticalPathOptions, io: Io): Promise<void> {
  if (options.trace !== undefined && options.byRoot === true) throw new UsageError('--by-root groups the traces of a dump; it does not go with --trace');
  if (options.trace !== undefined && options.by !== undefined) throw new UsageError('--by groups the critical paths of a dump; it does not go with --trace');
  const ctx = runContext(options, io, options.trace);
  const dump = await loadDump(paths, ctx, { table: options.trace !== undefined ? { kind: 'traces', queries: [options.trace] } : { kind: 'sample', what: 'the critical path' } });
  // --where: only the traces that have a matching span (none is a usage error).
  const traces = (): Iterable<Trace> => (ctx.where === undefined ? dump.traces() : tracesMatching(dump.traces(), ctx.where.matches));

  if (options.trace !== undefined || (dump.traceCount === 1 && options.byRoot !== true && options.by === undefined)) {
    const trace = options.trace !== undefined ? pickTrace(dump.traces(), options.trace) : onlyTrace(traces());
    const report = traceCriticalPath(trace);
    const shown = options.top === undefined ? report : { ...report, byOperation: report.byOperation.slice(0, options.top) };
    emit(ctx, shown, () => renderTraceCriticalPath(shown, trace.root.span, ctx.theme, ctx.width));
    return;
  }

  const aggregateOptions = {
    ...(options.top !== undefined ? { top: options.top } : {}),
    ...(options.byRoot === true ? { byRoot: true } : {}),
  };
  if (options.by !== undefined) {
    const keyed = aggregateCriticalPathsBy(traces(), options.by, aggregateOptions);
    // As without --by, the omitted rows are the text's "more" line, not JSON; `shareOf` as below.
    const groups = (g: { traces: number; totalCriticalMs: number; groups: unknown[] }, shareOf: 'all-traces' | 'root-group'): object => ({ traces: g.traces, totalCriticalMs: g.totalCriticalMs, shareOf, groups: g.groups });
    const output = {
      groupKeys: keyed.groupKeys,
      ...groups(keyed, 'all-traces'),
      ...(keyed.roots !== undefined ? { roots: keyed.roots.map((r) => ({ service: r.service, operation: r.operation, ...groups(r, 'root-group') })) } : {}),
    };
    emit(ctx, output, () => renderKeyedCriticalAggregate(keyed, ctx.theme, ctx.width));
    return;
  }
  const result = aggregateCriticalPaths(traces(), aggregateOptions);
  // `shareOf` names what each `share` divides by: the totalCriticalMs beside it, of every trace or of one root group.
  const json = (g: CriticalAggregate, shareOf: 'all-traces' | 'root-group'): object => ({ traces: g.traces, totalCriticalMs: g.totalCriticalMs, shareOf, operations: g.operations });
  const output =
    result.roots === undefined
      ? json(result, 'all-traces')
      : { ...json(result, 'all-traces'), roots: result.roots.map((r) => ({ service: r.service, operation: r.operation, ...json(r, 'root-group') })) };
  emit(ctx, output, () => renderCriticalAggregate(result, ctx.theme, ctx.width));
}

function onlyTrace(traces: Iterable<Trace>): Trace {
  for (const trace of traces) return trace;
  throw new UsageError('the input has no traces');
}

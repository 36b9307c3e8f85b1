/** `tracectl stats [paths...]`: span statistics with self time, per service or any `--by` keys. */
import { pickTrace } from '../../analyses/pick-trace.js';
import { SERVICE_KEY, type GroupKey } from '../../query/group-keys.js';
import { spanStats } from '../../analyses/stats.js';
import type { Trace } from '../../model/trace.js';
import { renderStats } from '../../render/stats.js';
import type { Io } from '../io.js';
import { loadDump } from '../load.js';
import { emit, runContext, type CommonOptions } from '../run-context.js';
import { sanitize } from '../../render/sanitize.js';

export interface StatsOptions extends CommonOptions {
  readonly trace?: string;
  /** Parsed by the flag (query/group-keys.ts). */
  readonly by?: readonly GroupKey[];
}

export async function run(paths: string[], options: StatsOptions, io: Io): Promise<void> {
  const ctx = runContext(options, io, options.trace);
  const dump = await loadDump(paths, ctx, { table: options.trace !== undefined ? { kind: 'traces', queries: [options.trace] } : { kind: 'sample', what: 'stats' } });
  const by = options.by ?? [SERVICE_KEY];
  let lastId = '';
  function* remembering(traces: Iterable<Trace>): Generator<Trace> {
    for (const trace of traces) {
      lastId = trace.traceId;
      yield trace;
    }
  }
  const traces = options.trace !== undefined ? [pickTrace(dump.traces(), options.trace)] : dump.traces();
  const stats = spanStats(remembering(traces), by, ctx.where?.matches);
  const title = stats.traces === 1 ? `trace ${sanitize(lastId)}` : `${stats.traces} traces`;
  emit(ctx, { groupKeys: stats.groupKeys, groups: stats.groups }, () => renderStats(stats, title, ctx.theme, ctx.width));
}

/** `tracectl span [paths...] --span ID [--trace ID]`: everything about one span. */
import { findSpans } from '../../analyses/find-span.js';
import { pickTrace } from '../../analyses/pick-trace.js';
import { selfTimes } from '../../analyses/self-time.js';
import { spanDetail } from '../../analyses/span-detail.js';
import { UsageError } from '../../errors.js';
import type { SpanNode, Trace } from '../../model/trace.js';
import { renderSpanDetails } from '../../render/span-detail.js';
import { sanitize } from '../../render/sanitize.js';
import type { Io } from '../io.js';
import { loadDump } from '../load.js';
import { emit, runContext, type CommonOptions } from '../run-context.js';

export interface SpanCliOptions extends CommonOptions {
  readonly span: string;
  readonly trace?: string;
}

const MAX_LISTED = 10;

export async function run(paths: string[], options: SpanCliOptions, io: Io): Promise<void> {
  const ctx = runContext(options, io, options.trace);
  const query = options.span;
  if (query.trim() === '') throw new UsageError('--span needs a span id');
  // Without --trace, the trace shown is known only once every trace was searched: its warnings
  // are the ones reported, not those of every trace in the dump.
  if (options.trace === undefined) ctx.warnings.holdByTrace();
  const dump = await loadDump(paths, ctx, { table: options.trace !== undefined ? { kind: 'traces', queries: [options.trace] } : { kind: 'span', query } });

  let found: { trace: Trace; nodes: SpanNode[] } | undefined;
  if (options.trace !== undefined) {
    const trace = pickTrace(dump.traces(), options.trace);
    const nodes = findSpans(trace, query).filter((n) => ctx.where === undefined || ctx.where.matches(n, trace));
    if (nodes.length === 0) throw new UsageError(`no span matches --span '${sanitize(query)}' in trace ${trace.traceId} (${trace.nodes.length} span${trace.nodes.length === 1 ? '' : 's'})`);
    found = { trace, nodes };
  } else {
    const all: { trace: Trace; nodes: SpanNode[] }[] = [];
    let total = 0;
    for (const trace of dump.traces()) {
      total++;
      const nodes = findSpans(trace, query).filter((n) => ctx.where === undefined || ctx.where.matches(n, trace));
      if (nodes.length > 0) all.push({ trace, nodes });
    }
    if (all.length === 0) throw new UsageError(`no span matches --span '${sanitize(query)}' in the input (${total} trace${total === 1 ? '' : 's'})`);
    if (all.length > 1) {
      const ids = all.map((a) => a.trace.traceId);
      const more = ids.length > MAX_LISTED ? ` and ${ids.length - MAX_LISTED} more` : '';
      throw new UsageError(`--span '${sanitize(query)}' is in ${ids.length} traces: ${ids.slice(0, MAX_LISTED).join(', ')}${more}; choose one with --trace`);
    }
    found = all[0]!;
    ctx.warnings.keepTrace(found.trace.traceId);
  }

  const self = selfTimes(found.trace);
  const result = { traceId: found.trace.traceId, spans: found.nodes.map((n) => spanDetail(found.trace, n, self[n.index]!)) };
  emit(ctx, result, () => renderSpanDetails(result, ctx.theme, ctx.width));
}

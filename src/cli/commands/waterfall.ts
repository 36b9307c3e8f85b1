/** `tracectl waterfall [paths...]`: one trace as a timeline. */
import { chooseTrace } from '../../analyses/choose-trace.js';
import { criticalPath } from '../../analyses/critical-path.js';
import { buildWaterfall } from '../../analyses/waterfall.js';
import { UsageError } from '../../errors.js';
import { formatDuration } from '../../render/format.js';
import { formatTick } from '../../render/time-axis.js';
import { sanitize } from '../../render/sanitize.js';
import { renderWaterfall } from '../../render/waterfall.js';
import type { Io } from '../io.js';
import { loadDump } from '../load.js';
import { emit, notice, runContext, type CommonOptions, type RunContext } from '../run-context.js';
import { tracesMatching } from '../../query/where-filter.js';
import type { ChosenTrace } from '../../analyses/choose-trace.js';

export interface WaterfallCliOptions extends CommonOptions {
  readonly trace?: string;
  readonly depth?: number;
  readonly minDuration?: number;
  readonly service?: string;
  readonly errorsOnly?: boolean;
  readonly criticalOnly?: boolean;
  readonly collapse?: boolean;
  readonly attrs?: string[];
}

export async function run(paths: string[], options: WaterfallCliOptions, io: Io): Promise<void> {
  const ctx = runContext(options, io, options.trace);
  const dump = await loadDump(paths, ctx, { table: options.trace !== undefined ? { kind: 'traces', queries: [options.trace] } : { kind: 'longest' } });
  // With --where and no --trace: the longest trace that has a matching span.
  const candidates = ctx.where !== undefined && options.trace === undefined ? tracesMatching(dump.traces(), ctx.where.matches) : dump.traces();
  const chosen = chooseTrace(candidates, options.trace);
  noteChoice(ctx, chosen);
  const trace = chosen.trace;
  if (options.service !== undefined && !trace.services.includes(options.service)) {
    throw new UsageError(`--service '${sanitize(options.service)}' has no span in trace ${trace.traceId}; its services are: ${trace.services.map(sanitize).join(', ')}`);
  }

  const waterfall = buildWaterfall(trace, {
    critical: criticalPath(trace).onPath,
    ...(options.depth !== undefined ? { maxDepth: options.depth } : {}),
    ...(options.minDuration !== undefined ? { minDurationNs: options.minDuration } : {}),
    ...(options.service !== undefined ? { service: options.service } : {}),
    ...(options.errorsOnly === true ? { errorsOnly: true } : {}),
    ...(options.criticalOnly === true ? { criticalOnly: true } : {}),
    ...(options.collapse === true ? { collapse: true } : {}),
    ...(options.attrs !== undefined ? { attrs: options.attrs } : {}),
    ...(ctx.where !== undefined ? { where: ctx.where.matches } : {}),
  });
  const picking = [
    options.service !== undefined ? `--service ${sanitize(options.service)}` : undefined,
    options.errorsOnly === true ? '--errors-only' : undefined,
    options.criticalOnly === true ? '--critical-only' : undefined,
  ].filter((p) => p !== undefined);
  emit(ctx, waterfall, () =>
    renderWaterfall(waterfall, ctx.theme, ctx.width, {
      ...(options.minDuration !== undefined ? { minDuration: formatTick(options.minDuration) } : {}),
      ...(options.depth !== undefined ? { maxDepth: options.depth } : {}),
      ...(picking.length > 0 ? { picking: picking.join(' ') } : {}),
    }),
  );
}

/** Says on stderr which trace of several was chosen, and how to choose another. */
export function noteChoice(ctx: RunContext, chosen: ChosenTrace): void {
  if (!chosen.longest) return;
  const t = chosen.trace;
  notice(
    ctx,
    `${ctx.where !== undefined ? `${chosen.total} traces have a span matching --where` : `the input has ${chosen.total} traces`}; showing the longest, ${sanitize(t.traceId)} (${formatDuration(t.durationNs)}, ${t.nodes.length} spans). ` +
      `Choose another with --trace ID ('tracectl traces' lists them).`,
  );
}

/** `tracectl waterfall [paths...]`: one trace as a timeline. */
import { chooseTrace } from '../../analyses/choose-trace.js';
import { criticalPath } from '../../analyses/critical-path.js';
import { denseWindow } from '../../analyses/dense-window.js';
import { findRootSpan, hasRootSpan } from '../../analyses/find-root-span.js';
import { buildWaterfall, type Waterfall, type ZoomSpec } from '../../analyses/waterfall.js';
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
import type { Trace } from '../../model/trace.js';

export interface WaterfallCliOptions extends CommonOptions {
  readonly trace?: string;
  readonly depth?: number;
  readonly minDuration?: number;
  readonly service?: string;
  readonly errorsOnly?: boolean;
  readonly criticalOnly?: boolean;
  readonly collapse?: boolean;
  readonly attrs?: string[];
  readonly zoom?: ZoomSpec;
  readonly root?: string;
}

/** The bulk notice: when this share of the rows lies in at most this share of the axis. */
const BULK_SHARE = 0.9;
const BULK_AXIS_SHARE = 0.1;
/** Fewer rows than this are read at a glance: no notice. */
const BULK_MIN_ROWS = 10;

export async function run(paths: string[], options: WaterfallCliOptions, io: Io): Promise<void> {
  const ctx = runContext(options, io, options.trace);
  const dump = await loadDump(paths, ctx, { table: options.trace !== undefined ? { kind: 'traces', queries: [options.trace] } : { kind: 'longest' } });
  // With --where and no --trace: the longest trace that has a matching span.
  let candidates: Iterable<Trace> = ctx.where !== undefined && options.trace === undefined ? tracesMatching(dump.traces(), ctx.where.matches) : dump.traces();
  // With --root and no --trace: the longest trace that has the span.
  const rootQuery = options.root;
  const seen = { traces: 0 };
  if (rootQuery !== undefined && options.trace === undefined) candidates = withRoot(candidates, rootQuery, seen);
  let chosen: ChosenTrace;
  try {
    chosen = chooseTrace(candidates, options.trace);
  } catch (e) {
    if (seen.traces > 0) throw new UsageError(`--root '${sanitize(rootQuery ?? '')}': no span of the input has that id or name (${seen.traces} trace${seen.traces === 1 ? '' : 's'})`);
    throw e;
  }
  noteChoice(ctx, chosen);
  const trace = chosen.trace;
  if (options.service !== undefined && !trace.services.includes(options.service)) {
    throw new UsageError(`--service '${sanitize(options.service)}' has no span in trace ${trace.traceId}; its services are: ${trace.services.map(sanitize).join(', ')}`);
  }

  const rootNode = rootQuery !== undefined ? findRootSpan(trace, rootQuery) : undefined;
  if (rootQuery !== undefined && rootNode === undefined) {
    throw new UsageError(`--root '${sanitize(rootQuery)}': no span of trace ${trace.traceId} has that id or name (${trace.nodes.length} spans)`);
  }

  const waterfall = buildWaterfall(trace, {
    critical: criticalPath(trace).onPath,
    ...(rootNode !== undefined ? { root: rootNode.index } : {}),
    ...(options.zoom !== undefined ? { zoom: options.zoom } : {}),
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
  if (!ctx.json) noteBulk(ctx, waterfall, paths, chosen.longest || options.trace !== undefined, rootQuery);
}

function* withRoot(traces: Iterable<Trace>, query: string, seen: { traces: number }): Generator<Trace> {
  for (const t of traces) {
    seen.traces++;
    if (hasRootSpan(t, query)) yield t;
  }
}

/**
 * When most rows sit in a small part of the axis (one late span stretched it), says so on stderr
 * and gives the command that zooms to them: the window rounded outwards to a tenth of its own
 * order of magnitude, as offsets from the view's start.
 */
function noteBulk(ctx: RunContext, w: Waterfall, paths: readonly string[], namesTrace: boolean, root: string | undefined): void {
  if (w.spans.length < BULK_MIN_ROWS) return;
  const view = w.view;
  const axisMs = view.endOffsetMs - view.startOffsetMs;
  const dense = denseWindow(
    w.spans.map((r) => ({ startMs: Math.max(r.startOffsetMs, view.startOffsetMs), endMs: Math.min(r.startOffsetMs + r.durationMs, view.endOffsetMs) })),
    BULK_SHARE,
  );
  if (dense === undefined || axisMs <= 0 || dense.endMs - dense.startMs > axisMs * BULK_AXIS_SHARE) return;
  const startNs = (dense.startMs - view.originOffsetMs) * 1e6;
  const endNs = (dense.endMs - view.originOffsetMs) * 1e6;
  const step = 10 ** Math.floor(Math.log10(Math.max(1, endNs - startNs))) / 10;
  const from = Math.max(0, Math.floor(startNs / step) * step);
  const to = Math.ceil(endNs / step) * step;
  const zoom = `${from === 0 ? '0' : zoomOffset(from, step)}..${zoomOffset(to, step)}`;
  const command = ['tracectl waterfall', ...paths.map(shellWord), ...(namesTrace ? ['--trace', w.traceId] : []), ...(root !== undefined ? ['--root', shellWord(root)] : []), '--zoom', zoom].join(' ');
  const share = (100 * (dense.endMs - dense.startMs)) / axisMs;
  notice(
    ctx,
    `${dense.count} of ${w.spans.length} rows lie within ${formatDuration(Math.round((dense.endMs - dense.startMs) * 1e6))} ` +
      `(${share < 1 ? share.toFixed(1) : share.toFixed(0)}% of the ${formatDuration(Math.round(axisMs * 1e6))} axis); zoom to them: ${command}`,
  );
}

/** An offset for --zoom, exact to `step` (a power of ten in ns), in the largest unit that keeps it short. */
function zoomOffset(ns: number, step: number): string {
  const unit = ns >= 1e9 ? ['s', 1e9] : ns >= 1e6 ? ['ms', 1e6] : ns >= 1e3 ? ['us', 1e3] : ['ns', 1];
  const decimals = Math.max(0, Math.round(Math.log10((unit[1] as number) / step)));
  return `${Number((ns / (unit[1] as number)).toFixed(decimals))}${unit[0] as string}`;
}

/** A word the shell passes through unchanged: as is when plain, else in single quotes. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(word) ? word : `'${sanitize(word).replace(/'/g, "'\\''")}'`;
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

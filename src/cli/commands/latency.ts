/** `tracectl latency [paths...]`: per-service (or per-operation) latency percentiles and rates. */
import { LATENCY_SORT_KEYS, type LatencySortKey } from '../../analyses/choices.js';
import { needsAttributes, SERVICE_KEY, type GroupKey } from '../../query/group-keys.js';
import { LatencyAggregator, latencySettings } from '../../analyses/latency.js';
import { isTableInput } from '../../backends/clickhouse/address.js';
import { UsageError } from '../../errors.js';
import { renderLatency } from '../../render/latency.js';
import type { Io } from '../io.js';
import { streamLatency } from '../latency-stream.js';
import { loadDump } from '../load.js';
import { emit, runContext, type CommonOptions } from '../run-context.js';

export interface LatencyCliOptions extends CommonOptions {
  /** Parsed by the flag (query/group-keys.ts). */
  readonly by?: readonly GroupKey[];
  readonly percentiles?: number[];
  readonly allSpans?: boolean;
  readonly sort?: string;
  readonly histogram?: boolean;
  readonly unweighted?: boolean;
}

export async function run(paths: string[], options: LatencyCliOptions, io: Io): Promise<void> {
  const ctx = runContext(options, io);
  const percentiles = options.percentiles ?? [50, 90, 95, 99];
  const sort = options.sort === undefined ? undefined : sortKey(options.sort, percentiles);
  const by = options.by ?? [SERVICE_KEY];
  if (paths.some(isTableInput)) {
    const settings = latencySettings({ by, allSpans: options.allSpans === true, percentiles, ...(sort !== undefined ? { sort } : {}) });
    await (await import('../table/latency.js')).latencyOnTable(paths, options, ctx, settings);
    return;
  }
  const aggregator = new LatencyAggregator({
    by,
    allSpans: options.allSpans === true,
    percentiles,
    histogram: options.histogram === true,
    weighted: options.unweighted !== true,
    ...(sort !== undefined ? { sort } : {}),
  });
  if (ctx.where !== undefined || !aggregator.groupsByNames) {
    // --where may look at parents, the trace or the tree, and keys beyond service and operation at a
    // span's kind, status and attributes: built traces.
    const attributes = ctx.where?.readsAttributes === true || needsAttributes(by);
    const dump = await loadDump(paths, ctx, { detail: attributes ? 'full' : 'compact' });
    for (const trace of dump.traces()) aggregator.add(trace, ctx.where?.matches);
  } else {
    // Span by span from the input, no trees: fast, and small in memory on big dumps.
    await streamLatency(paths, ctx, aggregator);
  }
  const result = aggregator.result();
  emit(ctx, result, () => renderLatency(result, ctx.theme, ctx.width));
}

/** Checked before reading the input, so a typo does not cost a long read. */
function sortKey(value: string, percentiles: readonly number[]): LatencySortKey {
  const key = value.trim().toLowerCase();
  if ((LATENCY_SORT_KEYS as readonly string[]).includes(key)) return key as LatencySortKey;
  const p = /^p(\d+(?:\.\d+)?)$/.exec(key);
  if (p !== null && percentiles.includes(Number(p[1]))) return `p${Number(p[1])}`;
  const allowed = [...percentiles.map((n) => `p${n}`), ...LATENCY_SORT_KEYS].join(', ');
  throw new UsageError(`--sort '${value}' is not one of: ${allowed}`);
}

/** `tracectl latency clickhouse://…`: computed in ClickHouse, one row per group comes back. */
import type { LatencySettings } from '../../analyses/latency.js';
import { latencyFromRows, latencyStatement, windowStatement } from '../../backends/clickhouse/latency-query.js';
import { renderLatency } from '../../render/latency.js';
import type { CommonOptions } from '../common-options.js';
import { emit, type RunContext } from '../run-context.js';
import { TableSession, withTableSession } from '../table-session.js';
import { UsageError } from '../../errors.js';

export async function latencyOnTable(paths: readonly string[], options: CommonOptions & { histogram?: boolean }, ctx: RunContext, settings: LatencySettings): Promise<void> {
  if (options.histogram === true) throw new UsageError('--histogram is not computed for table inputs');
  const session = TableSession.open(paths, options, ctx);
  const statements = [latencyStatement(session.scope, settings, options.where), windowStatement(session.scope)];
  if (session.printPlan(statements)) return;
  const result = await withTableSession(session, async (s) => {
    await s.shape();
    const rows = await s.rows(statements[0]!);
    const [window] = await s.rows(statements[1]!);
    return latencyFromRows(settings, rows, window);
  });
  emit(ctx, result, () => renderLatency(result, ctx.theme, ctx.width));
}

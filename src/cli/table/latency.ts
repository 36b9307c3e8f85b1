/** `tracectl latency clickhouse://…`: computed in ClickHouse, one row per group comes back. */
import type { LatencySettings } from '../../analyses/latency.js';
import { latencyFromRows, latencyStatement, windowStatement } from '../../backends/clickhouse/latency-query.js';
import { renderLatency } from '../../render/latency.js';
import type { CommonOptions } from '../common-options.js';
import { emit, type RunContext } from '../run-context.js';
import { TableSession, withTableSession } from '../table-session.js';

export async function latencyOnTable(paths: readonly string[], options: CommonOptions & { histogram?: boolean }, ctx: RunContext, settings: LatencySettings): Promise<void> {
  const session = TableSession.open(paths, options, ctx);
  const histogram = options.histogram === true;
  const statements = [latencyStatement(session.scope, settings, options.where, histogram), windowStatement(session.scope)];
  if (session.printPlan(statements)) return;
  const result = await withTableSession(session, async (s) => {
    await s.shape();
    const rows = await s.rows(statements[0]!);
    const [window] = await s.rows(statements[1]!);
    return latencyFromRows(settings, rows, window, histogram);
  });
  emit(ctx, result, () => renderLatency(result, ctx.theme, ctx.width));
}

/**
 * `tracectl traces clickhouse://…`: the list computed in ClickHouse, sorted and cut there. A table
 * may hold millions of traces, so without --limit the list stops at DEFAULT_TABLE_LIMIT rows and
 * says so on stderr.
 */
import { tracesFromRows, tracesStatement } from '../../backends/clickhouse/traces-query.js';
import { renderTraceList } from '../../render/trace-list.js';
import type { TracesOptions } from '../commands/traces.js';
import { emit, type RunContext } from '../run-context.js';
import { TableSession, withTableSession } from '../table-session.js';

export const DEFAULT_TABLE_LIMIT = 1000;

export async function tracesOnTable(paths: readonly string[], options: TracesOptions, ctx: RunContext): Promise<void> {
  const session = TableSession.open(paths, options, ctx);
  const limit = options.limit ?? DEFAULT_TABLE_LIMIT;
  const statement = tracesStatement(session.scope, options.sort ?? 'start', limit, options.where);
  if (session.printPlan([statement])) return;
  const list = await withTableSession(session, async (s) => {
    await s.shape();
    return tracesFromRows(await s.rows(statement));
  });
  emit(ctx, { traces: list.traces }, () =>
    ctx.where !== undefined && list.total === 0 ? ['No trace has a span matching --where'] : renderTraceList(list, ctx.theme, ctx.width),
  );
  if (options.limit === undefined && list.total > limit && !ctx.quiet) {
    ctx.io.err(`tracectl: listed the first ${limit} of ${list.total} traces in the range; --limit N lists more\n`);
  }
}

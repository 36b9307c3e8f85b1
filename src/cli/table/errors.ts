/**
 * `tracectl errors clickhouse://…`: the groups and totals computed in ClickHouse over every failed
 * trace of the range; the chains of a few example traces (the first of each signature, at most
 * EXAMPLE_TRACES) are then fetched and shown in full, as for a dump.
 */
import { storedSpansSummary } from '../../analyses/sampling-tally.js';
import { traceErrors, type TraceErrors } from '../../analyses/error-chains.js';
import type { ErrorsReport } from '../../analyses/errors-report.js';
import { traceErrorsWhere } from '../../analyses/trace-errors-where.js';
import { traceCountStatement } from '../../backends/clickhouse/deps-query.js';
import { errorsFromRows, errorsStatement } from '../../backends/clickhouse/errors-query.js';
import { spansOfTracesStatement } from '../../backends/clickhouse/fetch-query.js';
import { EXIT_CHECK_FAILED } from '../../errors.js';
import { buildTrace } from '../../model/tree.js';
import { renderErrors } from '../../render/errors.js';
import type { ErrorsOptions } from '../commands/errors.js';
import { emit, type RunContext } from '../run-context.js';
import { TableSession, withTableSession } from '../table-session.js';
import { fetchTraces } from './load-table.js';

export const EXAMPLE_TRACES = 10;

export async function errorsOnTable(paths: readonly string[], options: ErrorsOptions, ctx: RunContext): Promise<void> {
  const session = TableSession.open(paths, options, ctx);
  const statements = [errorsStatement(session.scope, options.where), traceCountStatement(session.scope)];
  const fetchPlan = spansOfTracesStatement(session.scope, { traceIdTs: undefined }, ['…']);
  if (session.printPlan([...statements, { ...fetchPlan, purpose: `${fetchPlan.purpose}: the example traces, shown in full` }])) return;
  const report = await withTableSession(session, async (s): Promise<ErrorsReport> => {
    const shape = await s.shape();
    const pushed = errorsFromRows(await s.rows(statements[0]!));
    const [count] = await s.rows(statements[1]!);
    const examples = [...new Set(pushed.groups.map((g) => g.traceIds[0]!).filter((id) => id !== undefined))].slice(0, EXAMPLE_TRACES);
    const raw = examples.flatMap((id) => (id.length === 16 ? [id, id.padStart(32, '0')] : [id]));
    const fetched = raw.length === 0 ? new Map() : await fetchTraces(s, shape, raw);
    const traces: TraceErrors[] = [];
    for (const id of examples) {
      const spans = fetched.get(id);
      if (spans === undefined) continue;
      const built = buildTrace(id, spans, { adjustClockSkew: ctx.adjustClockSkew });
      const errors = ctx.where === undefined ? traceErrors(built.result) : traceErrorsWhere(built.result, ctx.where.matches);
      if (errors !== undefined) traces.push(errors);
    }
    return { totals: { traces: Number(count?.traces ?? 0), ...pushed.totals }, groups: pushed.groups, traces, sampling: storedSpansSummary() };
  });
  emit(ctx, { totals: report.totals, traces: report.traces, groups: report.groups }, () => renderErrors(report, ctx.theme, ctx.width));
  if (!ctx.quiet && report.totals.tracesWithErrors > report.traces.length && report.traces.length > 0) {
    ctx.io.err(`tracectl: every failed trace of the range is counted; the chains shown are those of ${report.traces.length} example trace${report.traces.length === 1 ? '' : 's'} (the first of each signature)\n`);
  }
  if (options.failOnError === true && report.totals.chains > 0) {
    const n = report.totals.tracesWithChains;
    ctx.io.err(`tracectl: --fail-on-error: ${n} trace${n === 1 ? ' has' : 's have'} error chains\n`);
    ctx.io.setExitCode(EXIT_CHECK_FAILED);
  }
}

/**
 * A table input read as a dump, for the commands that analyse whole traces here (waterfall, span,
 * critical-path, stats, diff --trace, errors --trace, convert): the traces the command asks for are
 * found in the range, fetched by trace id (each whole, see fetch-query.ts) and built as any dump's.
 *
 * Which traces: the ones named by --trace (a full id or a unique prefix, resolved as pickTrace
 * resolves it), the ones holding --span, the longest (a one-trace command without --trace), a
 * sample (at most --max-traces, chosen by a hash of the trace id: the same traces on every run), or
 * all. --where, or the part of it ClickHouse can compute per span (where-sql.ts narrowingWhereSql),
 * narrows the choice to traces with a span that may match; the command then applies the whole
 * expression here, as it does to a dump.
 */
import type { Row } from '../../backends/clickhouse/connection.js';
import { spansOfTracesStatement, traceIdsBySpanStatement, traceIdsByPrefixStatement, traceIdsStatement } from '../../backends/clickhouse/fetch-query.js';
import { rowToSpan } from '../../backends/clickhouse/row-to-span.js';
import { scopeParams } from '../../backends/clickhouse/scope.js';
import type { Params, Statement } from '../../backends/clickhouse/statement.js';
import type { TableShape } from '../../backends/clickhouse/table-shape.js';
import { narrowingWhereSql } from '../../backends/clickhouse/where-sql.js';
import { RunComplete, UsageError } from '../../errors.js';
import { normalizeTraceId } from '../../model/ids.js';
import type { Span } from '../../model/span.js';
import { buildTrace } from '../../model/tree.js';
import { sanitize } from '../../render/sanitize.js';
import type { LoadedDump, TableSelection } from '../load.js';
import type { RunContext } from '../run-context.js';
import { TableSession, withTableSession } from '../table-session.js';
import { DEFAULT_MAX_TRACES } from '../common-options.js';

/** Trace ids per fetch statement (the ids travel in the URL as one Array(String) parameter). */
const IDS_PER_FETCH = 200;
const MAX_LISTED = 10;

export async function loadTable(paths: readonly string[], ctx: RunContext, selection: TableSelection): Promise<LoadedDump> {
  const session = TableSession.open(paths, ctx.table, ctx);
  const params = scopeParams(session.scope);
  const narrowing = ctx.where === undefined ? { sql: '1', exact: true } : narrowingWhereSql(ctx.where.expression, params);
  const plans = choiceStatements(session, selection, ctx, narrowing, params);
  const fetchPlan = spansOfTracesStatement(session.scope, { traceIdTs: undefined }, ['…']);
  const fetchNote = `${fetchPlan.purpose}, or with the table's trace time-range table each trace whole (the ids come from the statement${plans.length > 1 ? 's' : ''} above)`;
  if (session.printPlan([...plans, { ...fetchPlan, purpose: fetchNote }])) throw new RunComplete();
  const traces = await withTableSession(session, async (s) => {
    const shape = await s.shape();
    const found: Row[][] = [];
    for (const plan of plans) found.push(await s.rows(plan));
    return fetchTraces(s, shape, [...new Set(chosenIds(selection, found, ctx, narrowing.exact))]);
  });
  let spanCount = 0;
  for (const spans of traces.values()) spanCount += spans.length;
  return {
    inputs: [],
    traceCount: traces.size,
    spanCount,
    *traces() {
      for (const [traceId, spans] of traces) {
        const built = buildTrace(traceId, spans, { adjustClockSkew: ctx.adjustClockSkew });
        ctx.warnings.addAll(built.warnings);
        yield built.result;
      }
    },
  };
}

/** The statements that find the traces to fetch (one per --trace query). */
function choiceStatements(session: TableSession, selection: TableSelection, ctx: RunContext, selected: { sql: string; exact: boolean }, params: Params): Statement[] {
  const scope = session.scope;
  switch (selection.kind) {
    case 'traces':
      return selection.queries.map((q) => traceIdsByPrefixStatement(scope, checkedTraceQuery(q), MAX_LISTED + 1));
    case 'span':
      return [traceIdsBySpanStatement(scope, selection.query, MAX_LISTED + 1)];
    default: {
      // An expression ClickHouse can only narrow: the longest candidate traces, for the command to pick from.
      const limit = selection.kind === 'longest' ? (selected.exact ? 1 : maxTraces(ctx)) : selection.kind === 'sample' ? maxTraces(ctx) : Number.MAX_SAFE_INTEGER;
      return [traceIdsStatement(scope, selection.kind, limit, selected.sql, params)];
    }
  }
}

function maxTraces(ctx: RunContext): number {
  return ctx.table.maxTraces ?? DEFAULT_MAX_TRACES;
}

/** The raw trace ids (as stored) to fetch, in order; says on stderr how they were chosen. */
function chosenIds(selection: TableSelection, found: readonly Row[][], ctx: RunContext, exact: boolean): string[] {
  const rows = found[0] ?? [];
  switch (selection.kind) {
    case 'traces':
      return selection.queries.map((q, i) => resolvePrefix(q, found[i] ?? []));
    case 'span':
      if (rows.length === 0) throw new UsageError(`no span matches --span '${sanitize(selection.query.trim().toLowerCase())}' in the range`);
      return rows.map((r) => String(r.raw_id));
    case 'longest':
    case 'sample':
    case 'all': {
      const total = rows.length === 0 ? 0 : Number(rows[0]!.total);
      if (total === 0) throw new UsageError(ctx.where !== undefined ? 'no trace in the range has a span matching --where' : 'the range holds no spans');
      if (selection.kind === 'sample' && total > rows.length && !ctx.quiet) {
        ctx.io.err(
          `tracectl: ${selection.what} over a sample of ${rows.length} of the ${total} traces in the range, chosen by a hash of the trace id (the same traces on every run); --max-traces sets how many\n`,
        );
      }
      if (selection.kind === 'longest' && total > 1 && !ctx.quiet) {
        const note =
          ctx.where === undefined
            ? `the range has ${total} traces`
            : exact
              ? `${total} traces in the range have a span matching --where`
              : `${total} traces in the range have a span matching the part of --where ClickHouse computes`;
        ctx.io.err(`tracectl: ${note}; showing the longest. Choose another with --trace ID ('tracectl traces' lists them).\n`);
      }
      return rows.map((r) => String(r.raw_id));
    }
  }
}

/** --trace as pickTrace reads it: hex digits, else a usage error. */
function checkedTraceQuery(query: string): string {
  const wanted = query.trim().toLowerCase();
  if (wanted === '' || !/^[0-9a-f]+$/.test(wanted)) throw new UsageError(`--trace '${sanitize(query)}' is not a trace id: expected hex digits`);
  return wanted;
}

/** The one trace a --trace query names among the candidates found, as pickTrace decides. */
function resolvePrefix(query: string, rows: readonly Row[]): string {
  const wanted = checkedTraceQuery(query);
  const full = wanted.length >= 16 ? normalizeTraceId(wanted) : undefined;
  const exact = rows.find((r) => r.trace_id === full || r.trace_id === wanted);
  if (exact !== undefined) return String(exact.raw_id);
  if (rows.length === 1) return String(rows[0]!.raw_id);
  if (rows.length === 0) throw new UsageError(`no trace in the range matches --trace '${wanted}' (run 'tracectl traces' on the table to list them)`);
  const ids = rows.map((r) => String(r.trace_id)).slice(0, MAX_LISTED);
  const more = rows.length > MAX_LISTED ? ' and more' : '';
  throw new UsageError(`--trace '${wanted}' is ambiguous: several traces start with it: ${ids.join(', ')}${more}`);
}

/** The spans of the traces, by normalized trace id, in the order asked for. */
export async function fetchTraces(session: TableSession, shape: TableShape, rawIds: readonly string[]): Promise<Map<string, Span[]>> {
  const traces = new Map<string, Span[]>();
  for (const raw of rawIds) traces.set(normalizeTraceId(raw) ?? raw.toLowerCase(), []);
  for (let i = 0; i < rawIds.length; i += IDS_PER_FETCH) {
    const batch = rawIds.slice(i, i + IDS_PER_FETCH);
    await session.eachRow(spansOfTracesStatement(session.scope, shape, batch), (row) => {
      const span = rowToSpan(row);
      const list = traces.get(span.traceId);
      if (list !== undefined) list.push(span);
      else traces.set(span.traceId, [span]);
    });
  }
  for (const [id, spans] of traces) if (spans.length === 0) traces.delete(id);
  return traces;
}

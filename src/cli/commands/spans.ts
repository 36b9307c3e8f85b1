/**
 * `tracectl spans [paths...]`: every span, across traces, that matches --where.
 *
 * Two ways of reading, chosen by the expression. One about the span alone (its fields and
 * attributes) is asked of each span as the input is read, and only the spans to be shown are kept:
 * memory is that of --limit spans, whatever the size of the dump. One that needs the tree (`parent.`,
 * `root`, `depth`, `trace.`, `has ...`) is asked of every node of every built trace, as other
 * commands do, which holds the dump. Table inputs (clickhouse://) take the second way over a
 * sample of traces fetched whole (cli/table/load-table.ts), narrowed by what of --where ClickHouse
 * can compute.
 */
import { isTableInput } from '../../backends/clickhouse/address.js';
import { SpanList } from '../../analyses/span-list.js';
import { DEFAULT_SPAN_LIMIT, type SpanSortKey } from '../../analyses/span-list-choices.js';
import { STDIN_NAME } from '../../input/open-input.js';
import { readSpans } from '../../input/read-spans.js';
import { needsTrace } from '../../query/expression-needs.js';
import { loneSpanPredicate } from '../../query/lone-span.js';
import { parseWhere } from '../../query/parser.js';
import { renderSpanList } from '../../render/span-list.js';
import type { Io } from '../io.js';
import { loadDump } from '../load.js';
import { startProgress } from '../progress.js';
import { emit, notice, runContext, type CommonOptions, type RunContext } from '../run-context.js';

export interface SpansOptions extends CommonOptions {
  readonly sort?: SpanSortKey;
  readonly limit?: number;
  readonly attrs?: string[];
  readonly maxTraces?: number;
}

const ORDER_NOUNS: Readonly<Record<SpanSortKey, string>> = {
  duration: 'longest',
  '-duration': 'shortest',
  start: 'earliest',
  '-start': 'latest',
};

export async function run(paths: string[], options: SpansOptions, io: Io): Promise<void> {
  const ctx = runContext(options, io);
  const sort = options.sort ?? 'duration';
  const limit = options.limit ?? DEFAULT_SPAN_LIMIT;
  const columns = options.attrs ?? [];
  const list = new SpanList({ sort, limit, columns });
  const expression = options.where;
  const byTree = paths.some(isTableInput) || (expression !== undefined && needsTrace(expression, parseWhere(expression)));
  if (byTree) await readByTree(paths, ctx, list, ctx.json || columns.length > 0);
  else await readBySpan(paths, ctx, list);

  const result = list.result();
  if (options.limit === undefined && result.matched > result.spans.length) {
    notice(ctx, `${result.matched} spans match; showing the ${limit} ${ORDER_NOUNS[sort]} (--limit 0 shows all)`);
  }
  emit(ctx, { matchedSpans: result.matched, shownSpans: result.spans.length, sort, limit, spans: result.spans }, () =>
    renderSpanList({ result, sort, columns, filtered: expression !== undefined }, ctx.theme, ctx.width),
  );
}

/** Span by span as the dump is read: nothing is kept but what the list holds. */
async function readBySpan(paths: readonly string[], ctx: RunContext, list: SpanList): Promise<void> {
  const matches = ctx.where === undefined ? undefined : loneSpanPredicate(ctx.where.matches);
  const progress = startProgress(ctx);
  try {
    await readSpans(
      paths.length > 0 ? paths : [STDIN_NAME],
      matches === undefined ? (span) => list.add(span) : (span) => (matches(span) ? list.add(span) : undefined),
      {
        stdin: ctx.io.stdin,
        cwd: ctx.io.cwd,
        http: ctx.http,
        warnings: ctx.warnings,
        onProgress: (p) => progress.update({ ...p, traces: 0 }),
        ...(ctx.format !== undefined ? { format: ctx.format } : {}),
      },
    );
  } finally {
    progress.stop();
  }
}

/**
 * Every trace built, the expression asked of each node. Attributes are read only when something
 * shows or compares them: compact spans keep a big dump small.
 */
async function readByTree(paths: readonly string[], ctx: RunContext, list: SpanList, showsAttributes: boolean): Promise<void> {
  const detail = showsAttributes || ctx.where?.readsAttributes === true ? 'full' : 'compact';
  const dump = await loadDump(paths, ctx, { detail, table: { kind: 'sample', what: 'the span list' } });
  const matches = ctx.where?.matches;
  for (const trace of dump.traces()) {
    for (const node of trace.nodes) if (matches === undefined || matches(node, trace)) list.add(node.span);
  }
}

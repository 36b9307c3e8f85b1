/**
 * `tracectl convert DUMP... --to clickhouse 'clickhouse://host/db?table=otel_traces'`: the dump's
 * spans inserted into the exporter's table, streamed in batches as they are read (no trace is held
 * whole), with `--create-table` creating the table and its trace time-range companion with the
 * exporter's DDL. The table is named by -o or by the one clickhouse:// argument.
 *
 * With --where the traces must be built to be asked, so the dump is assembled first (as the other
 * wire formats are) and only the traces with a matching span are written.
 */
import { isTableInput } from '../../backends/clickhouse/address.js';
import { createTableStatements } from '../../backends/clickhouse/ddl.js';
import type { Statement } from '../../backends/clickhouse/statement.js';
import { TableWriter } from '../../backends/clickhouse/table-writer.js';
import { STDIN_NAME } from '../../input/open-input.js';
import { readSpans } from '../../input/read-spans.js';
import { UsageError } from '../../errors.js';
import { TraceAssembler } from '../../model/assemble.js';
import type { TraceWarning } from '../../model/warnings.js';
import { buildTrace } from '../../model/tree.js';
import { traceMatches } from '../../query/where-filter.js';
import type { ConvertOptions, ConvertResult } from '../commands/convert.js';
import { startProgress } from '../progress.js';
import { emit, type RunContext } from '../run-context.js';
import { TableSession, withTableSession } from '../table-session.js';
import type { Span } from '../../model/span.js';

export async function convertToTable(paths: readonly string[], options: ConvertOptions, ctx: RunContext): Promise<void> {
  const fromOutput = options.output !== undefined;
  if (fromOutput && !isTableInput(options.output!)) throw new UsageError(`--to clickhouse writes into a table: -o must be clickhouse://host/db?table=NAME, got '${options.output}'`);
  const named = paths.filter(isTableInput);
  if (!fromOutput && named.length !== 1) {
    throw new UsageError("--to clickhouse needs the table to write into: convert DUMP... --to clickhouse 'clickhouse://host/db?table=otel_traces'");
  }
  const target = fromOutput ? options.output! : named[0]!;
  const inputs = fromOutput ? [...paths] : paths.filter((p) => p !== target);
  if (inputs.some(isTableInput)) throw new UsageError('convert --to clickhouse reads dumps; to copy between tables use ClickHouse (INSERT ... SELECT)');
  if (options.since !== undefined || options.from !== undefined) throw new UsageError('--since and --from select spans of a table input; convert --to clickhouse reads dumps');

  const session = TableSession.open([target], { ...options, to: undefined }, ctx, { write: true });
  const address = session.address;
  const insert: Statement = {
    purpose: 'insert a batch of spans (JSONEachRow rows in the request body)',
    sql: "INSERT INTO {db:Identifier}.{table:Identifier} SETTINGS session_timezone = 'UTC' FORMAT JSONEachRow",
    params: { db: address.database, table: address.table },
  };
  const ddl = options.createTable === true ? createTableStatements(address.database, address.table) : [];
  if (session.printPlan([...ddl, insert])) return;

  const summary = await withTableSession(session, async (s) => {
    for (const statement of ddl) await s.command(statement);
    await s.shape('; --create-table creates it with the exporter\'s DDL');
    const writer = new TableWriter((body) => s.insert(insert, body));
    const progress = startProgress(ctx);
    try {
      const read = { stdin: ctx.io.stdin, cwd: ctx.io.cwd, warnings: ctx.warnings, strict: ctx.strict, ...(ctx.format !== undefined ? { format: ctx.format } : {}) };
      const sources = inputs.length > 0 ? inputs : [STDIN_NAME];
      if (ctx.where === undefined) {
        await readSpans(sources, (span) => writer.add(span), { ...read, onProgress: (p) => progress.update({ ...p, traces: 0 }), room: () => writer.room() });
      } else {
        for (const span of await matchingSpans(sources, read, ctx)) {
          writer.add(span);
          await writer.room();
        }
      }
      return await writer.finish().then((written) => ({ written, losses: writer.losses.entries() }));
    } finally {
      progress.stop();
    }
  });

  const result: ConvertResult = { output: address.display, format: 'clickhouse', traces: summary.written.traces, spans: summary.written.spans, losses: summary.losses };
  if (!ctx.json && !ctx.quiet) {
    const lines = [`tracectl: wrote ${result.traces} trace${result.traces === 1 ? '' : 's'} (${result.spans} spans) into ${address.display}`];
    if (result.losses.length > 0) lines.push('note: the table cannot hold everything in this dump:', ...result.losses.map((l) => `  ${l.message}`));
    if (summary.written.repeats > 0) lines.push(`note: ${summary.written.repeats} exact repeat${summary.written.repeats === 1 ? '' : 's'} of spans already written left out`);
    ctx.io.err(`${lines.join('\n')}\n`);
  }
  emit(ctx, { ...result, repeats: summary.written.repeats }, () => []);
}

/** --where: the spans of the traces with a matching span, assembled as the other formats are. */
async function matchingSpans(sources: string[], read: Parameters<typeof readSpans>[2], ctx: RunContext): Promise<Span[]> {
  const assembler = new TraceAssembler();
  await readSpans(sources, (span) => assembler.add(span), read);
  const out: Span[] = [];
  const duplicates: TraceWarning[] = [];
  for (const [traceId, spans] of assembler.finish(duplicates)) {
    ctx.warnings.addAll(duplicates.splice(0));
    if (traceMatches(buildTrace(traceId, spans, { adjustClockSkew: ctx.adjustClockSkew }).result, ctx.where!.matches)) out.push(...spans);
  }
  return out;
}

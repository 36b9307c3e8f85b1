/**
 * `tracectl convert [paths...] --to FORMAT -o OUT`: the input written in another format. The output
 * is streamed trace by trace into a temporary file next to OUT and renamed at the end (or written to
 * standard output with `-o -`); what the target format could not carry is listed on stderr.
 */
import { createRequire } from 'node:module';
import { UsageError } from '../../errors.js';
import { isTableInput } from '../../backends/clickhouse/address.js';
import { type ConvertTarget, type DumpEncoder, isWireTarget, type SpanGroup, type ViewTarget } from '../../formats/encode/contract.js';
import type { LossEntry } from '../../formats/encode/losses.js';
import { chromeEncoder } from '../../formats/chrome/encode.js';
import { speedscopeEncoder } from '../../formats/speedscope/encode.js';
import { STDIN_NAME } from '../../input/open-input.js';
import { readSpans } from '../../input/read-spans.js';
import { TraceAssembler } from '../../model/assemble.js';
import type { Trace } from '../../model/trace.js';
import type { TraceWarning } from '../../model/warnings.js';
import { buildTrace } from '../../model/tree.js';
import { traceMatches } from '../../query/where-filter.js';
import { openOutput, type OutputSink } from '../../output/output-sink.js';
import { inputAtOutput } from '../../output/same-file.js';
import { sanitize } from '../../render/sanitize.js';
import type { Io } from '../io.js';
import { loadDump } from '../load.js';
import { type CommonOptions, emit, type RunContext, runContext } from '../run-context.js';
import { startProgress } from '../progress.js';
import { type Counts, pump, wireEncoder } from '../write-dump.js';

export interface ConvertOptions extends Omit<CommonOptions, 'to'> {
  readonly to: ConvertTarget | 'clickhouse';
  readonly output?: string;
  readonly createTable?: boolean;
}

/** What `--json` prints: where the dump went, how much of it, and what the target could not carry. */
export interface ConvertResult {
  readonly output: string;
  readonly format: ConvertTarget | 'clickhouse';
  readonly traces: number;
  readonly spans: number;
  readonly losses: readonly Pick<LossEntry, 'count' | 'message'>[];
}

function exporterName(): string {
  const pkg = createRequire(import.meta.url)('../../../package.json') as { version: string };
  return `tracectl ${pkg.version}`;
}

function viewEncoder(target: ViewTarget): DumpEncoder<Trace> {
  const exporter = exporterName();
  return target === 'chrome' ? chromeEncoder({ exporter }) : speedscopeEncoder({ exporter, name: 'tracectl convert' });
}

/** Wire formats get each trace's spans as read (raw times, read order): reading them back rebuilds the same trees. */
async function* spanGroups(paths: readonly string[], ctx: RunContext): AsyncGenerator<SpanGroup> {
  if (paths.some(isTableInput)) {
    // A table's traces are fetched whole; their spans go out in tree order.
    const dump = await loadDump(paths, ctx, { table: { kind: 'all' } });
    for (const trace of dump.traces()) {
      if (ctx.where !== undefined && !traceMatches(trace, ctx.where.matches)) continue;
      yield { traceId: trace.traceId, spans: trace.nodes.map((n) => n.span) };
    }
    return;
  }
  const assembler = new TraceAssembler();
  const progress = startProgress(ctx);
  try {
    await readSpans(paths.length > 0 ? paths : [STDIN_NAME], (span) => assembler.add(span), {
      stdin: ctx.io.stdin,
      cwd: ctx.io.cwd,
      http: ctx.http,
      warnings: ctx.warnings,
      strict: ctx.strict,
      onProgress: (p) => progress.update({ ...p, traces: assembler.traces }),
      ...(ctx.format !== undefined ? { format: ctx.format } : {}),
    });
  } finally {
    progress.stop();
  }
  const duplicates: TraceWarning[] = [];
  for (const [traceId, spans] of assembler.finish(duplicates)) {
    ctx.warnings.addAll(duplicates.splice(0));
    // --where: only traces with a matching span (built to be asked, written as read).
    if (ctx.where !== undefined && !traceMatches(buildTrace(traceId, spans, { adjustClockSkew: ctx.adjustClockSkew }).result, ctx.where.matches)) continue;
    yield { traceId, spans };
  }
}

/** Views get built traces (effective times, tree). */
async function* builtTraces(paths: readonly string[], ctx: RunContext): AsyncGenerator<Trace> {
  const dump = await loadDump(paths, ctx, { table: { kind: 'all' } });
  for (const trace of dump.traces()) if (ctx.where === undefined || traceMatches(trace, ctx.where.matches)) yield trace;
}

/** No -o: standard output when it is a pipe or a file; a dump on the screen helps nobody. */
function defaultOutput(ctx: RunContext): string {
  if (ctx.json) throw new UsageError('--json needs -o FILE: standard output carries the summary, not the converted dump');
  if (ctx.io.stdoutIsTTY) throw new UsageError('-o FILE is needed when standard output is a terminal (or pipe the output: tracectl convert ... | gzip > out.json.gz)');
  return '-';
}

function noteLines(result: ConvertResult): string[] {
  const where = result.output === '-' ? 'standard output' : result.output;
  const lines = [`tracectl: wrote ${result.traces} trace${result.traces === 1 ? '' : 's'} (${result.spans} span${result.spans === 1 ? '' : 's'}) as ${result.format} to ${sanitize(where)}`];
  if (result.losses.length > 0) {
    lines.push(`note: ${result.format} cannot carry everything in this dump:`);
    for (const loss of result.losses) lines.push(`  ${loss.message}`);
  }
  return lines;
}

export async function run(paths: string[], options: ConvertOptions, io: Io): Promise<void> {
  const ctx = runContext(options, io);
  if (options.to === 'clickhouse') {
    await (await import('../table/convert-to-table.js')).convertToTable(paths, options, ctx);
    return;
  }
  if (options.createTable === true) throw new UsageError('--create-table goes with --to clickhouse');
  const output = options.output ?? defaultOutput(ctx);
  if (output === '') throw new UsageError('-o needs a file name, or "-" for standard output');
  if (output === '-' && ctx.json) throw new UsageError('--json cannot be combined with -o -: standard output carries the converted dump');
  const clash = await inputAtOutput(output, paths, io.cwd);
  if (clash !== undefined) throw new UsageError(`refusing to write the output over its input: -o ${sanitize(output)} is the input ${sanitize(clash)}`);

  const open = (): Promise<OutputSink> => openOutput(output, io.cwd, (text) => io.out(text));
  const target: ConvertTarget = options.to;
  let counts: Counts;
  let losses: LossEntry[];
  if (isWireTarget(target)) {
    const encoder = wireEncoder(target);
    counts = await pump(spanGroups(paths, ctx), encoder, open, (g) => g.spans.length);
    losses = encoder.losses.entries();
  } else {
    const encoder = viewEncoder(target);
    counts = await pump(builtTraces(paths, ctx), encoder, open, (t) => t.nodes.length);
    losses = encoder.losses.entries();
  }
  const result: ConvertResult = { output, format: target, traces: counts.traces, spans: counts.spans, losses };
  if (!ctx.json && !ctx.quiet) io.err(`${noteLines(result).join('\n')}\n`);
  emit(ctx, result, () => []);
}

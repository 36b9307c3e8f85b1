/**
 * `tracectl convert [paths...] --to FORMAT -o OUT`: the input written in another format. The output
 * is streamed trace by trace into a temporary file next to OUT and renamed at the end (or written to
 * standard output with `-o -`); what the target format could not carry is listed on stderr.
 */
import { createRequire } from 'node:module';
import { UsageError } from '../../errors.js';
import { isTableInput } from '../../backends/clickhouse/address.js';
import { type ConvertTarget, type DumpEncoder, isWireTarget, type SpanGroup, type ViewTarget, type WireTarget } from '../../formats/encode/contract.js';
import type { LossEntry } from '../../formats/encode/losses.js';
import { chromeEncoder } from '../../formats/chrome/encode.js';
import { jaegerEncoder } from '../../formats/jaeger/encode.js';
import { otlpEncoder, otlpJsonlEncoder } from '../../formats/otlp/encode.js';
import { speedscopeEncoder } from '../../formats/speedscope/encode.js';
import { zipkinEncoder } from '../../formats/zipkin/encode.js';
import { STDIN_NAME } from '../../input/open-input.js';
import { readSpans } from '../../input/read-spans.js';
import { TraceAssembler } from '../../model/assemble.js';
import type { Trace } from '../../model/trace.js';
import type { TraceWarning } from '../../model/warnings.js';
import { buildTrace } from '../../model/tree.js';
import { traceMatches } from '../../query/where-filter.js';
import { openFileSink, type OutputSink, stdoutSink } from '../../output/output-sink.js';
import { inputAtOutput } from '../../output/same-file.js';
import { sanitize } from '../../render/text.js';
import type { Io } from '../io.js';
import { loadDump } from '../load.js';
import { type CommonOptions, emit, type RunContext, runContext } from '../run-context.js';
import { startProgress } from '../progress.js';

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

function wireEncoder(target: WireTarget): DumpEncoder<SpanGroup> {
  switch (target) {
    case 'jaeger':
      return jaegerEncoder();
    case 'zipkin':
      return zipkinEncoder();
    case 'otlp':
      return otlpEncoder();
    case 'otlp-jsonl':
      return otlpJsonlEncoder();
  }
}

function viewEncoder(target: ViewTarget): DumpEncoder<Trace> {
  const exporter = exporterName();
  return target === 'chrome' ? chromeEncoder({ exporter }) : speedscopeEncoder({ exporter, name: 'tracectl convert' });
}

interface Counts {
  traces: number;
  spans: number;
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
      warnings: ctx.warnings,
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

async function pump<T>(items: AsyncGenerator<T>, encoder: DumpEncoder<T>, open: () => Promise<OutputSink>, size: (item: T) => number): Promise<Counts> {
  const counts = { traces: 0, spans: 0 };
  // Reading finishes before the first item arrives: an input error leaves no output behind.
  const first = await items.next();
  const sink = await open();
  try {
    await sink.write(encoder.head());
    for (let next = first; next.done !== true; next = await items.next()) {
      counts.traces++;
      counts.spans += size(next.value);
      await sink.write(encoder.trace(next.value));
    }
    await sink.write(encoder.tail());
    await sink.commit();
  } catch (err) {
    await sink.abort();
    throw err;
  }
  return counts;
}

function noteLines(result: ConvertResult): string[] {
  const where = result.output === '-' ? 'standard output' : result.output;
  const lines = [`tracectl: wrote ${result.traces} trace${result.traces === 1 ? '' : 's'} (${result.spans} spans) as ${result.format} to ${sanitize(where)}`];
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
  const output = options.output;
  if (output === undefined) throw new UsageError(`--to ${options.to} writes a file: give -o FILE (or -o - for standard output)`);
  if (output === '') throw new UsageError('-o needs a file name, or "-" for standard output');
  if (output === '-' && ctx.json) throw new UsageError('--json cannot be combined with -o -: standard output carries the converted dump');
  const clash = await inputAtOutput(output, paths);
  if (clash !== undefined) throw new UsageError(`refusing to write the output over its input: -o ${sanitize(output)} is the input ${sanitize(clash)}`);

  const open = async (): Promise<OutputSink> => (output === '-' ? stdoutSink((text) => io.out(text)) : openFileSink(output));
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

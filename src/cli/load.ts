/**
 * Reads the inputs and assembles traces: the one place the CLI joins the input layer and the model.
 *
 * Commands that need only the trace structure and timing (`traces`, `critical-path`, ...) ask for
 * `detail: 'compact'`: spans are parsed in a worker and kept compactly (no attributes, events or
 * links), which is what makes gigabyte dumps fast and small. Commands that show span details use the
 * default, full spans.
 */
import { setFlagsFromString } from 'node:v8';
import { isTableInput } from '../backends/clickhouse/address.js';
import { readCompact, readSpans, type InputSummary, type ReadProgress } from '../input/read-spans.js';
import { STDIN_NAME } from '../input/open-input.js';
import type { SpanBatch } from '../input/compact-batch.js';
import { normalizeBatch, SpanStore, StringTable } from '../input/span-store.js';
import { TraceAssembler } from '../model/assemble.js';
import { joinTraceIds } from '../model/join-trace-ids.js';
import { mergeZipkinFragments } from '../model/merge-fragments.js';
import type { Span } from '../model/span.js';
import type { Trace } from '../model/trace.js';
import { buildTrace } from '../model/tree.js';
import type { TraceWarning } from '../model/warnings.js';
import type { RunContext } from './run-context.js';
import { startProgress } from './progress.js';
import { readKnobs } from './read-knobs.js';

/**
 * Which traces a table input (clickhouse://…) is asked for; a dump is read whole whatever this
 * says. Default: a sample.
 */
export type TableSelection =
  | { readonly kind: 'traces'; readonly queries: readonly string[] }
  | { readonly kind: 'span'; readonly query: string }
  | { readonly kind: 'longest' }
  /** `what`: how the notice names the analysis ("stats", "the critical path"). */
  | { readonly kind: 'sample'; readonly what: string }
  | { readonly kind: 'all' };

export interface LoadOptions {
  /**
   * `full` (default): spans with attributes, resource, events and links. `compact`: without them
   * (empty), parsed off the main thread and stored in about 56 bytes a span.
   */
  readonly detail?: 'full' | 'compact';
  /** Full spans only: each span passes through this before traces are assembled (e.g. redaction). */
  readonly mapSpan?: (span: Span) => Span;
  readonly table?: TableSelection;
}

export interface LoadedDump {
  readonly inputs: InputSummary[];
  readonly traceCount: number;
  readonly spanCount: number;
  /** Builds each trace's tree on demand, so a command that summarizes need not keep every tree. */
  traces(): Generator<Trace>;
}

export async function loadDump(paths: readonly string[], ctx: RunContext, options: LoadOptions = {}): Promise<LoadedDump> {
  if (paths.some(isTableInput)) {
    return (await import('./table/load-table.js')).loadTable(paths, ctx, options.table ?? { kind: 'sample', what: 'the analysis' });
  }
  const inputPaths = paths.length > 0 ? paths : [STDIN_NAME];
  const progress = startProgress(ctx);
  let traceCount = (): number => 0;
  const onProgress = (p: ReadProgress): void => progress.update({ ...p, traces: traceCount() });
  const base = {
    stdin: ctx.io.stdin,
    cwd: ctx.io.cwd,
    http: ctx.http,
    warnings: ctx.warnings,
    strict: ctx.strict,
    onProgress,
    ...(ctx.format !== undefined ? { format: ctx.format } : {}),
  };
  try {
    if (options.detail === 'compact') {
      const store = new SpanStore();
      traceCount = () => store.traces;
      const inputs = await readCompact(inputPaths, (batch, source) => store.add(batch, source), { ...base, ...readKnobs(ctx.io.env) });
      return assembled(inputs, store.traces, store.spans, (duplicates) => merged(store.byTrace(duplicates), store.allTraceIds, duplicates), ctx);
    }
    const assembler = new TraceAssembler();
    traceCount = () => assembler.traces;
    const mapSpan = options.mapSpan;
    const inputs = await readSpans(inputPaths, mapSpan === undefined ? (span) => assembler.add(span) : (span) => assembler.add(mapSpan(span)), base);
    return assembled(inputs, assembler.traces, assembler.spans, (duplicates) => assembler.finish(duplicates), ctx);
  } finally {
    progress.stop();
  }
}

/**
 * The streaming way in, for commands that aggregate span by span and never need a whole trace
 * (`latency`): compact batches in read order, their service/operation/host ids rewritten to one
 * table, `strings`, that grows as batches come. Memory stays what the consumer keeps.
 */
export async function streamDump(
  paths: readonly string[],
  ctx: RunContext,
  onBatch: (batch: SpanBatch, strings: readonly string[]) => void,
  tracesSoFar: () => number = () => 0,
  onRawBatch?: (batch: SpanBatch, source: number) => void,
): Promise<InputSummary[]> {
  const progress = startProgress(ctx);
  const table = new StringTable();
  // A streaming read makes only short-lived garbage: a small young generation keeps RSS down.
  setFlagsFromString('--max-semi-space-size=4');
  try {
    return await readCompact(
      paths.length > 0 ? paths : [STDIN_NAME],
      (batch, source) => {
        onRawBatch?.(batch, source);
        normalizeBatch(batch, table.remap(batch, source), 0);
        onBatch(batch, table.strings);
      },
      {
        stdin: ctx.io.stdin,
        cwd: ctx.io.cwd,
        http: ctx.http,
        warnings: ctx.warnings,
        strict: ctx.strict,
        onProgress: (p) => progress.update({ ...p, traces: tracesSoFar() }),
        ...(ctx.format !== undefined ? { format: ctx.format } : {}),
        ...readKnobs(ctx.io.env),
      },
    );
  } finally {
    progress.stop();
  }
}

/** 64-bit Zipkin traces joined to their 128-bit ones, Zipkin pieces merged, as TraceAssembler.finish does for full spans. */
export function* merged(groups: Iterable<[string, Span[]]>, traceIds: Iterable<string>, warnings: TraceWarning[]): Generator<[string, Span[]]> {
  for (const [traceId, spans] of joinTraceIds(groups, traceIds, warnings)) yield [traceId, mergeZipkinFragments(spans)];
}

/** A dump whose traces are built one at a time from `groups` (trace id and its spans, in read order). */
function assembled(
  inputs: InputSummary[],
  traceCount: number,
  spanCount: number,
  groups: (duplicates: TraceWarning[]) => Iterable<[string, Span[]]>,
  ctx: RunContext,
): LoadedDump {
  return {
    inputs,
    traceCount,
    spanCount,
    *traces() {
      const duplicates: TraceWarning[] = [];
      for (const [traceId, spans] of groups(duplicates)) {
        ctx.warnings.addAll(duplicates.splice(0));
        const built = buildTrace(traceId, spans, { adjustClockSkew: ctx.adjustClockSkew });
        ctx.warnings.addAll(built.warnings);
        yield built.result;
      }
    },
  };
}

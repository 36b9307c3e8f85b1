/**
 * `tracectl sample [paths...] (--ratio R | --policy FILE | --keep EXPR...) [-o OUT] [--to FORMAT]`:
 * a sampling policy applied to a full dump. Every trace is read (full spans: the policies and the
 * output need attributes), decided, and measured before and after; the kept traces are written with
 * the encoders `convert` uses, atomically. The report goes to stderr, or with --json to stdout.
 */
import { readFile } from 'node:fs/promises';
import { SamplingTally } from '../../analyses/sampling-tally.js';
import { UsageError } from '../../errors.js';
import type { LossEntry } from '../../formats/encode/losses.js';
import { type SpanGroup, type WireTarget } from '../../formats/encode/contract.js';
import { STDIN_NAME } from '../../input/open-input.js';
import { readSpans, type InputSummary } from '../../input/read-spans.js';
import { TraceAssembler } from '../../model/assemble.js';
import type { Span } from '../../model/span.js';
import { adjustedCount } from '../../model/span-sampling.js';
import { formatThreshold, probabilityOfThreshold, thresholdOfProbability, MAX_THRESHOLD } from '../../model/sampling-threshold.js';
import type { TraceWarning } from '../../model/warnings.js';
import { buildTrace } from '../../model/tree.js';
import { openOutput, type OutputSink } from '../../output/output-sink.js';
import { inputAtOutput } from '../../output/same-file.js';
import { whereFilter, traceMatches, type WhereFilter } from '../../query/where-filter.js';
import { renderJson } from '../../render/json.js';
import { renderSample } from '../../render/sample.js';
import type { PolicyStats, SampleResult } from '../../sample/sample-result.js';
import { renderWarningSummary } from '../../render/warnings.js';
import { colorLevel, createTheme } from '../../render/theme.js';
import { sanitize } from '../../render/sanitize.js';
import { parsePolicyFile, PolicyFileError } from '../../sample/parse-policy-file.js';
import type { TailSamplingConfig } from '../../sample/policy-config.js';
import { ratioDecision, withRatioThreshold } from '../../sample/ratio-sampler.js';
import { SampleReportBuilder } from '../../sample/sample-report.js';
import { keeps } from '../../sample/decision.js';
import { TailSampler, type TailDecision } from '../../sample/tail-sampler.js';
import type { Io } from '../io.js';
import { startProgress } from '../progress.js';
import { type CommonOptions, type RunContext, runContext } from '../run-context.js';
import { pump, wireEncoder } from '../write-dump.js';

export interface SampleOptions extends Omit<CommonOptions, 'to'> {
  readonly ratio?: number;
  readonly policy?: string;
  readonly processor?: string;
  readonly keep?: string[];
  readonly output?: string;
  readonly to?: WireTarget;
  readonly percentiles?: number[];
}

type Mode =
  | { readonly kind: 'ratio'; readonly ratio: number; readonly threshold: bigint }
  | { readonly kind: 'policy'; readonly file: string; readonly config: TailSamplingConfig; readonly sampler: TailSampler }
  | { readonly kind: 'keep'; readonly filters: WhereFilter[] };

/** Everything the user typed, checked before the input is read: a typo costs no long read. */
async function modeOf(options: SampleOptions): Promise<Mode> {
  const given = [options.ratio !== undefined, options.policy !== undefined, options.keep !== undefined].filter(Boolean).length;
  if (given !== 1) throw new UsageError('sample needs exactly one of --ratio R, --policy FILE or --keep EXPR');
  if (options.processor !== undefined && options.policy === undefined) throw new UsageError('--processor goes with --policy');
  if (options.ratio !== undefined) return { kind: 'ratio', ratio: options.ratio, threshold: thresholdOfProbability(options.ratio) };
  if (options.keep !== undefined) {
    return { kind: 'keep', filters: options.keep.map((expr) => whereFilter(expr)) };
  }
  const file = options.policy!;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${sanitize(file)}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (err as Error).message}`);
  }
  try {
    const { config } = parsePolicyFile(text, sanitize(file), options.processor);
    return { kind: 'policy', file, config, sampler: new TailSampler(config) };
  } catch (err) {
    if (err instanceof PolicyFileError) throw new UsageError(err.message);
    throw err;
  }
}

/** Every trace of the input, its spans as read (duplicates dropped, Zipkin pieces merged). */
async function readTraces(paths: readonly string[], ctx: RunContext): Promise<{ traces: [string, Span[]][]; inputs: InputSummary[] }> {
  const assembler = new TraceAssembler();
  const progress = startProgress(ctx);
  let inputs: InputSummary[];
  try {
    inputs = await readSpans(paths.length > 0 ? paths : [STDIN_NAME], (span) => assembler.add(span), {
      stdin: ctx.io.stdin,
      cwd: ctx.io.cwd,
      warnings: ctx.warnings,
      strict: ctx.strict,
      onProgress: (p) => progress.update({ ...p, traces: assembler.traces }),
      ...(ctx.format !== undefined ? { format: ctx.format } : {}),
    });
  } finally {
    progress.stop();
  }
  const duplicates: TraceWarning[] = [];
  const traces: [string, Span[]][] = [];
  for (const [traceId, spans] of assembler.finish(duplicates)) {
    ctx.warnings.addAll(duplicates.splice(0));
    traces.push([traceId, spans]);
  }
  return { traces, inputs };
}

/** The input's format as an output target; several formats need --to. */
function outputFormat(inputs: readonly InputSummary[], to: WireTarget | undefined): WireTarget {
  if (to !== undefined) return to;
  const formats = [...new Set(inputs.flatMap((i) => i.formats))];
  if (formats.length === 1) return formats[0]!;
  if (formats.length === 0) return 'otlp';
  throw new UsageError(`the input mixes formats (${formats.join(', ')}): say which to write with --to`);
}

function withPolicy(spans: readonly Span[], policy: string): Span[] {
  return spans.map((span) => ({ ...span, sampling: { ...span.sampling, tailPolicy: policy } }));
}

/** The root span (or the first span) of a trace's spans: the one whose adjusted count stands for the trace. */
function rootOf(spans: readonly Span[]): Span {
  return spans.find((s) => s.parentId === undefined) ?? spans[0]!;
}

export async function run(paths: string[], options: SampleOptions, io: Io): Promise<void> {
  const ctx = runContext(options, io);
  const mode = await modeOf(options);
  const output = options.output;
  if (output === '') throw new UsageError('-o needs a file name, or "-" for standard output');
  if (output === '-' && ctx.json) throw new UsageError('--json cannot be combined with -o -: standard output carries the kept traces');
  if (options.to !== undefined && output === undefined) throw new UsageError('--to goes with -o');
  if (output !== undefined) {
    const clash = await inputAtOutput(output, paths, io.cwd);
    if (clash !== undefined) throw new UsageError(`refusing to write the output over its input: -o ${sanitize(output)} is the input ${sanitize(clash)}`);
  }
  const percentiles = options.percentiles ?? [50, 99];

  const { traces: all, inputs } = await readTraces(paths, ctx);
  const target = output === undefined ? undefined : outputFormat(inputs, options.to);
  const inputTally = new SamplingTally();
  for (const [, spans] of all) for (const span of spans) inputTally.add(span.sampling);

  // --where narrows the dump the policy is tried on.
  const traces = ctx.where === undefined ? all : all.filter(([id, spans]) => traceMatches(buildTrace(id, spans, { adjustClockSkew: ctx.adjustClockSkew }).result, ctx.where!.matches));

  const report = new SampleReportBuilder(percentiles);
  const kept: SpanGroup[] = [];
  let keptWithoutProbability = 0;
  const randomness = { traceId: 0, rv: 0, none: 0 };
  const decisions: TailDecision[] | undefined = mode.kind === 'policy' ? mode.sampler.decideAll(traces) : undefined;
  traces.forEach(([traceId, spans], i) => {
    let keep: boolean;
    let out: readonly Span[] = spans;
    let factor = 1;
    if (mode.kind === 'ratio') {
      const d = ratioDecision(traceId, spans, mode.threshold);
      randomness[d.randomness === 'rv' ? 'rv' : d.randomness === 'trace-id' ? 'traceId' : 'none']++;
      keep = d.kept;
      if (keep) out = withRatioThreshold(spans, mode.threshold);
    } else if (mode.kind === 'policy') {
      const d = decisions![i]!;
      keep = d.kept;
      if (keep) {
        out = withPolicy(spans, d.policy!);
        if (Number.isNaN(d.p)) keptWithoutProbability++;
        else factor = 1 / d.p;
      }
    } else {
      const trace = buildTrace(traceId, spans, { adjustClockSkew: ctx.adjustClockSkew }).result;
      keep = mode.filters.some((f) => traceMatches(trace, f.matches));
    }
    const built = buildTrace(traceId, out, { adjustClockSkew: ctx.adjustClockSkew });
    ctx.warnings.addAll(built.warnings);
    report.add(built.result, keep, (span) => adjustedCount(span.sampling) * factor, adjustedCount(rootOf(out).sampling) * factor);
    if (keep) kept.push({ traceId, spans: out });
  });

  let written: SampleResult['output'] = null;
  if (output !== undefined && target !== undefined) {
    const encoder = wireEncoder(target);
    const open = (): Promise<OutputSink> => openOutput(output, io.cwd, (text) => io.out(text));
    const counts = await pump(kept[Symbol.iterator](), encoder, open, (g) => g.spans.length);
    const losses: LossEntry[] = encoder.losses.entries();
    written = { path: output, format: target, traces: counts.traces, spans: counts.spans, losses };
  }

  const result: SampleResult = {
    mode: mode.kind,
    ...(mode.kind === 'ratio' ? { ratio: ratioFacts(mode.ratio, mode.threshold, randomness) } : {}),
    ...(mode.kind === 'policy' ? { policy: policyFacts(mode, decisions!, keptWithoutProbability) } : {}),
    ...(mode.kind === 'keep' ? { keep: { expressions: mode.filters.map((f) => f.expression) } } : {}),
    input: inputTally.summary(false),
    report: report.result(),
    output: written,
  };
  emitReport(ctx, result);
}

function ratioFacts(ratio: number, threshold: bigint, randomness: { traceId: number; rv: number; none: number }): NonNullable<SampleResult['ratio']> {
  const never = threshold >= MAX_THRESHOLD;
  const probability = never ? 0 : probabilityOfThreshold(threshold);
  return {
    ratio,
    threshold: never ? null : formatThreshold(threshold),
    probability,
    adjustedCount: never ? null : 1 / probability,
    randomness: { tracesByTraceId: randomness.traceId, tracesByRv: randomness.rv, tracesWithout: randomness.none },
  };
}

function policyFacts(mode: Extract<Mode, { kind: 'policy' }>, decisions: readonly TailDecision[], keptWithoutProbability: number): NonNullable<SampleResult['policy']> {
  const policies: PolicyStats[] = mode.config.policies.map((p, i) => {
    let keepVotes = 0;
    let decided = 0;
    let dropped = 0;
    let notAsked = 0;
    for (const d of decisions) {
      const vote = d.votes[i];
      if (vote === undefined) notAsked++;
      else if (vote !== 'error' && keeps(vote)) keepVotes++;
      if (d.policy === p.name) {
        if (d.kept) decided++;
        else if (d.final === 'dropped') dropped++;
      }
    }
    return { name: p.name, type: p.type, keepVotes, kept: decided, dropped, errors: mode.sampler.errors.get(p.name) ?? 0, notAsked };
  });
  return {
    file: mode.file,
    processor: mode.config.id,
    sampleOnFirstMatch: mode.config.sampleOnFirstMatch,
    assumed: [...mode.config.assumed],
    policies,
    keptWithoutProbability,
  };
}

/** The report: text on stderr (coloured for a terminal there), or the JSON document on stdout. */
function emitReport(ctx: RunContext, result: SampleResult): void {
  const io = ctx.io;
  const errTheme = createTheme(ctx.json ? 0 : colorLevel({ flag: undefined, env: io.env, isTTY: io.stderrIsTTY }));
  if (ctx.json) {
    io.out(`${renderJson({ ...result, warnings: ctx.warnings.list, warningCounts: ctx.warnings.counts() })}\n`);
  } else {
    io.err(`${renderSample(result, errTheme, ctx.width).join('\n')}\n`);
  }
  if (!ctx.quiet && ctx.warnings.total > 0) io.err(`${renderWarningSummary({ counts: ctx.warnings.counts(), list: ctx.warnings.list }, errTheme).join('\n')}\n`);
}

/**
 * How `why` reads: every span in full (attributes are what it compares: the compact path `latency`
 * streams from leaves them out), in one pass, counting each span where it was parsed. On a big
 * input a parse worker decodes and counts its share of the records (why-worker.ts) while this
 * thread reads, frames and takes the records the worker has no room for; at the end the worker's
 * counts are merged with this thread's. Only counts are kept: memory does not grow with the dump.
 * With no expressions to ask, Zipkin v2 spans are counted as the fast reader reads them from their
 * bytes, attributes and all (decode-records.ts decodeJobSpans `onLean`), without a Span each.
 *
 * `--where`, `--selection` and `--baseline` are answered span by span when they read only the span's
 * own fields and attributes (query/expression-needs.ts). One that looks at the parent, the depth,
 * the trace or `has` relatives needs the trees: then the dump is loaded and every trace built first,
 * as other commands do, which takes memory in proportion to the dump.
 */
import type { WhyAnalysis, WhyOptions, WhySnapshot } from '../analyses/why/why-analysis.js';
import { decodeJobSpans } from '../input/decode-records.js';
import { STDIN_NAME } from '../input/open-input.js';
import { defaultWorkers, readJobs } from '../input/read-spans.js';
import { DEFAULT_TUNING } from '../input/read-tuning.js';
import { WORKERS_AVAILABLE, WorkerPool } from '../input/record-pipeline.js';
import { compileWhere } from '../query/where.js';
import { loadDump } from './load.js';
import { readKnobs } from './read-knobs.js';
import { startProgress } from './progress.js';
import type { RunContext } from './run-context.js';
import { whyFeeder, whyLeanFeeder, type WhyExpressions } from './why-feed.js';
import type { WhyWorkerConfig } from './why-worker.js';

/** Reads the inputs into `analysis`; returns how many spans were read in all (before --where). */
export async function readForWhy(
  paths: readonly string[],
  ctx: RunContext,
  analysis: WhyAnalysis,
  options: WhyOptions,
  expressions: WhyExpressions,
  needsTrees: boolean,
): Promise<number> {
  if (needsTrees) return readTrees(paths, ctx, analysis, expressions);
  const inputs = paths.length > 0 ? paths : [STDIN_NAME];
  const knobs = readKnobs(ctx.io.env);
  const tuning = { ...DEFAULT_TUNING, ...knobs.tuning };
  const workers = knobs.workers ?? (await defaultWorkers(inputs, ctx.io.cwd));
  const pool = workers > 0 && WORKERS_AVAILABLE ? new WorkerPool(workers, tuning.workerYoungMb, new URL('./why-worker.js', import.meta.url)) : undefined;
  const config: WhyWorkerConfig = { options, expressions };
  for (const worker of pool?.workers ?? []) worker.postMessage({ whyConfig: config });
  const feed = whyFeeder(analysis, expressions);
  const feedLean = whyLeanFeeder(analysis, expressions);
  const progress = startProgress(ctx);
  try {
    const summaries = await readJobs(
      inputs,
      {
        stdin: ctx.io.stdin,
        cwd: ctx.io.cwd,
        tuning,
        warnings: ctx.warnings,
        strict: ctx.strict,
        onProgress: (p) => progress.update(p),
        ...(ctx.format !== undefined ? { format: ctx.format } : {}),
      },
      pool,
      (job) => decodeJobSpans(job, feed, feedLean),
      () => undefined,
    );
    for (const snapshot of await Promise.all((pool?.workers ?? []).map(finish))) analysis.merge(snapshot);
    return summaries.reduce((sum, s) => sum + s.spans, 0);
  } finally {
    progress.stop();
    await pool?.close();
  }
}

/** Asks a worker for its counts. */
function finish(worker: WorkerPool['workers'][number]): Promise<WhySnapshot> {
  return new Promise((resolve, reject) => {
    const onMessage = (msg: { whySnapshot?: WhySnapshot }): void => {
      if (msg.whySnapshot === undefined) return;
      worker.off('message', onMessage);
      worker.off('error', reject);
      resolve(msg.whySnapshot);
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
    worker.postMessage({ whyFinish: true });
  });
}

/** The tree path: every trace built, the expressions asked about each node. */
async function readTrees(paths: readonly string[], ctx: RunContext, analysis: WhyAnalysis, expressions: WhyExpressions): Promise<number> {
  const where = expressions.where === undefined ? undefined : compileWhere(expressions.where);
  const selection = expressions.selection === undefined ? undefined : compileWhere(expressions.selection);
  const baseline = expressions.baseline === undefined ? undefined : compileWhere(expressions.baseline);
  const dump = await loadDump(paths, ctx);
  for (const trace of dump.traces()) {
    for (const node of trace.nodes) {
      if (where !== undefined && !where(node, trace)) continue;
      analysis.add(node.span, node.durationNs, selection?.(node, trace) ?? false, baseline?.(node, trace) ?? true);
    }
  }
  return dump.spanCount;
}

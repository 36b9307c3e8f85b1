/** `tracectl check [paths...] --budget EXPR...`: budgets over a dump, with exit codes and CI reports. */
import { readFile } from 'node:fs/promises';
import type { Budget } from '../../check/budget.js';
import { BUDGETS_SCHEMA } from '../../check/budgets-schema.js';
import { evaluateBudgets } from '../../check/evaluate-budgets.js';
import { parseBudget } from '../../check/parse-budget.js';
import { parseBudgetsFile } from '../../check/parse-budgets-file.js';
import { githubAnnotations } from '../../check/report/github-annotations.js';
import { renderJunitXml } from '../../check/report/junit-xml.js';
import { renderMarkdownSummary } from '../../check/report/markdown-summary.js';
import { EXIT_CHECK_FAILED, UsageError } from '../../errors.js';
import { openFileSink, type OutputSink } from '../../output/output-sink.js';
import { inputAtOutput } from '../../output/same-file.js';
import { renderCheck } from '../../render/check.js';
import { renderJson } from '../../render/json.js';
import { sanitize } from '../../render/text.js';
import { isTableInput } from '../../backends/clickhouse/address.js';
import type { Io } from '../io.js';
import { loadDump } from '../load.js';
import { emit, runContext, type CommonOptions } from '../run-context.js';

export interface CheckCliOptions extends CommonOptions {
  readonly budget?: string[];
  readonly budgets?: string;
  readonly junit?: string;
  readonly markdown?: string;
  readonly allSpans?: boolean;
  readonly printSchema?: boolean;
}

export async function run(paths: string[], options: CheckCliOptions, io: Io): Promise<void> {
  if (options.printSchema === true) {
    io.out(`${renderJson(BUDGETS_SCHEMA)}\n`);
    return;
  }
  // Everything the user typed is checked before the input is read: a typo costs no long read.
  const budgets = await readBudgets(options);
  const ctx = runContext(options, io);
  for (const [flag, path] of [['--junit', options.junit], ['--markdown', options.markdown]] as const) {
    if (path === undefined) continue;
    const clash = await inputAtOutput(path, [...paths, ...(options.budgets !== undefined ? [options.budgets] : [])]);
    if (clash !== undefined) throw new UsageError(`refusing to write the report over an input: ${flag} ${sanitize(path)} is ${sanitize(clash)}`);
  }
  const junit = options.junit === undefined ? undefined : await openFileSink(options.junit);
  const markdown = options.markdown === undefined ? undefined : await openFileSink(options.markdown).catch(async (err: unknown) => {
    await junit?.abort();
    throw err;
  });
  const sinks = [junit, markdown].filter((s): s is OutputSink => s !== undefined);
  let result;
  try {
    if (paths.some(isTableInput)) {
      result = await (await import('../table/check.js')).checkOnTable(paths, options, ctx, budgets);
    } else {
      const dump = await loadDump(paths, ctx, { detail: ctx.where?.readsAttributes === true ? 'full' : 'compact' });
      result = evaluateBudgets(budgets, dump.traces(), {
        allSpans: options.allSpans === true,
        ...(ctx.where !== undefined ? { where: ctx.where.matches } : {}),
      });
    }
    if (junit !== undefined) await junit.write(renderJunitXml(result));
    if (markdown !== undefined) await markdown.write(renderMarkdownSummary(result));
    for (const sink of sinks) await sink.commit();
  } catch (err) {
    for (const sink of sinks) await sink.abort();
    throw err;
  }

  const checked = result;
  emit(ctx, checked, () => renderCheck(checked, ctx.theme, ctx.width));
  if (io.env.GITHUB_ACTIONS === 'true') {
    // Workflow commands belong on stdout; with --json stdout is one JSON document, so they go to
    // stderr, which the Actions runner reads for commands too.
    const lines = githubAnnotations(checked).join('\n');
    if (ctx.json) io.err(`${lines}\n`);
    else io.out(`${lines}\n`);
  }
  if (!checked.passed) io.setExitCode(EXIT_CHECK_FAILED);
}

async function readBudgets(options: CheckCliOptions): Promise<Budget[]> {
  const budgets = (options.budget ?? []).map((expr) => parseBudget(expr, '--budget'));
  if (options.budgets !== undefined) {
    let text: string;
    try {
      text = await readFile(options.budgets, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new UsageError(`cannot read ${options.budgets}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (err as Error).message}`);
    }
    budgets.push(...parseBudgetsFile(text, options.budgets));
  }
  if (budgets.length === 0) throw new UsageError("no budgets: give --budget EXPR (e.g. --budget 'frontend:p99<300ms') or --budgets FILE");
  return budgets;
}

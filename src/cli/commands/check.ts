/** `tracectl check [paths...] --budget EXPR...`: budgets over a dump, with exit codes and CI reports. */
import { readFile } from 'node:fs/promises';
import type { Budget } from '../../check/budget.js';
import { BUDGETS_SCHEMA } from '../../check/budgets-schema.js';
import { evaluateBudgets } from '../../check/evaluate-budgets.js';
import { parseBudget } from '../../check/parse-budget.js';
import { parseBudgetsFile } from '../../check/parse-budgets-file.js';
import { githubAnnotations } from '../../render/check/github-annotations.js';
import { renderJunitXml } from '../../render/check/junit-xml.js';
import { renderMarkdownSummary } from '../../render/check/markdown-summary.js';
import { EXIT_CHECK_FAILED, UsageError } from '../../errors.js';
import { resolve } from 'node:path';
import { AtomicFile } from '../../output/atomic-file.js';
import { inputAtOutput } from '../../output/same-file.js';
import { renderCheck } from '../../render/check/check-table.js';
import { renderJson } from '../../render/json.js';
import { sanitize } from '../../render/sanitize.js';
import { isTableInput } from '../../backends/clickhouse/address.js';
import type { Io } from '../io.js';
import { extraGroupKeys, needsAttributes, type GroupKey } from '../../query/group-keys.js';
import { loadDump, type LoadedDump } from '../load.js';
import { inputNames, pageMeta, preparePage } from '../page-output.js';
import { emit, runContext, type CommonOptions } from '../run-context.js';

export interface CheckCliOptions extends CommonOptions {
  readonly budget?: string[];
  readonly budgets?: string;
  readonly junit?: string;
  readonly markdown?: string;
  readonly html?: string;
  readonly allSpans?: boolean;
  readonly printSchema?: boolean;
  readonly unweighted?: boolean;
  readonly by?: GroupKey[];
}

export async function run(paths: string[], options: CheckCliOptions, io: Io): Promise<void> {
  if (options.printSchema === true) {
    io.out(`${renderJson(BUDGETS_SCHEMA)}\n`);
    return;
  }
  // Everything the user typed is checked before the input is read: a typo costs no long read.
  const budgets = await readBudgets(options, io.cwd);
  const ctx = runContext(options, io);
  for (const [flag, path] of [['--junit', options.junit], ['--markdown', options.markdown], ['--html', options.html]] as const) {
    if (path === undefined) continue;
    if (path === '-' && flag !== '--html') throw new UsageError(`${flag} writes a file: give its path (standard output carries the check's report)`);
    const clash = await inputAtOutput(path, [...paths, ...(options.budgets !== undefined ? [options.budgets] : [])], io.cwd);
    if (clash !== undefined) throw new UsageError(`refusing to write the report over an input: ${flag} ${sanitize(path)} is ${sanitize(clash)}`);
  }
  const junit = options.junit === undefined ? undefined : await AtomicFile.open(options.junit, io.cwd);
  const markdown = options.markdown === undefined ? undefined : await AtomicFile.open(options.markdown, io.cwd).catch(async (err: unknown) => {
    await junit?.abort();
    throw err;
  });
  const sinks = [junit, markdown].filter((s): s is AtomicFile => s !== undefined);
  const page = options.html === undefined ? undefined : await preparePage(options.html, paths, '--html', io.cwd).catch(async (err: unknown) => {
    for (const sink of sinks) await sink.abort();
    throw err;
  });
  let result;
  let inputs: LoadedDump['inputs'] = [];
  try {
    const by = options.by === undefined ? [] : extraGroupKeys(options.by);
    if (paths.some(isTableInput)) {
      if (by.length > 0) throw new UsageError(`check --by on a ClickHouse table: budgets are decided per service and operation there (run it on a dump, or use latency --by ${by.map((k) => k.name).join(',')})`);
      result = await (await import('../table/check.js')).checkOnTable(paths, options, ctx, budgets);
    } else {
      const dump = await loadDump(paths, ctx, { detail: ctx.where?.readsAttributes === true || needsAttributes(by) ? 'full' : 'compact' });
      inputs = dump.inputs;
      result = evaluateBudgets(budgets, dump.traces(), {
        allSpans: options.allSpans === true,
        weighted: options.unweighted !== true,
        ...(by.length > 0 ? { by } : {}),
        ...(ctx.where !== undefined ? { where: ctx.where.matches } : {}),
      });
    }
    if (junit !== undefined) await junit.write(renderJunitXml(result));
    if (markdown !== undefined) await markdown.write(renderMarkdownSummary(result));
    if (page !== undefined) {
      const meta = await pageMeta('', paths, inputs, io.cwd);
      await page.write({ kind: 'check', ...meta, title: `tracectl check: ${inputNames(meta.inputs)}`, result });
    }
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

async function readBudgets(options: CheckCliOptions, cwd: string): Promise<Budget[]> {
  const budgets = (options.budget ?? []).map((expr) => parseBudget(expr, '--budget'));
  if (options.budgets !== undefined) {
    let text: string;
    try {
      text = await readFile(resolve(cwd, options.budgets), 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new UsageError(`cannot read ${options.budgets}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (err as Error).message}`);
    }
    budgets.push(...parseBudgetsFile(text, options.budgets));
  }
  if (budgets.length === 0) throw new UsageError("no budgets: give --budget EXPR (e.g. --budget 'frontend:p99<300ms') or --budgets FILE");
  return budgets;
}

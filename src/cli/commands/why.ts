/** `tracectl why [paths...]`: what is different about the slow, failing or selected spans. */
import { DEFAULT_VALUE_CAP } from '../../analyses/why/attribute-tally.js';
import { STATUS_KEYS, type FieldUse, type KeyFilterOptions } from '../../analyses/why/key-filter.js';
import { WhyAnalysis, type WhyOptions, type WhyRule } from '../../analyses/why/why-analysis.js';
import type { WhyResult } from '../../analyses/why/why-result.js';
import { isTableInput } from '../../backends/clickhouse/address.js';
import { UsageError } from '../../errors.js';
import type { FieldRef } from '../../query/ast.js';
import { exprFields } from '../../query/expr-fields.js';
import { needsTrace } from '../../query/expression-needs.js';
import { tokenize } from '../../query/lexer.js';
import { parseWhere } from '../../query/parser.js';
import { QuerySyntaxError } from '../../query/query-error.js';
import { whereFilter, type WhereFilter } from '../../query/where-filter.js';
import { renderWhy, whyKeyLabel } from '../../render/why.js';
import type { Io } from '../io.js';
import { emit, runContext, type CommonOptions } from '../run-context.js';
import { readForWhy } from '../why-read.js';

export interface WhyCliOptions extends CommonOptions {
  readonly slow?: string | true;
  readonly errors?: boolean;
  readonly selection?: string;
  readonly baseline?: string;
  readonly top?: number;
  readonly attrs?: string[];
  readonly ignore?: string[];
}

const DEFAULT_TOP = 10;
const DEFAULT_PERCENTILE = 90;

export async function run(paths: string[], options: WhyCliOptions, io: Io): Promise<void> {
  const inputs = [...paths];
  const rule = ruleOf(options, inputs);
  if (options.attrs !== undefined && options.ignore !== undefined) throw new UsageError('--attrs and --ignore are alternatives: give one');
  const ctx = runContext(options, io);
  const selection = rule.by === 'selection' ? compile('--selection', rule.expression) : undefined;
  const baseline = options.baseline === undefined ? undefined : compile('--baseline', options.baseline);

  const selectionFields: readonly FieldUse[] =
    rule.by === 'slow' ? [{ scope: 'intrinsic', key: 'duration' }] : rule.by === 'errors' ? STATUS_KEYS : fieldUses(rule.expression);
  const filter: KeyFilterOptions = {
    selectionFields,
    baselineFields: options.baseline === undefined ? [] : fieldUses(options.baseline),
    ...(options.attrs !== undefined ? { only: options.attrs } : {}),
    ...(options.ignore !== undefined ? { ignore: options.ignore } : {}),
  };
  const whyOptions: WhyOptions = {
    rule,
    filter,
    top: options.top ?? DEFAULT_TOP,
    ...(options.baseline !== undefined ? { baseline: options.baseline } : {}),
    ...(ctx.where !== undefined ? { where: ctx.where.expression } : {}),
  };
  let analysis: WhyAnalysis;
  let result: WhyResult;
  let read: number;
  if (inputs.some(isTableInput)) {
    // Counted in ClickHouse, ranked here.
    const table = await (await import('../table/why.js')).whyOnTable(inputs, options, ctx, whyOptions);
    if (table === undefined) return;
    ({ analysis, result, read } = table);
  } else {
    analysis = new WhyAnalysis(whyOptions);
    const expressions = {
      ...(ctx.where !== undefined ? { where: ctx.where.expression } : {}),
      ...(selection !== undefined ? { selection: selection.expression } : {}),
      ...(baseline !== undefined ? { baseline: baseline.expression } : {}),
    };
    const needsTrees = Object.values(expressions).some((e) => needsTrace(e, parseWhere(e)));
    read = await readForWhy(inputs, ctx, analysis, whyOptions, expressions, needsTrees);
    result = analysis.result();
  }
  checkSides(result, read);
  for (const folded of analysis.foldedKeys()) {
    ctx.warnings.add({
      code: 'value-cap',
      message:
        `${whyKeyLabel(folded.scope, folded.key)}: more than ${DEFAULT_VALUE_CAP} distinct values; values seen on at most ${folded.maxLoss} ` +
        `${folded.maxLoss === 1 ? 'span' : 'spans'} were folded away (${folded.folds === 1 ? 'once' : `${folded.folds} times`}), so a kept value's counts may be low` +
        (folded.numeric ? '; its thresholds are counted exactly' : ''),
    });
  }
  if (analysis.droppedKeyValues > 0) {
    ctx.warnings.add({ code: 'key-cap', message: `more distinct attribute keys than are compared: ${analysis.droppedKeyValues} values of the keys beyond were not compared` });
  }
  emit(ctx, result, () => renderWhy(result, ctx.theme, ctx.width));
}

/** The selection rule from --slow / --errors / --selection (exactly one). */
function ruleOf(options: WhyCliOptions, paths: string[]): WhyRule {
  const given = [options.slow !== undefined, options.errors === true, options.selection !== undefined].filter(Boolean).length;
  if (given === 0) throw new UsageError("say which spans to explain: --slow [pN|'>DURATION'], --errors or --selection EXPR");
  if (given > 1) throw new UsageError('--slow, --errors and --selection are alternatives: give one');
  if (options.errors === true) return { by: 'errors' };
  if (options.selection !== undefined) return { by: 'selection', expression: options.selection };
  const slow = options.slow!;
  if (slow === true) return { by: 'slow', percentile: DEFAULT_PERCENTILE };
  const text = slow.trim();
  const percentile = /^p(\d+(?:\.\d+)?)$/i.exec(text);
  if (percentile !== null) {
    const p = Number(percentile[1]);
    if (!(p > 0 && p <= 100)) throw new UsageError(`--slow ${text}: the percentile must be above 0 and at most 100`);
    return { by: 'slow', percentile: p };
  }
  const above = /^(>=?)?\s*(\d.*)$/.exec(text);
  if (above !== null) {
    const ns = durationNs(above[2]!);
    if (ns === undefined) throw new UsageError(`--slow '${text}': expected pN (p90, p99.9) or '>DURATION' such as '>500ms' (units: ns, us, ms, s, m, h)`);
    return { by: 'slow', aboveNs: ns, inclusive: above[1] === '>=' };
  }
  if (/^[p>]/i.test(text)) throw new UsageError(`--slow '${text}': expected pN (p90, p99.9) or '>DURATION' such as '>500ms'`);
  // `why --slow dump.json`: commander gave the path to --slow, which takes an optional value.
  paths.unshift(slow);
  return { by: 'slow', percentile: DEFAULT_PERCENTILE };
}

/** A duration literal as `--where` reads it ("500ms", "1.5s"), in ns. */
function durationNs(text: string): number | undefined {
  try {
    const tokens = tokenize(text);
    const t = tokens[0]!;
    return tokens.length === 2 && t.type === 'duration' ? (t.value as number) : undefined;
  } catch {
    return undefined;
  }
}

/** Compiles --selection / --baseline; their syntax errors name the flag, not --where. */
function compile(flag: string, expression: string): WhereFilter {
  try {
    return whereFilter(expression);
  } catch (err) {
    if (err instanceof QuerySyntaxError) throw new UsageError(err.message.replace(/^--where:/, `${flag}:`));
    throw err;
  }
}

/** The span's own fields an expression reads, as the key filter names them. */
function fieldUses(expression: string): FieldUse[] {
  const out: FieldUse[] = [];
  for (const f of exprFields(expression, parseWhere(expression))) {
    const use = fieldUse(f);
    if (use !== undefined) out.push(use);
  }
  return out;
}

function fieldUse(f: FieldRef): FieldUse | undefined {
  if (f.scope !== 'span') return undefined;
  if ('key' in f) return { scope: f.name === 'attr' ? 'span' : f.name === 'resource' ? 'resource' : 'any', key: f.key };
  switch (f.name) {
    case 'service':
    case 'kind':
    case 'status':
    case 'duration':
      return { scope: 'intrinsic', key: f.name };
    case 'name':
      return { scope: 'intrinsic', key: 'operation' };
    case 'error':
      return { scope: 'intrinsic', key: 'status' };
    default:
      return undefined;
  }
}

/** An empty side, or nothing compared at all, is a usage error (exit 2) that says how many each side had. */
function checkSides(result: WhyResult, read: number): void {
  const { selection, baseline, compared } = result;
  if (compared.spans === 0) {
    throw new UsageError(compared.rule === null ? 'no spans to compare' : `--where matches none of the ${count(read)} read`);
  }
  if (selection.spans > 0 && baseline.spans > 0) return;
  if (selection.spans + baseline.spans === 0 && compared.untimedSpans === compared.spans) {
    throw new UsageError(`nothing to compare: none of the ${count(compared.spans)} compared has a duration`);
  }
  const untimed = compared.untimedSpans > 0 ? `; ${count(compared.untimedSpans)} without a duration left out` : '';
  const which = selection.spans === 0 && baseline.spans === 0 ? 'both sides are' : selection.spans === 0 ? 'the selection is' : 'the baseline is';
  throw new UsageError(
    `nothing to compare: ${which} empty: the selection (${selection.rule}) has ${count(selection.spans)} and the baseline (${baseline.rule}) has ${count(baseline.spans)}${untimed}`,
  );
}

function count(n: number): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? 'span' : 'spans'}`;
}

/**
 * `tracectl why clickhouse://…`: the counts per attribute value on each side computed in ClickHouse
 * (backends/clickhouse/why-query.ts), then merged into the same analysis a dump's counts go to and
 * ranked by the same code, so the findings are those of the same spans read from a dump.
 */
import { DEFAULT_VALUE_CAP } from '../../analyses/why/attribute-tally.js';
import { bucketEdgeNs, durationBucket } from '../../analyses/why/duration-buckets.js';
import { WhyAnalysis, type WhyOptions } from '../../analyses/why/why-analysis.js';
import type { WhyResult } from '../../analyses/why/why-result.js';
import { whySnapshotFromRows, whyStatements, whySummaryFromRow, type WhySqlSpec } from '../../backends/clickhouse/why-query.js';
import type { TableFlags } from '../common-options.js';
import type { RunContext } from '../run-context.js';
import { TableSession, withTableSession } from '../table-session.js';

export interface WhyOnTable {
  readonly analysis: WhyAnalysis;
  readonly result: WhyResult;
  /** Spans of the range (before --where). */
  readonly read: number;
}

/** The analysis of the table's spans, or undefined when --explain printed the statements instead. */
export async function whyOnTable(paths: readonly string[], options: TableFlags, ctx: RunContext, whyOptions: WhyOptions): Promise<WhyOnTable | undefined> {
  const session = TableSession.open(paths, options, ctx);
  const spec = (scopeColumns: boolean): WhySqlSpec => ({
    rule: whyOptions.rule,
    where: whyOptions.where,
    baseline: whyOptions.baseline,
    valueCap: whyOptions.valueCap ?? DEFAULT_VALUE_CAP,
    scopeColumns,
  });
  // The plan shows the statements for the exporter's current schema (with the scope columns).
  const planned = whyStatements(session.scope, spec(true));
  if (session.printPlan([planned.summary, planned.counts])) return undefined;
  return withTableSession(session, async (s) => {
    const shape = await s.shape();
    const statements = whyStatements(session.scope, spec(shape.scopeColumns));
    const summary = whySummaryFromRow((await s.rows(statements.summary))[0]);
    const rows = await s.rows(statements.counts);
    const rule = whyOptions.rule;
    const percentile = rule.by === 'slow' && 'percentile' in rule ? rule.percentile : undefined;
    if (percentile !== undefined && summary.compared > 0 && bucketEdgeNs(durationBucket(summary.percentileNs ?? -1)) !== summary.thresholdNs) {
      throw new Error(`why: ClickHouse cut the p${percentile} ${summary.percentileNs} ns to ${summary.thresholdNs} ns, not ${bucketEdgeNs(durationBucket(summary.percentileNs ?? 0))}`);
    }
    // The threshold is known: the spans were put on their sides against it, as by `--slow '>=T'`.
    const analysis = new WhyAnalysis(percentile === undefined ? whyOptions : { ...whyOptions, rule: { by: 'slow', aboveNs: summary.thresholdNs ?? 0, inclusive: true } });
    analysis.merge(whySnapshotFromRows(rows, summary, whyOptions.valueCap ?? DEFAULT_VALUE_CAP));
    const result = analysis.result();
    if (percentile === undefined) return { analysis, result, read: summary.read };
    const { spans, rule: text, thresholdMs } = result.selection;
    return { analysis, result: { ...result, selection: { spans, rule: text, by: 'slow', percentile, ...(thresholdMs !== undefined ? { thresholdMs } : {}) } }, read: summary.read };
  });
}

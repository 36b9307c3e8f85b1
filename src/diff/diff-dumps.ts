/**
 * Two dumps side by side — before and after a change — per service and operation: count, error rate,
 * p50/p90/p99 in each and the deltas, and whether the change is more than chance:
 *
 * - latency: the Mann-Whitney U test over every duration of the operation in each dump
 *   (mann-whitney.ts); `effect` > 0 means the head tends to be slower;
 * - error rate: the two-proportion z-test (two-proportion.ts);
 * - "significant" is a p-value below `alpha` after Holm's correction over all the tests of the diff
 *   (holm.ts), so many operations do not produce false alarms by sheer number.
 *
 * Impact, which orders the rows, puts a latency change and an error-rate change on one scale: the
 * relative change of the percentile (p50, p90 or p99) that moved most, or the change of the error
 * rate in points, whichever is larger — a p99 twice as slow (+100%) weighs like an error rate going
 * from 0 to 100%. Significant rows come first, then by impact. `threshold` hides rows whose impact is
 * below it. Operations found in only one dump are listed apart (appeared, disappeared), and so are
 * the changes in critical-path share (CRISP-style, over every operation on the paths).
 */
import { DIFF_PERCENTILES, type DumpProfile, type OperationProfile } from './dump-profile.js';
import { holmSignificant } from './holm.js';
import { mannWhitneyU } from './mann-whitney.js';
import { twoProportionTest } from './two-proportion.js';

interface OperationSide {
  readonly count: number;
  readonly errors: number;
  /** 0..1 */
  readonly errorRate: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
}

interface LatencyTest {
  /** Mann-Whitney U of the head sample against the base sample. */
  readonly u: number;
  readonly z: number;
  readonly pValue: number;
  readonly method: 'exact' | 'normal';
  /** Rank-biserial correlation, −1..1: > 0 the head tends to be slower. */
  readonly effect: number;
  readonly significant: boolean;
}

interface ErrorRateTest {
  readonly z: number;
  readonly pValue: number;
  readonly significant: boolean;
}

export interface OperationDiff {
  readonly service: string;
  readonly operation: string;
  readonly base: OperationSide;
  readonly head: OperationSide;
  readonly p50DeltaMs: number;
  readonly p90DeltaMs: number;
  readonly p99DeltaMs: number;
  /**
   * Relative change (head / base − 1) of the percentile among p50, p90, p99 that moved most:
   * 1 = twice as slow, −0.5 = twice as fast; null when that percentile rose from 0.
   */
  readonly latencyChange: number | null;
  /** head − base error rate, in points of 0..1 (0.25 = 25 points more). */
  readonly errorRateDelta: number;
  readonly latency: LatencyTest;
  readonly errorRate: ErrorRateTest;
  /** max(|latencyChange|, |errorRateDelta|); a percentile rising from 0 counts 1. */
  readonly impact: number;
  /** Significantly slower, or a significantly higher error rate. */
  readonly regression: boolean;
}

export interface OperationSummary extends OperationSide {
  readonly service: string;
  readonly operation: string;
}

interface CriticalShareChange {
  readonly service: string;
  readonly operation: string;
  /** Share (0..1) of all critical-path time in each dump. */
  readonly baseShare: number;
  readonly headShare: number;
  /** headShare − baseShare, in points of 0..1. */
  readonly shareDelta: number;
}

export interface DumpDiff {
  readonly mode: 'dumps';
  readonly spans: 'entry' | 'all';
  readonly alpha: number;
  readonly threshold: number;
  readonly base: { readonly traces: number; readonly operations: number };
  readonly head: { readonly traces: number; readonly operations: number };
  /** Operations in both dumps with impact >= threshold: significant first, then by impact. */
  readonly operations: OperationDiff[];
  /** Operations in both dumps left out by the threshold. */
  readonly hidden: number;
  /** Only in the head dump, most requests first. */
  readonly appeared: OperationSummary[];
  /** Only in the base dump, most requests first. */
  readonly disappeared: OperationSummary[];
  /** |shareDelta| >= threshold, largest change first. */
  readonly criticalPath: CriticalShareChange[];
  /** Rows of `operations` that are regressions. */
  readonly regressions: number;
}

export interface DiffDumpsOptions {
  /** Significance level, after Holm's correction (default 0.01). */
  readonly alpha?: number;
  /** Hide changes whose impact is below this (0..; default 0: show all). */
  readonly threshold?: number;
}

const DEFAULT_ALPHA = 0.01;

export function diffDumps(base: DumpProfile, head: DumpProfile, options: DiffDumpsOptions = {}): DumpDiff {
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const threshold = options.threshold ?? 0;

  const pairs: { key: string; base: OperationProfile; head: OperationProfile }[] = [];
  const disappeared: OperationSummary[] = [];
  for (const [key, b] of base.operations) {
    const h = head.operations.get(key);
    if (h === undefined) disappeared.push(summary(b));
    else pairs.push({ key, base: b, head: h });
  }
  const appeared = [...head.operations].filter(([key]) => !base.operations.has(key)).map(([, h]) => summary(h));

  const tested = pairs.map((p) => ({
    ...p,
    mw: mannWhitneyU(p.base.durationsNs, p.head.durationsNs),
    errors: twoProportionTest(p.base.group.errors, p.base.group.count, p.head.group.errors, p.head.group.count),
  }));
  const significant = holmSignificant(
    tested.flatMap((t) => [t.mw.pValue, t.errors.pValue]),
    alpha,
  );

  const all = tested.map((t, i): OperationDiff => {
    const b = side(t.base);
    const h = side(t.head);
    const latencyChange = largestChange(b, h);
    const errorRateDelta = h.errorRate - b.errorRate;
    const latency: LatencyTest = { u: t.mw.u, z: t.mw.z, pValue: t.mw.pValue, method: t.mw.method, effect: t.mw.effect, significant: significant[2 * i]! };
    const errorRate: ErrorRateTest = { z: t.errors.z, pValue: t.errors.pValue, significant: significant[2 * i + 1]! };
    return {
      service: t.base.group.service,
      operation: t.base.group.operation ?? '',
      base: b,
      head: h,
      p50DeltaMs: h.p50Ms - b.p50Ms,
      p90DeltaMs: h.p90Ms - b.p90Ms,
      p99DeltaMs: h.p99Ms - b.p99Ms,
      latencyChange,
      errorRateDelta,
      latency,
      errorRate,
      impact: Math.max(latencyChange === null ? 1 : Math.abs(latencyChange), Math.abs(errorRateDelta)),
      regression: (latency.significant && latency.effect > 0) || (errorRate.significant && errorRateDelta > 0),
    };
  });
  const shown = all.filter((d) => d.impact >= threshold).sort(byImportance);
  const bySize = (a: OperationSummary, b: OperationSummary): number => b.count - a.count || byName(a, b);

  return {
    mode: 'dumps',
    spans: base.spans,
    alpha,
    threshold,
    base: { traces: base.traces, operations: base.operations.size },
    head: { traces: head.traces, operations: head.operations.size },
    operations: shown,
    hidden: all.length - shown.length,
    appeared: appeared.sort(bySize),
    disappeared: disappeared.sort(bySize),
    criticalPath: criticalChanges(base, head).filter((c) => Math.abs(c.shareDelta) >= threshold),
    regressions: shown.filter((d) => d.regression).length,
  };
}

function side(p: OperationProfile): OperationSide {
  const g = p.group;
  const [p50, p90, p99] = DIFF_PERCENTILES.map((q) => g.percentilesMs[String(q)]!);
  return { count: g.count, errors: g.errors, errorRate: g.errorRate, p50Ms: p50!, p90Ms: p90!, p99Ms: p99! };
}

function summary(p: OperationProfile): OperationSummary {
  return { service: p.group.service, operation: p.group.operation ?? '', ...side(p) };
}

/** The relative change of the percentile that moved most; null when one rose from 0 (an unbounded change). */
function largestChange(b: OperationSide, h: OperationSide): number | null {
  let best = 0;
  for (const [x, y] of [
    [b.p50Ms, h.p50Ms],
    [b.p90Ms, h.p90Ms],
    [b.p99Ms, h.p99Ms],
  ] as const) {
    if (x === 0) {
      if (y !== 0) return null;
      continue;
    }
    const change = y / x - 1;
    if (Math.abs(change) > Math.abs(best)) best = change;
  }
  return best;
}

function byImportance(a: OperationDiff, b: OperationDiff): number {
  const sig = (d: OperationDiff): number => (d.latency.significant || d.errorRate.significant ? 1 : 0);
  return sig(b) - sig(a) || b.impact - a.impact || byName(a, b);
}

function byName(a: { service: string; operation: string }, b: { service: string; operation: string }): number {
  return compare(a.service, b.service) || compare(a.operation, b.operation);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function criticalChanges(base: DumpProfile, head: DumpProfile): CriticalShareChange[] {
  const keys = new Set([...base.criticalShares.keys(), ...head.criticalShares.keys()]);
  const out: CriticalShareChange[] = [];
  for (const key of keys) {
    const b = base.criticalShares.get(key);
    const h = head.criticalShares.get(key);
    const named = (b ?? h)!;
    const baseShare = b?.share ?? 0;
    const headShare = h?.share ?? 0;
    out.push({ service: named.service, operation: named.operation, baseShare, headShare, shareDelta: headShare - baseShare });
  }
  return out.sort((a, b) => Math.abs(b.shareDelta) - Math.abs(a.shareDelta) || byName(a, b));
}

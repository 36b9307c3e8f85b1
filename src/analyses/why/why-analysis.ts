/**
 * `tracectl why`: what is different about the slow (or failing, or selected) spans. Every span the
 * command compares is fed to `add` once, in any order; `result()` then splits the counts into the
 * selection and the baseline and ranks what separates them (rank-findings.ts).
 *
 * Every rule but `--slow pN` puts a span on its side at once. `--slow pN` cannot: the threshold is
 * the pN of all the spans, known after the last one. So the exact histogram of durations (three
 * significant digits, duration-buckets.ts) is kept, and the spans are counted by where they fall
 * against an interval of durations that holds the threshold: below it, on the baseline side; above
 * it, on the selection side; inside it, under their own duration bucket ("fine"), to be split once
 * the threshold is known. The interval starts as every duration; whenever the fine counts exceed
 * their budget, it narrows around the running pN estimate to hold half of the fine spans, but never
 * less than half to twice the estimate, and the fine counts it leaves are settled into sides. Most spans are then counted as cheaply as under
 * `--errors`, and the split is exact as long as the final pN lies in the last interval — always on a
 * dump whose fine counts fit the budget, and otherwise unless the pN moved out of an interval that
 * held half the spans around it and a factor of two either side (durations that keep rising through
 * the dump can do that). If it did, the threshold is the interval's nearest edge (still
 * exact for the rule printed) and the result says the pN itself.
 *
 * With `--baseline`, the baseline is the spans that match it and are not in the selection; spans in
 * neither are counted and left out.
 */
import type { LeanAttributes, LeanSpan } from '../../model/lean-span.js';
import type { Span } from '../../model/span.js';
import { nearestRankIndex } from '../percentile.js';
import { AttributeTally, FINE_BASE, type TallySnapshot } from './attribute-tally.js';
import { bucketEdgeNs, DURATION_BUCKETS, durationBucket } from './duration-buckets.js';
import { KeyFilter, type KeyFilterOptions } from './key-filter.js';
import { rankFindings } from './rank-findings.js';
import { andWhere, durationLiteral, notWhere } from './where-text.js';
import type { WhyResult, WhySelection } from './why-result.js';

export type WhyRule =
  /** `--slow pN`. */
  | { readonly by: 'slow'; readonly percentile: number }
  /** `--slow '>D'` (or `'>=D'` with `inclusive`). */
  | { readonly by: 'slow'; readonly aboveNs: number; readonly inclusive: boolean }
  | { readonly by: 'errors' }
  | { readonly by: 'selection'; readonly expression: string };

export interface WhyOptions {
  readonly rule: WhyRule;
  /** `--baseline`: the baseline is the spans that match it (and are not selected). */
  readonly baseline?: string;
  /** `--where`, for the rules shown (the caller applies it). */
  readonly where?: string;
  /** Which keys are compared (plain data, so the options can be sent to a worker as they are). */
  readonly filter: KeyFilterOptions;
  /** Findings kept. */
  readonly top: number;
  readonly valueCap?: number;
  readonly keyCap?: number;
  /** `--slow pN`: fine entries (value or bin, duration bucket) kept before the interval narrows. */
  readonly fineBudget?: number;
}

export interface WhySnapshot {
  readonly tally: TallySnapshot;
  readonly compared: number;
  readonly untimed: number;
  readonly neither: number;
  /** `--slow pN`: the duration histogram and the fine interval [lo, hi) of bucket indexes. */
  readonly histogram?: number[];
  readonly lo?: number;
  readonly hi?: number;
}

const SELECTION = 1;
const BASELINE = 0;
/** model/lean-span.ts TIMINGS ('no-duration', then 'missing') and STATUSES ('error'). */
const TIMING_NO_DURATION = 2;
const STATUS_ERROR = 2;
/**
 * Fine entries kept before the interval narrows (about a megabyte of tables). On the bench's dumps
 * a budget of 4,096 already gives the unbounded result at p50, p90 and p99; this one is sixteen
 * times that, and takes most of the per-bucket cost off all but the spans near the threshold.
 */
const DEFAULT_FINE_BUDGET = 1 << 16;
/** Spans between two looks at the fine budget. */
const CHECK_EVERY = 4096;

export class WhyAnalysis {
  private readonly tally: AttributeTally;
  private readonly percentile: number | undefined;
  private compared = 0;
  private untimed = 0;
  private neither = 0;
  /** `--slow pN`: spans per duration bucket, and the fine interval [lo, hi). */
  private readonly histogram: Float64Array | undefined;
  private lo = 0;
  private hi = DURATION_BUCKETS;
  private fineBudget: number;
  private sinceCheck = 0;
  /** Merged intervals did not overlap: counts next to the threshold are not exact. */
  private approximate = false;

  constructor(private readonly options: WhyOptions) {
    const rule = options.rule;
    this.percentile = rule.by === 'slow' && 'percentile' in rule ? rule.percentile : undefined;
    this.histogram = this.percentile !== undefined ? new Float64Array(DURATION_BUCKETS) : undefined;
    this.fineBudget = options.fineBudget ?? DEFAULT_FINE_BUDGET;
    this.tally = new AttributeTally({
      fineClasses: this.percentile !== undefined ? DURATION_BUCKETS * 2 : 0,
      filter: new KeyFilter(options.filter),
      ...(options.valueCap !== undefined ? { valueCap: options.valueCap } : {}),
      ...(options.keyCap !== undefined ? { keyCap: options.keyCap } : {}),
    });
  }

  /** Keys beyond the key cap, counted per value met: reported, not compared. */
  get droppedKeyValues(): number {
    return this.tally.droppedKeys;
  }

  /** Keys that reached the value cap: key, scope, folds, and how low a kept count may be. */
  *foldedKeys(): Generator<{ key: string; scope: string; folds: number; maxLoss: number; numeric: boolean }> {
    // A key whose every value was unique is reported as skipped: folding lost it nothing.
    for (const t of this.tally.keys()) {
      if (t.folds > 0 && t.maxTotal > 1) yield { key: t.key, scope: t.scope, folds: t.folds, maxLoss: t.foldLoss, numeric: t.numericDistinct > 0 };
    }
  }

  /**
   * One compared span. `durationNs`: what the span's duration is taken to be (the tree's, when the
   * caller built trees). `selected` and `inBaseline`: the expressions' verdicts, when needed.
   */
  add(span: Span, durationNs: number, selected = false, inBaseline = true): void {
    const cls = this.classOf(span.timing === 'missing' || span.timing === 'no-duration', span.status === 'error', durationNs, selected, inBaseline);
    if (cls < 0) return;
    this.tally.add(span, durationNs, cls);
    if (cls >= FINE_BASE) this.checkFine();
  }

  /**
   * One compared span as a fast reader gives it (compact fields, attributes in arrays): counted as
   * `add` counts the Span the ordinary reading makes of it. For a reading with no expressions.
   */
  addLean(span: LeanSpan, attributes: LeanAttributes): void {
    const cls = this.classOf(span.timing >= TIMING_NO_DURATION, span.status === STATUS_ERROR, span.durationNs, false, true);
    if (cls < 0) return;
    this.tally.addLean(span, attributes, cls);
    if (cls >= FINE_BASE) this.checkFine();
  }

  /** Counts the span in the side counts and says its class, or −1 when it is counted in neither side (nor fine). */
  private classOf(untimed: boolean, failed: boolean, durationNs: number, selected: boolean, inBaseline: boolean): number {
    this.compared++;
    const rule = this.options.rule;
    const baselineOk = this.options.baseline === undefined || inBaseline;
    if (rule.by === 'slow') {
      if (untimed) {
        this.untimed++;
        return -1;
      }
      if (this.histogram !== undefined) {
        const bucket = durationBucket(durationNs);
        this.histogram[bucket]!++;
        if (bucket >= this.hi) return SELECTION;
        if (bucket < this.lo) {
          if (baselineOk) return BASELINE;
          this.neither++;
          return -1;
        }
        return FINE_BASE + bucket * 2 + (baselineOk ? 1 : 0);
      }
      if ('aboveNs' in rule) selected = rule.inclusive ? durationNs >= rule.aboveNs : durationNs > rule.aboveNs;
    } else if (rule.by === 'errors') {
      selected = failed;
    }
    if (selected) return SELECTION;
    if (baselineOk) return BASELINE;
    this.neither++;
    return -1;
  }

  /** After a fine count: now and then, narrow the fine interval if its counts are over budget. */
  private checkFine(): void {
    if (++this.sinceCheck >= CHECK_EVERY) {
      this.sinceCheck = 0;
      if (this.tally.fineSize() > this.fineBudget) this.narrow();
    }
  }

  /** The counts so far as plain data (a parse worker's, sent to the main thread). */
  snapshot(): WhySnapshot {
    return {
      tally: this.tally.snapshot(),
      compared: this.compared,
      untimed: this.untimed,
      neither: this.neither,
      ...(this.histogram !== undefined ? { histogram: [...this.histogram], lo: this.lo, hi: this.hi } : {}),
    };
  }

  /** Adds the counts of an analysis made with the same options (another thread's). */
  merge(s: WhySnapshot): void {
    this.compared += s.compared;
    this.untimed += s.untimed;
    this.neither += s.neither;
    if (this.histogram === undefined || s.histogram === undefined) {
      this.tally.merge(s.tally);
      return;
    }
    for (let b = 0; b < s.histogram.length; b++) this.histogram[b]! += s.histogram[b]!;
    // Both sides' side counts are exact for a threshold in both intervals: keep their overlap.
    const lo = Math.max(this.lo, s.lo!);
    let hi = Math.min(this.hi, s.hi!);
    if (lo > hi) {
      this.approximate = true;
      hi = lo;
    }
    this.settleOutside(lo, hi);
    const mapClass = (cls: number): number => {
      if (cls < FINE_BASE) return cls;
      const fc = cls - FINE_BASE;
      const side = sideAgainst(fc, lo, hi);
      return side === undefined ? cls : side;
    };
    for (let c = FINE_BASE; c < s.tally.classSpans.length; c++) if (mapClass(c) < 0) this.neither += s.tally.classSpans[c]!;
    this.tally.merge(s.tally, mapClass);
  }

  result(): WhyResult {
    const selection = this.decide();
    const spans = this.tally.classSpans;
    const selectionSpans = spans[SELECTION]!;
    const baselineSpans = spans[BASELINE]!;
    const baselineRule = this.options.baseline === undefined ? negate(selection.rule) : andWhere(this.options.baseline, negate(selection.rule));
    const ranked =
      selectionSpans > 0 && baselineSpans > 0
        ? rankFindings({ tally: this.tally, selectionSpans, baselineSpans, top: this.options.top })
        : { attributes: [], skipped: [], candidates: 0 };
    const where = this.options.where;
    const attributes = where === undefined ? ranked.attributes : ranked.attributes.map((f) => ({ ...f, where: andWhere(where, f.where) }));
    return {
      selection: { spans: selectionSpans, ...selection },
      baseline: { spans: baselineSpans, rule: baselineRule, by: this.options.baseline === undefined ? 'rest' : 'expression' },
      compared: { spans: this.compared, rule: this.options.where ?? null, untimedSpans: this.untimed, otherSpans: this.neither },
      candidates: ranked.candidates,
      attributes,
      skipped: ranked.skipped,
    };
  }

  /** Settles every count on its side (under `--slow pN`, at the threshold) and says the selection's rule. */
  private decide(): Omit<WhySelection, 'spans'> {
    const rule = this.options.rule;
    if (this.histogram !== undefined) {
      let timed = 0;
      for (const n of this.histogram) timed += n;
      const pN = timed > 0 ? this.rankBucket(timed) : 0;
      // The nearest edge of the interval, if the pN left it: the counts are exact for that.
      const t = Math.min(Math.max(pN, this.lo), this.hi);
      this.settleOutside(t, t);
      const edge = bucketEdgeNs(t);
      return {
        rule: `duration >= ${durationLiteral(edge)}`,
        by: 'slow',
        percentile: this.percentile!,
        thresholdMs: edge / 1e6,
        ...(t !== pN ? { percentileMs: bucketEdgeNs(pN) / 1e6 } : {}),
        ...(this.approximate ? { approximate: true } : {}),
      };
    }
    if (rule.by === 'slow' && 'aboveNs' in rule) {
      const op = rule.inclusive ? '>=' : '>';
      return { rule: `duration ${op} ${durationLiteral(rule.aboveNs)}`, by: 'slow', thresholdMs: rule.aboveNs / 1e6 };
    }
    if (rule.by === 'errors') return { rule: 'status = error', by: 'errors' };
    return { rule: 'expression' in rule ? rule.expression : '', by: 'selection' };
  }

  /** The bucket of the nearest-rank pN: the first whose cumulative count passes its index. */
  private rankBucket(timed: number): number {
    const index = nearestRankIndex(timed, this.percentile!);
    let seen = 0;
    for (let b = 0; b < DURATION_BUCKETS; b++) {
      seen += this.histogram![b]!;
      if (seen > index) return b;
    }
    return DURATION_BUCKETS - 1;
  }

  /** Narrows the fine interval around the running pN estimate to half of the fine spans. */
  private narrow(): void {
    const spans = this.tally.classSpans;
    const inBucket = (b: number): number => spans[FINE_BASE + b * 2]! + spans[FINE_BASE + b * 2 + 1]!;
    let timed = 0;
    for (const n of this.histogram!) timed += n;
    const estimate = Math.min(Math.max(this.rankBucket(timed), this.lo), this.hi - 1);
    let inside = 0;
    for (let b = this.lo; b < this.hi; b++) inside += inBucket(b);
    // At least a factor of two either side of the estimate, and half the fine spans.
    let lo = Math.max(this.lo, durationBucket(bucketEdgeNs(estimate) / 2));
    let hi = Math.min(this.hi, durationBucket(bucketEdgeNs(estimate) * 2) + 1);
    let held = 0;
    for (let b = lo; b < hi; b++) held += inBucket(b);
    for (let down = true; held < inside / 2 && (lo > this.lo || hi < this.hi); down = !down) {
      if ((down && lo > this.lo) || hi >= this.hi) held += inBucket(--lo);
      else held += inBucket(hi++);
    }
    if (lo === this.lo && hi === this.hi) {
      // Nothing to let go of (one bucket holds most spans): allow more before looking again.
      this.fineBudget *= 2;
      return;
    }
    this.settleOutside(lo, hi);
  }

  /** Makes [lo, hi) the fine interval: fine counts outside it go to their side. */
  private settleOutside(lo: number, hi: number): void {
    this.neither += this.tally.settle((fc) => sideAgainst(fc, lo, hi));
    this.lo = lo;
    this.hi = hi;
  }
}

/** The side of a fine class against the interval [lo, hi): undefined inside it, −1 for neither side. */
function sideAgainst(fineClass: number, lo: number, hi: number): number | undefined {
  const bucket = fineClass >> 1;
  if (bucket >= hi) return SELECTION;
  if (bucket >= lo) return undefined;
  return (fineClass & 1) === 1 ? BASELINE : -1;
}

/** The complement of a selection rule, as readable as it can be put. */
function negate(rule: string): string {
  const simple = /^duration (>=|>) (\S+)$/.exec(rule);
  if (simple !== null) return `duration ${simple[1] === '>=' ? '<' : '<='} ${simple[2]}`;
  if (rule === 'status = error') return 'status != error';
  return notWhere(rule);
}

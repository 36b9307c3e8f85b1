/**
 * `tracectl why`: what is different about the slow (or failing, or selected) spans. Every span the
 * command compares is fed to `add` once, in any order; `result()` then splits the counts into the
 * selection and the baseline and ranks what separates them (rank-findings.ts).
 *
 * The selection under `--slow pN` cannot be known before the last span (the threshold is the pN of
 * them all), so each span is counted under its duration bucket (duration-buckets.ts) and the buckets
 * are split at the threshold afterwards; every other rule puts a span on its side at once. With
 * `--baseline`, the baseline is the spans that match it and are not in the selection; spans that are
 * in neither are counted and left out.
 */
import type { Span } from '../../model/span.js';
import { nearestRankIndex } from '../percentile.js';
import { AttributeTally, type TallySnapshot } from './attribute-tally.js';
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
}

export interface WhySnapshot {
  readonly tally: TallySnapshot;
  readonly compared: number;
  readonly untimed: number;
  readonly neither: number;
}

const SELECTION = 1;
const BASELINE = 0;

export class WhyAnalysis {
  private readonly tally: AttributeTally;
  private readonly byBucket: boolean;
  private compared = 0;
  private untimed = 0;
  private neither = 0;

  constructor(private readonly options: WhyOptions) {
    const rule = options.rule;
    this.byBucket = rule.by === 'slow' && 'percentile' in rule;
    const classes = this.byBucket ? DURATION_BUCKETS * (options.baseline !== undefined ? 2 : 1) : 2;
    this.tally = new AttributeTally({
      classes,
      filter: new KeyFilter(options.filter),
      ...(options.valueCap !== undefined ? { valueCap: options.valueCap } : {}),
      ...(options.keyCap !== undefined ? { keyCap: options.keyCap } : {}),
    });
  }

  /** Whether `add` needs `selected` (a `--selection` expression's verdict) for its spans. */
  get needsSelection(): boolean {
    return this.options.rule.by === 'selection';
  }

  /** Whether `add` needs `inBaseline` (the `--baseline` expression's verdict). */
  get needsBaseline(): boolean {
    return this.options.baseline !== undefined;
  }

  /** Keys beyond the key cap, counted per value met: reported, not compared. */
  get droppedKeyValues(): number {
    return this.tally.droppedKeys;
  }

  /** Keys that reached the value cap: key, scope, folds, and how low a kept count may be. */
  *foldedKeys(): Generator<{ key: string; scope: string; folds: number; maxLoss: number }> {
    // A key whose every value was unique is reported as skipped: folding lost it nothing.
    for (const t of this.tally.keys()) if (t.folds > 0 && t.maxTotal > 1) yield { key: t.key, scope: t.scope, folds: t.folds, maxLoss: t.foldLoss };
  }

  /**
   * One compared span. `durationNs`: what the span's duration is taken to be (the tree's, when the
   * caller built trees). `selected` and `inBaseline`: the expressions' verdicts, when needed.
   */
  add(span: Span, durationNs: number, selected = false, inBaseline = true): void {
    this.compared++;
    const rule = this.options.rule;
    const baselineOk = this.options.baseline === undefined || inBaseline;
    if (rule.by === 'slow') {
      if (span.timing === 'missing' || span.timing === 'no-duration') {
        this.untimed++;
        return;
      }
      if ('percentile' in rule) {
        const bucket = durationBucket(durationNs);
        this.tally.add(span, durationNs, this.options.baseline === undefined ? bucket : bucket * 2 + (inBaseline ? 1 : 0));
        return;
      }
      selected = rule.inclusive ? durationNs >= rule.aboveNs : durationNs > rule.aboveNs;
    } else if (rule.by === 'errors') {
      selected = span.status === 'error';
    }
    if (selected) this.tally.add(span, durationNs, SELECTION);
    else if (baselineOk) this.tally.add(span, durationNs, BASELINE);
    else this.neither++;
  }

  /** The counts so far as plain data (a parse worker's, sent to the main thread). */
  snapshot(): WhySnapshot {
    return { tally: this.tally.snapshot(), compared: this.compared, untimed: this.untimed, neither: this.neither };
  }

  /** Adds the counts of an analysis made with the same options (another thread's). */
  merge(s: WhySnapshot): void {
    this.tally.merge(s.tally);
    this.compared += s.compared;
    this.untimed += s.untimed;
    this.neither += s.neither;
  }

  result(): WhyResult {
    const { sideOf, selection } = this.sides();
    let selectionSpans = 0;
    let baselineSpans = 0;
    let neither = this.neither;
    const classSpans = this.tally.classSpans;
    for (let c = 0; c < classSpans.length; c++) {
      if (sideOf[c] === SELECTION) selectionSpans += classSpans[c]!;
      else if (sideOf[c] === BASELINE) baselineSpans += classSpans[c]!;
      else neither += classSpans[c]!;
    }
    const baselineRule = this.options.baseline === undefined ? negate(selection.rule) : andWhere(this.options.baseline, negate(selection.rule));
    const ranked =
      selectionSpans > 0 && baselineSpans > 0
        ? rankFindings({ tally: this.tally, sideOf, selectionSpans, baselineSpans, top: this.options.top })
        : { attributes: [], skipped: [], candidates: 0 };
    const where = this.options.where;
    const attributes = where === undefined ? ranked.attributes : ranked.attributes.map((f) => ({ ...f, where: andWhere(where, f.where) }));
    return {
      selection: { spans: selectionSpans, ...selection },
      baseline: { spans: baselineSpans, rule: baselineRule, by: this.options.baseline === undefined ? 'rest' : 'expression' },
      compared: { spans: this.compared, rule: this.options.where ?? null, untimedSpans: this.untimed, otherSpans: neither },
      candidates: ranked.candidates,
      attributes,
      skipped: ranked.skipped,
    };
  }

  /** Which side each class is on, and the selection's rule. */
  private sides(): { sideOf: Int8Array; selection: Omit<WhySelection, 'spans'> } {
    const rule = this.options.rule;
    const classSpans = this.tally.classSpans;
    const sideOf = new Int8Array(classSpans.length).fill(-1);
    if (rule.by === 'slow' && 'percentile' in rule) {
      const paired = this.options.baseline !== undefined;
      const perBucket = new Float64Array(DURATION_BUCKETS);
      for (let c = 0; c < classSpans.length; c++) perBucket[paired ? c >> 1 : c]! += classSpans[c]!;
      let timed = 0;
      for (const n of perBucket) timed += n;
      // The bucket of the nearest-rank pN: the first whose cumulative count passes its index.
      let threshold = 0;
      if (timed > 0) {
        const index = nearestRankIndex(timed, rule.percentile);
        let seen = 0;
        for (let b = 0; b < DURATION_BUCKETS; b++) {
          seen += perBucket[b]!;
          if (seen > index) {
            threshold = b;
            break;
          }
        }
      }
      for (let c = 0; c < classSpans.length; c++) {
        const bucket = paired ? c >> 1 : c;
        sideOf[c] = bucket >= threshold ? SELECTION : !paired || (c & 1) === 1 ? BASELINE : -1;
      }
      const edge = bucketEdgeNs(threshold);
      return { sideOf, selection: { rule: `duration >= ${durationLiteral(edge)}`, by: 'slow', percentile: rule.percentile, thresholdMs: edge / 1e6 } };
    }
    sideOf[BASELINE] = BASELINE;
    sideOf[SELECTION] = SELECTION;
    if (rule.by === 'slow') {
      const op = rule.inclusive ? '>=' : '>';
      return { sideOf, selection: { rule: `duration ${op} ${durationLiteral(rule.aboveNs)}`, by: 'slow', thresholdMs: rule.aboveNs / 1e6 } };
    }
    if (rule.by === 'errors') return { sideOf, selection: { rule: 'status = error', by: 'errors' } };
    return { sideOf, selection: { rule: rule.expression, by: 'selection' } };
  }
}

/** The complement of a selection rule, as readable as it can be put. */
function negate(rule: string): string {
  const simple = /^duration (>=|>) (\S+)$/.exec(rule);
  if (simple !== null) return `duration ${simple[1] === '>=' ? '<' : '<='} ${simple[2]}`;
  if (rule === 'status = error') return 'status != error';
  return notWhere(rule);
}

/**
 * From counts to findings: every value of every compared key, and for numbers (and durations) every
 * threshold between their bins, becomes a candidate with its count in the selection and in the
 * baseline; candidates are scored (share-score.ts) with the confidence corrected for how many there
 * are, and the best come first.
 *
 * - A candidate needs at least MIN_SELECTION_COUNT selected spans and a larger share of the
 *   selection than of the baseline: a finding says what the selection has, not what it lacks (the
 *   other values of the key say that).
 * - A numeric key (nine in ten of its distinct values numbers) yields at most one threshold finding, its best (`x >= e` or `x < e`): the
 *   thresholds next to it say the same thing a little worse. Its values also compete, so a status
 *   code can show as `= 503`.
 * - Values that are equal as text (503 and "503", true and "true") are one value, as `--where`
 *   compares them.
 * - A key whose every value was seen on one span only is skipped and reported (a request id, a
 *   timestamp): it cannot separate anything. A number's thresholds are still compared.
 * - Ties (scores are rounded to 4 decimals) go to the larger difference of shares, then to the
 *   larger selection count, then to span fields before attributes before resource and scope, then
 *   by key and value, so the order is the same on every run.
 */
import type { AttributeTally, KeyTally, Scalar } from './attribute-tally.js';
import { durationLiteral, fieldText, valueLiteral } from './where-text.js';
import { bonferroniZ, shareScore } from './share-score.js';
import { binEdge, binEdgeText } from './value-bins.js';
import type { AttrScope, WhyFinding, WhySkipped } from './why-result.js';

const MIN_SELECTION_COUNT = 2;
/** A key is compared by thresholds when at least this share of its distinct values are numbers. */
const NUMERIC_SHARE = 0.9;

export interface RankInput {
  /** Counted on their sides (no fine counts left). */
  readonly tally: AttributeTally;
  readonly selectionSpans: number;
  readonly baselineSpans: number;
  readonly top: number;
}

export interface Ranked {
  readonly attributes: WhyFinding[];
  readonly skipped: WhySkipped[];
  readonly candidates: number;
}

interface Candidate {
  readonly tally: KeyTally;
  readonly value: string;
  readonly op: WhyFinding['op'];
  readonly where: string;
  readonly selectionCount: number;
  readonly baselineCount: number;
  /** Threshold candidates compete per key: only the best survives. */
  readonly threshold: boolean;
}

const SCOPE_ORDER: Readonly<Record<AttrScope, number>> = { intrinsic: 0, span: 1, resource: 2, scope: 3 };

export function rankFindings(input: RankInput): Ranked {
  const { selectionSpans: nS, baselineSpans: nB } = input;
  const skipped: WhySkipped[] = [];
  const candidates: Candidate[] = [];
  let m = 0;
  const over = (a: number, b: number): boolean => a >= MIN_SELECTION_COUNT && a * nB > b * nS;

  for (const tally of input.tally.keys()) {
    if (tally.skipped === null) continue;
    if (tally.skipped !== undefined) {
      // Attribute keys exist once seen; span fields always.
      skipped.push({ key: tally.key, scope: tally.scope, reason: tally.skipped });
      continue;
    }
    if (tally.spans === 0) {
      if (tally.unsupported > 0) skipped.push({ key: tally.key, scope: tally.scope, reason: 'its values are maps, not plain values' });
      continue;
    }
    const counts = tally.sideCounts(() => -1);

    const isDuration = tally.scope === 'intrinsic' && tally.key === 'duration';
    const unique = tally.maxTotal <= 1 && !isDuration;
    // Thresholds suit a key of numbers, not one whose values are now and then all digits (hex ids).
    const numeric = isDuration || tally.numericDistinct >= NUMERIC_SHARE * tally.distinct;
    // Values, merged by their text.
    const byText = new Map<string, { sel: number; base: number; literal: Scalar }>();
    for (const [slot, [sel, base]] of counts.values) {
      const value = tally.slotValue[slot];
      if (value === undefined) continue;
      const text = String(value);
      const known = byText.get(text);
      if (known === undefined) byText.set(text, { sel, base, literal: value });
      else {
        known.sel += sel;
        known.base += base;
        // A string literal matches numbers and strings alike: prefer it when both were seen.
        if (typeof value === 'string') known.literal = value;
      }
    }
    const bins: [number, number, number][] = numeric ? [...counts.bins].map(([bin, [sel, base]]) => [bin, sel, base]) : [];
    if (unique && bins.length < 2) {
      skipped.push({ key: tally.key, scope: tally.scope, reason: 'every value is unique' });
      continue;
    }
    if (!unique) {
      for (const [text, c] of byText) {
        if (c.sel + c.base < 2) continue;
        m++;
        if (!over(c.sel, c.base)) continue;
        candidates.push({ tally, value: text, op: '=', where: `${fieldText(tally.scope, tally.key)} = ${literalOf(tally, c.literal)}`, selectionCount: c.sel, baselineCount: c.base, threshold: false });
      }
    }
    if (bins.length >= 2) {
      bins.sort((a, b) => a[0] - b[0]);
      let selAll = 0;
      let baseAll = 0;
      for (const [, sel, base] of bins) {
        selAll += sel;
        baseAll += base;
      }
      let selBelow = bins[0]![1];
      let baseBelow = bins[0]![2];
      for (let i = 1; i < bins.length; i++) {
        const [bin, sel, base] = bins[i]!;
        const edge = isDuration ? durationLiteral(binEdge(bin)) : binEdgeText(bin);
        const field = fieldText(tally.scope, tally.key);
        m += 2;
        const geSel = selAll - selBelow;
        const geBase = baseAll - baseBelow;
        if (over(geSel, geBase)) candidates.push({ tally, value: edge, op: '>=', where: `${field} >= ${edge}`, selectionCount: geSel, baselineCount: geBase, threshold: true });
        if (over(selBelow, baseBelow)) candidates.push({ tally, value: edge, op: '<', where: `${field} < ${edge}`, selectionCount: selBelow, baselineCount: baseBelow, threshold: true });
        selBelow += sel;
        baseBelow += base;
      }
    }
  }

  const z = bonferroniZ(m);
  const scored = candidates.map((c) => {
    const score = shareScore({ selectionCount: c.selectionCount, selectionSpans: nS, baselineCount: c.baselineCount, baselineSpans: nB }, z);
    return { c, score, diff: c.selectionCount / nS - c.baselineCount / nB };
  });
  scored.sort((x, y) => y.score - x.score || y.diff - x.diff || y.c.selectionCount - x.c.selectionCount || tieBreak(x.c, y.c));
  const attributes: WhyFinding[] = [];
  const thresholdTaken = new Set<KeyTally>();
  for (const { c, score } of scored) {
    if (attributes.length >= input.top || score <= 0) break;
    if (c.threshold) {
      if (thresholdTaken.has(c.tally)) continue;
      thresholdTaken.add(c.tally);
    }
    attributes.push({
      key: c.tally.key,
      value: c.value,
      op: c.op,
      scope: c.tally.scope,
      selectionShare: c.selectionCount / nS,
      baselineShare: c.baselineCount / nB,
      selectionCount: c.selectionCount,
      baselineCount: c.baselineCount,
      score,
      where: c.where,
    });
  }
  // Keys are met in read order, which differs between threads: list them in an order of their own.
  skipped.sort((a, b) => compare(a.reason, b.reason) || SCOPE_ORDER[a.scope] - SCOPE_ORDER[b.scope] || compare(a.key, b.key));
  return { attributes, skipped, candidates: m };
}

/** Span fields' values as their words (`kind = server`, `status = error`); attributes as literals. */
function literalOf(tally: KeyTally, value: Scalar): string {
  if (tally.scope === 'intrinsic' && (tally.key === 'kind' || tally.key === 'status')) return String(value);
  if (tally.scope === 'intrinsic') return valueLiteral(String(value));
  return valueLiteral(value);
}

function tieBreak(a: Candidate, b: Candidate): number {
  return (
    SCOPE_ORDER[a.tally.scope] - SCOPE_ORDER[b.tally.scope] ||
    compare(a.tally.key, b.tally.key) ||
    compare(a.op, b.op) ||
    compare(a.value, b.value)
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

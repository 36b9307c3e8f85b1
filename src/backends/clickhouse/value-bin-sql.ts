/**
 * `why`'s numeric bins (analyses/why/value-bins.ts) in SQL, so that ClickHouse counts a number under
 * the same bin as a dump's analysis does. A bin is found from the number's decade (log10, which may
 * be a decade off) by comparing it with the 24 edges around there; each edge is computed as the
 * double its decimal text denotes: m·10^p multiplied or divided exactly for |p| <= 19 (both
 * operands exact, the result correctly rounded, as parsing the text is), parsed from its text
 * beyond (exact where the server parses floats precisely, `precise_float_parsing`).
 *
 * Durations are binned by their three-significant-digit bucket (durationBucketSql): every bin edge
 * has at most two significant digits, so a duration and its bucket's edge share a bin.
 */
import { EDGES, MANTISSAS, MIN_EXP, ZERO_BIN } from '../../analyses/why/value-bins.js';

const PER_DECADE = MANTISSAS.length;
/** Each mantissa times ten, an integer: edge = m10 · 10^(exponent − 1). */
const M10 = `[${MANTISSAS.map((m) => Math.round(Number(m) * 10)).join(', ')}]`;
const TEXTS = `[${MANTISSAS.map((m) => `'${m}'`).join(', ')}]`;

/** Positive edge `i` (0-based Int64 expression) as a Float64. */
function edgeSql(i: string): string {
  const p = `(intDiv(${i}, ${PER_DECADE}) + ${MIN_EXP - 1})`;
  const m = `toFloat64(${M10}[${i} % ${PER_DECADE} + 1])`;
  return `multiIf(${p} BETWEEN 0 AND 19, ${m} * toFloat64(intExp10(${p})), ${p} BETWEEN -19 AND -1, ${m} / toFloat64(intExp10(-${p})), toFloat64(concat(${TEXTS}[${i} % ${PER_DECADE} + 1], 'e', toString(${p} + 1))))`;
}

/**
 * value-bins.ts valueBin of the Float64 column `x` (NULL or non-finite: −1), as the columns of a
 * SELECT (`expression AS name`), the last being `bin`; each step is named so that the edges are
 * computed once.
 */
export function valueBinColumns(x: string): string[] {
  const guess = `(toInt64(floor(log10(bin_abs))) - ${MIN_EXP}) * ${PER_DECADE} + ${PER_DECADE - 1}`;
  return [
    // log10 must not see 0, infinities or NULL (toInt64 would throw): those take 1 and are decided apart.
    `if(isFinite(${x}) AND ${x} != 0, abs(${x}), 1.0) AS bin_abs`,
    // log10 may be a decade off: the edges from two decades below the guess to two above.
    `toInt64(greatest(0, least(${EDGES - 1}, ${guess}) - ${2 * PER_DECADE - 1})) AS bin_from`,
    `bin_from - 1 + arrayCount(k -> ${edgeSql('k')} <= bin_abs, range(bin_from, least(bin_from + ${4 * PER_DECADE}, ${EDGES}))) AS bin_index`,
    `if(bin_index < 0, 0, ${edgeSql('bin_index')}) AS bin_edge`,
    `toInt32(multiIf(${x} IS NULL OR NOT isFinite(${x}), -1, ${x} = 0, ${ZERO_BIN}, ${x} > 0, ${ZERO_BIN} + 1 + bin_index, ${ZERO_BIN} - 1 - least(${EDGES - 1}, bin_index + toInt64(bin_index < 0 OR bin_edge != bin_abs)))) AS bin`,
  ];
}

/**
 * duration-buckets.ts bucketEdgeNs(durationBucket(d)) of a non-negative integer expression: the
 * duration cut to three significant digits.
 */
export function durationBucketEdgeSql(d: string): string {
  const unit = `intExp10(length(toString(${d})) - 3)`;
  return `if(${d} < 1000, toUInt64(${d}), toUInt64(intDiv(toUInt64(${d}), ${unit}) * ${unit}))`;
}

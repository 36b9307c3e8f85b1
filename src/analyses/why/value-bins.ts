/**
 * Bins for numeric attribute values (and span durations), so that a distribution can yield a
 * finding a person can act on: "http.response_size >= 1000000", "duration >= 5ms".
 *
 * Edges are 1, 1.5, 2, 3, 5 and 7 times a power of ten, mirrored for negative values, and 0: six
 * a decade is fine enough that a planted threshold is found within a factor of 1.5, and the edges
 * stay numbers a person would write. Each bin is [edge, next edge). An edge's text is plain decimal
 * (no exponent), which is what the `--where` language reads, and the edge's value is parsed from that
 * text, so `attr.x >= 1.5` selects exactly the spans counted at or above the 1.5 edge.
 */

export const MANTISSAS = ['1', '1.5', '2', '3', '5', '7'] as const;
const PER_DECADE = MANTISSAS.length;
/** Decades of normal doubles, 1e-307 to 7e307 (subnormal magnitudes share the bins next to 0). */
export const MIN_EXP = -307;
const DECADES = 307 - MIN_EXP + 1;
export const EDGES = DECADES * PER_DECADE;
/** Ordinal of the bin that holds exactly 0; positive bins above, negative below. */
export const ZERO_BIN = EDGES + 1;

const edgeValues = new Float64Array(EDGES).fill(Number.NaN);

/** The plain decimal text of positive edge `i` (no exponent: the `--where` lexer reads none). */
function positiveEdgeText(i: number): string {
  const mantissa = MANTISSAS[i % PER_DECADE]!;
  const exp = Math.floor(i / PER_DECADE) + MIN_EXP;
  const [whole, frac = ''] = mantissa.split('.');
  const digits = whole! + frac;
  // value = digits × 10^(exp − frac.length)
  const shift = exp - frac.length;
  if (shift >= 0) return digits + '0'.repeat(shift);
  const point = digits.length + shift;
  const text = point > 0 ? `${digits.slice(0, point)}.${digits.slice(point)}` : `0.${'0'.repeat(-point)}${digits}`;
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

function positiveEdge(i: number): number {
  let v = edgeValues[i]!;
  if (Number.isNaN(v)) {
    v = Number(positiveEdgeText(i));
    edgeValues[i] = v;
  }
  return v;
}

/** Index of the largest positive edge <= x (x > 0), or -1 when x is below every edge. */
function positiveIndex(x: number): number {
  let exp = Math.floor(Math.log10(x));
  if (!Number.isFinite(exp)) exp = MIN_EXP;
  let i = (exp - MIN_EXP) * PER_DECADE + PER_DECADE - 1;
  if (i >= EDGES) i = EDGES - 1;
  if (i < 0) i = 0;
  // log10 is approximate: settle on the exact edges.
  while (i >= 0 && positiveEdge(i) > x) i--;
  while (i + 1 < EDGES && positiveEdge(i + 1) <= x) i++;
  return i;
}

/**
 * The bin ordinal of a finite number: ordinals grow with the bin's lower edge. Non-finite numbers
 * get -1 (no bin).
 */
export function valueBin(x: number): number {
  if (!Number.isFinite(x)) return -1;
  if (x === 0) return ZERO_BIN;
  if (x > 0) {
    const i = positiveIndex(x);
    // Below the smallest edge (subnormal): the zero bin's upper part is as good a home as any.
    return i < 0 ? ZERO_BIN : ZERO_BIN + 1 + i;
  }
  // x < 0: the bin [-E, -E') where E is the smallest edge >= |x|.
  const a = -x;
  let i = positiveIndex(a);
  if (i < 0 || positiveEdge(i) !== a) i++;
  if (i >= EDGES) i = EDGES - 1;
  return ZERO_BIN - 1 - i;
}

/** The lower edge of a bin, as a number. */
export function binEdge(bin: number): number {
  if (bin === ZERO_BIN) return 0;
  return bin > ZERO_BIN ? positiveEdge(bin - ZERO_BIN - 1) : -positiveEdge(ZERO_BIN - 1 - bin);
}

/** The lower edge of a bin as decimal text, exactly as `--where` reads it. */
export function binEdgeText(bin: number): string {
  if (bin === ZERO_BIN) return '0';
  return bin > ZERO_BIN ? positiveEdgeText(bin - ZERO_BIN - 1) : `-${positiveEdgeText(ZERO_BIN - 1 - bin)}`;
}

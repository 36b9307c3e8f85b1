/**
 * The rows of the flame graph. One row per depth would draw siblings that run at the same time
 * (parallel calls, a fan-out) on top of each other; here each span goes to the first row below its
 * parent's where nothing placed overlaps it in time, so concurrent siblings stack and their
 * subtrees follow them down. Spans are placed in tree order, each row keeps its intervals sorted by
 * start (found by binary search), and a crowd of more than MAX_LANES concurrent siblings shares
 * the last lane rather than growing the graph without end.
 */
const MAX_LANES = 32;

interface Row {
  starts: number[];
  ends: number[];
}

/** Index of the last interval starting at or before `t`, or -1. */
function lastAtOrBefore(starts: readonly number[], t: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

function overlaps(row: Row | undefined, s: number, e: number): boolean {
  if (row === undefined) return false;
  const k = lastAtOrBefore(row.starts, s);
  if (k >= 0 && row.ends[k]! > s) return true;
  return k + 1 < row.starts.length && row.starts[k + 1]! < e;
}

function insert(row: Row, s: number, e: number): void {
  const at = lastAtOrBefore(row.starts, s) + 1;
  if (at === row.starts.length) {
    row.starts.push(s);
    row.ends.push(e);
  } else {
    row.starts.splice(at, 0, s);
    row.ends.splice(at, 0, e);
  }
}

/** Each span's row (spans in depth-first order: `parent[i] < i`, -1 for roots). */
export function flameRows(parent: ArrayLike<number>, start: ArrayLike<number>, duration: ArrayLike<number>): Int32Array {
  const n = parent.length;
  const row = new Int32Array(n);
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    const s = start[i]!;
    const e = s + Math.max(duration[i]!, 1);
    const p = parent[i]!;
    const first = p < 0 ? 0 : row[p]! + 1;
    let r = first;
    while (r < first + MAX_LANES - 1 && overlaps(rows[r], s, e)) r++;
    insert((rows[r] ??= { starts: [], ends: [] }), s, e);
    row[i] = r;
  }
  return row;
}

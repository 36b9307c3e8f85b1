/**
 * One trace as the waterfall and the flame graph walk it: the payload's columns in typed arrays,
 * each span's subtree end (spans come in depth-first order, so a subtree is the range i..end[i]),
 * and the rows currently visible given what is collapsed. Collapsing skips a whole range, so the
 * visible list is rebuilt in one pass whatever the depth: no recursion, no per-row search.
 */
import { SPAN_FLAG_CRITICAL, SPAN_FLAG_ERROR, type TracePayload } from '../../src/report/report-data.js';

export class TraceModel {
  readonly n: number;
  readonly parent: Int32Array;
  readonly depth: Int32Array;
  readonly start: Float64Array;
  readonly duration: Float64Array;
  readonly flags: Int32Array;
  /** Last index of each span's subtree. */
  readonly end: Int32Array;
  readonly childCount: Int32Array;
  readonly maxDepth: number;
  /** Critical-path sections of span i: critStart[critIndex[i]..critIndex[i+1]) (offsets, ns). */
  readonly critIndex: Int32Array;
  readonly critStart: Float64Array;
  readonly critEnd: Float64Array;
  readonly collapsed: Uint8Array;
  /** Visible span indices in display order, and each span's row (-1 when hidden). */
  visible: Int32Array;
  readonly rowOf: Int32Array;

  constructor(readonly payload: TracePayload) {
    const s = payload.spans;
    const n = s.id.length;
    this.n = n;
    this.parent = Int32Array.from(s.parent);
    this.depth = Int32Array.from(s.depth);
    this.start = Float64Array.from(s.start);
    this.duration = Float64Array.from(s.duration);
    this.flags = Int32Array.from(s.flags);
    this.end = new Int32Array(n);
    this.childCount = new Int32Array(n);
    let maxDepth = 0;
    for (let i = 0; i < n; i++) {
      this.end[i] = i;
      if (this.depth[i]! > maxDepth) maxDepth = this.depth[i]!;
    }
    this.maxDepth = maxDepth;
    // Children come after their parent: walking backwards, a subtree's end is known before its parent's.
    for (let i = n - 1; i >= 0; i--) {
      const p = this.parent[i]!;
      if (p >= 0) {
        if (this.end[i]! > this.end[p]!) this.end[p] = this.end[i]!;
        this.childCount[p]!++;
      }
    }
    const crit = payload.critical;
    const counts = new Int32Array(n + 1);
    for (let k = 0; k < crit.length; k += 3) counts[crit[k]! + 1]!++;
    for (let i = 0; i < n; i++) counts[i + 1]! += counts[i]!;
    this.critIndex = counts;
    this.critStart = new Float64Array(crit.length / 3);
    this.critEnd = new Float64Array(crit.length / 3);
    const fill = counts.slice(0, n);
    for (let k = 0; k < crit.length; k += 3) {
      const at = fill[crit[k]!]!++;
      this.critStart[at] = crit[k + 1]!;
      this.critEnd[at] = crit[k + 2]!;
    }
    this.collapsed = new Uint8Array(n);
    this.visible = new Int32Array(0);
    this.rowOf = new Int32Array(n);
    this.layout();
  }

  get durationNs(): number {
    return this.payload.durationNs;
  }

  /**
   * The first span with this id, or -1. A scan rather than a map: it is asked a few times per
   * click, and a map of 100,000 ids would cost more to build than every lookup a reader makes.
   */
  indexOf(spanId: string): number {
    return this.payload.spans.id.indexOf(spanId);
  }

  service(i: number): string {
    return this.payload.strings[this.payload.spans.service[i]!]!;
  }

  operation(i: number): string {
    return this.payload.strings[this.payload.spans.operation[i]!]!;
  }

  spanId(i: number): string {
    return this.payload.spans.id[i]!;
  }

  isError(i: number): boolean {
    return (this.flags[i]! & SPAN_FLAG_ERROR) !== 0;
  }

  isCritical(i: number): boolean {
    return (this.flags[i]! & SPAN_FLAG_CRITICAL) !== 0;
  }

  /** Rebuilds the visible rows from the collapsed set. */
  layout(): void {
    const rows = new Int32Array(this.n);
    this.rowOf.fill(-1);
    let count = 0;
    for (let i = 0; i < this.n; ) {
      this.rowOf[i] = count;
      rows[count++] = i;
      i = this.collapsed[i] === 1 ? this.end[i]! + 1 : i + 1;
    }
    this.visible = rows.subarray(0, count);
  }

  setCollapsed(i: number, collapsed: boolean): void {
    if (this.childCount[i] === 0) return;
    this.collapsed[i] = collapsed ? 1 : 0;
    this.layout();
  }

  /** Expands every ancestor of i, so that its row shows. */
  reveal(i: number): void {
    let changed = false;
    for (let p = this.parent[i]!; p >= 0; p = this.parent[p]!) {
      if (this.collapsed[p] === 1) {
        this.collapsed[p] = 0;
        changed = true;
      }
    }
    if (changed) this.layout();
  }

  setAll(collapsed: boolean): void {
    for (let i = 0; i < this.n; i++) this.collapsed[i] = collapsed && this.childCount[i]! > 0 ? 1 : 0;
    this.layout();
  }

  /** The span's children, in order (each child's subtree is skipped over, not walked). */
  children(i: number): number[] {
    const out: number[] = [];
    for (let j = i + 1; j <= this.end[i]!; j = this.end[j]! + 1) out.push(j);
    return out;
  }

  /** Duration minus the union of the children's intervals clipped to the span (ns). */
  selfTime(i: number): number {
    const s0 = this.start[i]!;
    const s1 = s0 + this.duration[i]!;
    const intervals = this.children(i)
      .map((c) => [Math.max(s0, this.start[c]!), Math.min(s1, this.start[c]! + this.duration[c]!)] as const)
      .filter(([a, b]) => b > a)
      .sort((a, b) => a[0] - b[0]);
    let covered = 0;
    let reach = s0;
    for (const [a, b] of intervals) {
      if (b <= reach) continue;
      covered += b - Math.max(a, reach);
      reach = b;
    }
    return Math.max(0, this.duration[i]! - covered);
  }

  /** Time the span owns on the critical path (ns). */
  criticalTime(i: number): number {
    let total = 0;
    for (let k = this.critIndex[i]!; k < this.critIndex[i + 1]!; k++) total += this.critEnd[k]! - this.critStart[k]!;
    return total;
  }
}

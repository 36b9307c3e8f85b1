/**
 * Which spans a waterfall shows. A big trace is tamed by hiding spans, but a row without its
 * ancestors cannot be placed in the tree, so every filter that picks spans (a service, errors only,
 * the critical path, a minimum duration) keeps the ancestors of what it picks; `--depth` then cuts
 * the tree below a level. A view narrows what is eligible first: `--root` keeps one subtree (its
 * ancestors are not shown: the root is the view's top), `--zoom` keeps spans that overlap a window of
 * time (spans outside it are hidden unless a span below them overlaps it). Everything is one pass over the depth-first node list (children come after
 * their parent, so a reverse pass sees every child before its parent): no recursion, O(spans).
 */
import type { Trace } from '../model/trace.js';

export interface SpanFilters {
  /** Keep spans at depth <= maxDepth (roots are depth 0). */
  readonly maxDepth?: number;
  /** Hide spans shorter than this (ns), unless a longer span below them is kept. */
  readonly minDurationNs?: number;
  /** Keep spans of this service (exact name), with their ancestors. */
  readonly service?: string;
  /** Keep error spans, with their ancestors. */
  readonly errorsOnly?: boolean;
  /** Keep critical-path spans (node indexes in `critical`), with their ancestors. */
  readonly criticalOnly?: boolean;
  readonly critical?: ReadonlySet<number>;
  /** `--root`: only nodes first..last (a subtree: contiguous in depth-first order). */
  readonly scope?: { readonly first: number; readonly last: number };
  /** `--zoom`: only spans overlapping [startNs, endNs] (offsets from the trace start, ends included). */
  readonly window?: { readonly startNs: number; readonly endNs: number };
}

/** How many spans were hidden, by the first reason that hid them. */
export interface HiddenCounts {
  /** Not of --service / not an error / not on the critical path, and no such span below. */
  readonly filtered: number;
  /** Passed those filters but shorter than --min-duration, and nothing longer below. */
  readonly shorter: number;
  /** Deeper than --depth. */
  readonly deeper: number;
  /** Not in the --root span's subtree. */
  readonly outsideRoot: number;
  /** In the view but wholly before or after the --zoom window, and nothing overlapping it below. */
  readonly outsideWindow: number;
}

export interface Selection {
  /** keep[node.index] === 1 when the node is shown (before --collapse). */
  readonly keep: Uint8Array;
  readonly hidden: HiddenCounts;
}

export function selectSpans(trace: Trace, filters: SpanFilters): Selection {
  const nodes = trace.nodes;
  const n = nodes.length;
  const keep = new Uint8Array(n);
  const first = filters.scope?.first ?? 0;
  const last = filters.scope?.last ?? n - 1;
  const outsideRoot = n - (last - first + 1);
  const window = filters.window;
  const picking = filters.service !== undefined || filters.errorsOnly === true || filters.criticalOnly === true || filters.minDurationNs !== undefined || window !== undefined;
  let filtered = 0;
  let shorter = 0;
  let outsideWindow = 0;

  if (!picking) {
    keep.fill(1, first, last + 1);
  } else {
    const critical = filters.critical ?? new Set<number>();
    const hasKeptBelow = new Uint8Array(n);
    for (let i = last; i >= first; i--) {
      const node = nodes[i]!;
      const span = node.span;
      const inWindow = window === undefined || (node.offsetNs <= window.endNs && node.offsetNs + node.durationNs >= window.startNs);
      const picked =
        (filters.service === undefined || span.service === filters.service) &&
        (filters.errorsOnly !== true || span.status === 'error') &&
        (filters.criticalOnly !== true || critical.has(node.index));
      const longEnough = filters.minDurationNs === undefined || node.durationNs >= filters.minDurationNs;
      if ((inWindow && picked && longEnough) || hasKeptBelow[i] === 1) {
        keep[i] = 1;
        if (node.parent !== undefined) hasKeptBelow[node.parent.index] = 1;
      } else if (!inWindow) {
        outsideWindow++;
      } else if (!picked) {
        filtered++;
      } else {
        shorter++;
      }
    }
  }

  let deeper = 0;
  if (filters.maxDepth !== undefined) {
    for (let i = 0; i < n; i++) {
      if (keep[i] === 1 && nodes[i]!.depth > filters.maxDepth) {
        keep[i] = 0;
        deeper++;
      }
    }
  }
  return { keep, hidden: { filtered, shorter, deeper, outsideRoot, outsideWindow } };
}

/**
 * A trace as the analyses see it: spans placed in a tree, with effective timing (after placing
 * spans that had no time and correcting clock skew) next to the span as the dump gave it.
 */
import type { Span } from './span.js';
import type { TraceWarning, WarningCode } from './warnings.js';

/** How a node hangs off its parent. Async children may outlive their parent without being "skewed". */
export type Relation = 'root' | 'child_of' | 'follows_from';

export interface SpanNode {
  readonly span: Span;
  /** Position in `Trace.nodes` (depth-first tree order). */
  readonly index: number;
  readonly parent: SpanNode | undefined;
  /** Sorted by effective start, then by the order they were read. */
  readonly children: readonly SpanNode[];
  readonly depth: number;
  readonly relation: Relation;
  /** FOLLOWS_FROM, or a CONSUMER under a PRODUCER: the parent does not wait for it. */
  readonly async: boolean;
  /** Effective start (epoch ns) after placement and clock-skew correction. */
  readonly startNs: bigint;
  readonly durationNs: number;
  /** Effective start minus the trace start, in ns. */
  readonly offsetNs: number;
  /** Clock-skew correction applied to this span (ns; 0 when none). */
  readonly skewNs: number;
  /** Problems found with this span, shown on its row. */
  readonly flags: readonly WarningCode[];
}

export interface Trace {
  readonly traceId: string;
  /** Every span in depth-first tree order; roots sorted by start. */
  readonly nodes: readonly SpanNode[];
  readonly roots: readonly SpanNode[];
  /** The root that best stands for the trace: the earliest root that has no missing parent. */
  readonly root: SpanNode;
  /** Earliest effective start (epoch ns). */
  readonly startNs: bigint;
  /** Latest effective end minus the start (ns). */
  readonly durationNs: number;
  /** Distinct services, sorted. */
  readonly services: readonly string[];
  readonly errorCount: number;
  readonly warnings: readonly TraceWarning[];
}

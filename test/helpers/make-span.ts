/**
 * Spans and traces built by hand for analysis tests: times in milliseconds from an epoch base, so a
 * test reads like its timing diagram.
 */
import type { Span } from '../../src/model/span.js';
import type { Trace } from '../../src/model/trace.js';
import { buildTrace } from '../../src/model/tree.js';

export const BASE_NS = 1_700_000_000_000_000_000n;

/** A span by its timing diagram; any field of `Span` given as well wins (e.g. `durationNs: 300` below 1 µs). */
export interface SpanSpec extends Partial<Span> {
  readonly id: string;
  readonly parent?: string;
  /** Start in ms after BASE_NS. */
  readonly start: number;
  /** Duration in ms. */
  readonly dur: number;
}

export function makeSpan(spec: SpanSpec): Span {
  const { id, parent, start, dur, ...rest } = spec;
  return {
    traceId: 'aaaaaaaaaaaaaaaa',
    spanId: id.padStart(16, '0'),
    ...(parent !== undefined ? { parentId: parent.padStart(16, '0') } : {}),
    refs: [],
    service: 'svc',
    operation: `op-${id}`,
    kind: 'internal',
    startNs: BASE_NS + BigInt(Math.round(start * 1e6)),
    durationNs: Math.round(dur * 1e6),
    timing: 'exact',
    status: 'unset',
    attributes: {},
    resource: {},
    events: [],
    format: 'otlp',
    ...rest,
  };
}

/** A trace from span specs (clock-skew correction off unless asked: tests say what they mean). */
export function makeTrace(specs: readonly SpanSpec[], adjustClockSkew = false): Trace {
  const spans = specs.map(makeSpan);
  return buildTrace(spans[0]!.traceId, spans, { adjustClockSkew }).result;
}

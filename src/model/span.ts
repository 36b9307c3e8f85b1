/**
 * The one normalized span every format decodes into. Wire shapes never get past src/formats/.
 *
 * Times are kept exactly: `startNs` is epoch nanoseconds as a bigint because OTLP nanosecond
 * timestamps exceed 2^53; `durationNs` is a plain number (2^53 ns is 104 days, far beyond any span).
 */

/** What role the span played. `unspecified` is OTLP kind 0 or a span that says nothing. */
export type SpanKind = 'server' | 'client' | 'producer' | 'consumer' | 'internal' | 'unspecified';

export type StatusCode = 'unset' | 'ok' | 'error';

/** What a reader may flag on a span: the warning codes of problems found while reading it. */
export type ReadFlag = 'suspect-timestamp' | 'invalid-id';

/** How a span relates to the span it points at. */
export type RefType = 'child_of' | 'follows_from' | 'link';

/** The wire format a span was read from. */
export type FormatName = 'jaeger' | 'zipkin' | 'otlp';

/**
 * An attribute value, JSON-safe. Integers beyond 2^53 stay strings so nothing is rounded;
 * OTLP arrays and kvlists become arrays and objects.
 */
export type AttrValue = string | number | boolean | null | AttrValue[] | { [key: string]: AttrValue };

export type Attributes = Readonly<Record<string, AttrValue>>;

export interface SpanRef {
  readonly type: RefType;
  readonly traceId: string;
  readonly spanId: string;
  readonly attributes?: Attributes;
}

/** A timed event on a span: OTLP event, Jaeger log, Zipkin annotation. */
export interface SpanEvent {
  /** Epoch nanoseconds. */
  readonly timeNs: bigint;
  readonly name: string;
  readonly attributes: Attributes;
}

/**
 * How a span came to be in the dump, when the dump says so: a probability it was kept with (an
 * OpenTelemetry consistent-probability threshold `ot=th:…`, or a Jaeger probabilistic sampler's
 * `sampler.param`), and the tail-sampling policy that kept its trace (the Collector's
 * `tailsampling.policy`). Analyses weigh a span by its adjusted count, 1 / probability.
 */
export interface SpanSampling {
  /** In (0, 1]. Absent when the sampler is named without a probability (Jaeger rate limiting). */
  readonly probability?: number;
  /**
   * `consistent`: OpenTelemetry's `th` threshold; `probabilistic`: Jaeger `sampler.type=probabilistic`;
   * `rate-limiting`: Jaeger `ratelimiting` or `lowerbound` (no probability). Absent when only a tail
   * policy is known.
   */
  readonly method?: SamplingMethod;
  /** The tail-sampling policy that kept the trace, as the Collector records it. */
  readonly tailPolicy?: string;
}

export type SamplingMethod = 'consistent' | 'probabilistic' | 'rate-limiting';

export interface Span {
  /** Lower-case hex; 16 chars for 64-bit ids (a 128-bit id whose high half is zero is shortened to 16), else 32. */
  readonly traceId: string;
  /** Lower-case hex, left-padded to 16. */
  readonly spanId: string;
  /** The parent span id, or undefined for a root. Always in the same trace. */
  readonly parentId?: string;
  /** How this span hangs off `parentId`: Jaeger FOLLOWS_FROM parents are `follows_from`. */
  readonly parentType?: Exclude<RefType, 'link'>;
  /** Every reference and link other than the parent itself (OTLP links, extra Jaeger references). */
  readonly refs: readonly SpanRef[];
  /** Service name; `unknown_service` when the producer gave none (OpenTelemetry's convention). */
  readonly service: string;
  readonly operation: string;
  readonly kind: SpanKind;
  /** Epoch nanoseconds. 0n with `timing: 'missing'` when the dump gave no time at all. */
  readonly startNs: bigint;
  /** Nanoseconds, >= 0. */
  readonly durationNs: number;
  /**
   * `exact` when start and duration came from the span itself; `derived` when rebuilt from
   * annotations (Zipkin v1 cs/cr); `no-duration` when only the start is known; `missing` when
   * neither is (the tree builder places such spans at their parent's start).
   */
  readonly timing: 'exact' | 'derived' | 'no-duration' | 'missing';
  readonly status: StatusCode;
  /** Why the span failed, as the producer said it (status message, error tag value, ...). */
  readonly statusMessage?: string;
  readonly attributes: Attributes;
  /** Resource / process attributes (OTLP resource, Jaeger process tags, Zipkin endpoint). */
  readonly resource: Attributes;
  readonly events: readonly SpanEvent[];
  /** Host identity for clock-skew decisions (host.name, ip, Zipkin endpoint address), if known. */
  readonly host?: string;
  /** Zipkin: the server half of an RPC that shares its id with the client half. */
  readonly shared?: boolean;
  /**
   * Problems the reader found with this span (a timestamp in an unlikely unit, an id kept as
   * written), in this order, each once; absent when none. The tree builder shows them on the row.
   */
  readonly flags?: readonly ReadFlag[];
  /** The W3C tracestate the producer recorded (OTLP `traceState`, Jaeger tag `w3c.tracestate`), when not empty. */
  readonly traceState?: string;
  /** What the dump says about how the span was sampled (span-sampling.ts); absent for unsampled dumps. */
  readonly sampling?: SpanSampling;
  /**
   * What the producer or collector said was wrong with the span (Jaeger's per-span `warnings`, such
   * as a clock-skew adjustment Jaeger made or a duplicate id), in their order; absent when none.
   */
  readonly warnings?: readonly string[];
  readonly format: FormatName;
}

/** Conventional name when a producer gave no service. */
export const UNKNOWN_SERVICE = 'unknown_service';

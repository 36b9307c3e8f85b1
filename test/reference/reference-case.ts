/**
 * The shape of a reference case: a test from Jaeger, Zipkin or jaeger-ui, transcribed as data, with
 * where it comes from, what the reference asserts (in tracectl's terms), and, where tracectl
 * deliberately does otherwise, what it does and why. docs/internals/trees.md lists every such case
 * by its source and test name (reference.test.ts checks that it does).
 */
import type { WarningCode } from '../../src/model/warnings.js';

interface Source {
  /** `owner/repo:path` of the test file. */
  readonly file: string;
  /** The test's name there, and the table row's for table-driven tests. */
  readonly test: string;
}

/** What a trace looks like after reading, assembly and the tree, in the terms the runner checks. */
export interface TraceExpect {
  /** Trace ids, in the order the traces come. */
  readonly traceIds?: readonly string[];
  /**
   * Every trace's tree, depth-first: a line a span, two spaces a level, `id kind service` (id
   * without its leading zeros, `-` for no service), ` shared` on a Zipkin shared span.
   */
  readonly tree?: readonly string[];
  /**
   * The spans after assembly (Zipkin pieces merged), in tree order:
   * `id kind service[@host] start+duration[ shared][ <parent]`, times in µs, `-` when unknown.
   */
  readonly spans?: readonly string[];
  /** Effective start of spans, by id, in the case's time unit. */
  readonly starts?: Readonly<Record<string, number>>;
  /** Annotations (events) of spans, by id: `time value`, time in µs. */
  readonly events?: Readonly<Record<string, readonly string[]>>;
  /** Attributes of spans, by id (only the keys given are compared). */
  readonly attributes?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Warning codes raised, each once, sorted. */
  readonly warnings?: readonly WarningCode[];
  /** Text some `clock-skew` warning contains. */
  readonly skewWarning?: string;
}

export interface ReferenceCase<Input = unknown, Expect = TraceExpect> {
  readonly source: Source;
  readonly input: Input;
  /** Clock-skew correction on (default) or off (--no-adjust). */
  readonly adjust?: boolean;
  /** What the reference asserts. */
  readonly expect: Expect;
  /** Where tracectl deliberately does otherwise: what it does instead, and why. */
  readonly differs?: { readonly why: string; readonly tracectl: Expect };
}

/**
 * Problems found in readable but odd input. They never abort a run: builders return them next to
 * their result, the CLI prints a summary on stderr once, and `--json` includes them.
 */
export type WarningCode =
  | 'orphan-span' // parent id not present in the trace: the span becomes a root
  | 'duplicate-span' // exact duplicate of a span already read: dropped
  | 'merged-duplicate' // one span read from an OTLP and a Zipkin export of one run: the Zipkin copy dropped (a note, not a problem)
  | 'duplicate-span-id' // two different spans with one id (not a Zipkin client/server pair)
  | 'parent-cycle' // parents form a loop: broken at one span, which becomes a root
  | 'self-parent' // a span names itself as its parent
  | 'missing-timestamp' // no start time: placed at its parent's start
  | 'missing-duration' // no duration: shown as 0
  | 'clock-skew' // times one clock cannot produce: the child moved into its parent (or, with --no-adjust, would be)
  | 'suspect-timestamp' // a time whose magnitude looks like the wrong unit
  | 'invalid-id' // an id that is not hex/base64 of a sane length: kept as given
  | 'skipped-record' // a record that is not a span of any known format
  | 'skipped-span' // a span missing what a span must have (trace id, span id)
  | 'skipped-field' // a field whose value its format does not allow (a Zipkin tag that is no text): left out
  | 'non-trace-record' // OTLP logs/metrics lines in a Collector file: skipped
  | 'invalid-utf8' // bytes that are not UTF-8: read as U+FFFD
  | 'truncated-input' // the input ends inside a record (or a gzip stream is cut): the whole records before the cut were read
  | 'multiple-roots' // a trace with more than one root
  | 'joined-trace-id' // Zipkin: a 64-bit trace id joined the 128-bit trace with the same low 64 bits
  | 'value-cap' // `why`: a key reached the cap on distinct values; its rarer values were folded away
  | 'key-cap'; // `why`: more distinct keys than are compared; the rest were not

export interface TraceWarning {
  readonly code: WarningCode;
  readonly message: string;
  readonly traceId?: string;
  readonly spanId?: string;
  /** The input the problem came from, when known. */
  readonly file?: string;
}

/** What every builder returns: its result and what it noticed. */
export interface WithWarnings<T> {
  readonly result: T;
  readonly warnings: TraceWarning[];
}

/**
 * What of a record cut off by the end of the input is still whole, for a format whose records hold
 * many spans (an OTLP ResourceSpans often holds a whole dump's worth): the arrays, named by the keys
 * that lead to them from the record, whose elements are whole units of it. The record is kept up to
 * the last unit that closed, its open brackets closed after it (input/salvage-record.ts).
 */
export interface SalvageRule {
  /** Paths of keys (one per array, from the record down) of arrays whose elements are whole units. */
  readonly units: readonly (readonly string[])[];
  /** Those of them whose elements are spans: a record is kept only if one of them closed. */
  readonly spans: readonly (readonly string[])[];
}

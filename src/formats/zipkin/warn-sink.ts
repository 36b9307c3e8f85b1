/**
 * Collects the warnings of one decode call. Decoding never throws on odd input; each problem is
 * written down once, tagged with the input file and, when known, the span it concerns.
 */
import type { TraceWarning, WarningCode } from '../../model/warnings.js';

/** The span a warning is about, as far as it is known when the problem is found. */
export interface SpanWhere {
  readonly traceId?: string;
  readonly spanId?: string;
}

export class WarnSink {
  readonly warnings: TraceWarning[] = [];

  /**
   * `lean`: DecodeContext.lean, carried with the sink since every mapper gets it; span attributes
   * are then reduced to the tags status is read from.
   */
  constructor(
    readonly file: string,
    readonly lean = false,
  ) {}

  add(code: WarningCode, message: string, where: SpanWhere = {}): void {
    const warning: { -readonly [K in keyof TraceWarning]: TraceWarning[K] } = { code, message, file: this.file };
    if (where.traceId !== undefined) warning.traceId = where.traceId;
    if (where.spanId !== undefined) warning.spanId = where.spanId;
    this.warnings.push(warning);
  }
}

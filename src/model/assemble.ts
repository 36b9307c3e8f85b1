/**
 * Gathers spans into traces as they stream in. Spans of one trace may be scattered across records
 * (OTLP groups by resource) and across input files; exact duplicates (the same span read twice, e.g.
 * the same file given twice) are dropped, so is the Zipkin copy of a span also read from an OTLP
 * export of the same run (same-across-formats.ts), pieces of one Zipkin span are merged, and other spans that
 * share an id are kept for the tree builder to sort out (Zipkin client/server halves, broken producers).
 */
import { joinTraceIds } from './join-trace-ids.js';
import { mergeZipkinFragments } from './merge-fragments.js';
import { sameAcrossFormats } from './same-across-formats.js';
import type { Span } from './span.js';
import type { TraceWarning } from './warnings.js';

export class TraceAssembler {
  private readonly byTrace = new Map<string, Span[]>();
  private spanCount = 0;

  add(span: Span): void {
    let spans = this.byTrace.get(span.traceId);
    if (spans === undefined) {
      spans = [];
      this.byTrace.set(span.traceId, spans);
    }
    spans.push(span);
    this.spanCount++;
  }

  get spans(): number {
    return this.spanCount;
  }

  get traces(): number {
    return this.byTrace.size;
  }

  /**
   * The traces, in the order they were first seen, exact duplicates removed, a 64-bit Zipkin trace
   * joined to its 128-bit one, Zipkin pieces merged.
   */
  *finish(warnings: TraceWarning[]): Generator<[string, Span[]]> {
    const deduplicated = (function* (groups: Map<string, Span[]>): Generator<[string, Span[]]> {
      for (const [traceId, spans] of groups) yield [traceId, dropExactDuplicates(spans, warnings)];
    })(this.byTrace);
    for (const [traceId, spans] of joinTraceIds(deduplicated, this.byTrace.keys(), warnings)) {
      yield [traceId, mergeZipkinFragments(spans)];
    }
  }
}

/** One trace's spans as the tree builder takes them: exact duplicates removed, Zipkin pieces merged. */
export function traceSpans(spans: Span[], warnings: TraceWarning[]): Span[] {
  return mergeZipkinFragments(dropExactDuplicates(spans, warnings));
}

/** Removes spans that repeat an earlier span of the trace exactly; compares only spans whose ids collide. */
function dropExactDuplicates(spans: Span[], warnings: TraceWarning[]): Span[] {
  const byId = new Map<string, Span[]>();
  let dropped: Set<Span> | undefined;
  for (const span of spans) {
    const same = byId.get(span.spanId);
    if (same === undefined) {
      byId.set(span.spanId, [span]);
      continue;
    }
    const print = fingerprint(span);
    if (same.some((other) => fingerprint(other) === print)) {
      (dropped ??= new Set()).add(span);
      warnings.push({
        code: 'duplicate-span',
        message: `span ${span.spanId} was read more than once; the copy was dropped`,
        traceId: span.traceId,
        spanId: span.spanId,
      });
      continue;
    }
    const twin = same.find((other) => sameAcrossFormats(other, span));
    if (twin !== undefined) {
      // The OTLP copy has what Zipkin's cannot carry (nanoseconds, kinds, events' attributes, links).
      const zipkin = twin.format === 'zipkin' ? twin : span;
      (dropped ??= new Set()).add(zipkin);
      if (zipkin === twin) same[same.indexOf(twin)] = span;
      warnings.push({
        code: 'merged-duplicate',
        message: `span ${span.spanId} was read from an OTLP and a Zipkin export; the OTLP copy was kept`,
        traceId: span.traceId,
        spanId: span.spanId,
      });
      continue;
    }
    same.push(span);
  }
  return dropped === undefined ? spans : spans.filter((s) => !dropped.has(s));
}


/** Everything that makes a span what it is, as one string (bigints written out). */
function fingerprint(span: Span): string {
  return JSON.stringify(span, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
}

/**
 * One Jaeger span container to spans: a UI trace `{traceID, spans, processes}`, an api_v2 list
 * `{spans}` or Batch `{spans, process}`, or jaeger-ui's internal `data` object (`{spans, processes}`).
 * Duplicate span ids inside one trace are real (Zipkin shared-span ingest) and are all decoded:
 * telling duplicates apart is the tree builder's job, which sees every record of the trace.
 */
import type { Span } from '../../model/span.js';
import { isObject } from '../decoder.js';
import { decodeSpan } from './decode-span.js';
import { ownValue } from './own.js';
import { ProcessTable, decodeProcess } from './process.js';
import { type WarningSink, warn } from './warn.js';

export function decodeTrace(trace: Readonly<Record<string, unknown>>, sink: WarningSink): Span[] {
  const spans = ownValue(trace, 'spans');
  if (!Array.isArray(spans)) {
    warn(sink, 'skipped-record', 'a Jaeger trace without a spans array was skipped');
    return [];
  }
  const processes = isObject(ownValue(trace, 'processes')) ? new ProcessTable(ownValue(trace, 'processes')) : undefined;
  const batchProcess = decodeProcess(ownValue(trace, 'process'));
  const ctx = {
    traceIdRaw: ownValue(trace, 'traceID'),
    ...(processes ? { processes } : {}),
    ...(batchProcess ? { batchProcess } : {}),
    sink,
  };
  const out: Span[] = [];
  spans.forEach((raw, i) => {
    const span = decodeSpan(raw, i, ctx);
    if (span) out.push(span);
  });
  return out;
}

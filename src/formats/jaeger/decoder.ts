/**
 * The Jaeger format: the query API / UI JSON (traces with a processes table, bare traces, span
 * arrays with inline processes, jaeger-ui's internal shape) and the api_v2 protobuf-JSON. The
 * framer normally hands over one trace (`jaeger-trace`), one span (`jaeger-span`, `element`) or a
 * whole document; `decode` works from the record's shape alone, so it also reads a whole file's
 * value when called directly, unwrapping at most one level (an envelope or a top-level array) and
 * never recursing into anything deeper.
 */
import type { Span } from '../../model/span.js';
import type { Decoded, DecodeContext, FormatDecoder, RecordHint } from '../decoder.js';
import { isObject } from '../decoder.js';
import { decodeSpan } from './decode-span.js';
import { decodeTrace } from './decode-trace.js';
import { describeValue, ownValue } from './own.js';
import { withRootSampler } from './root-sampler.js';
import { envelopeData, gatewayResult, isJaegerSpan, isSpanContainer } from './shape.js';
import { type WarningSink, newSink, warn } from './warn.js';

function accepts(record: unknown, hint: RecordHint): boolean {
  if (!isObject(record)) return false;
  switch (hint) {
    case 'jaeger-trace':
      // Only Jaeger writes a `data` array of objects; a span found there is decoded as well.
      return isSpanContainer(record) || isJaegerSpan(record) || ownValue(record, 'traceID') !== undefined;
    case 'jaeger-span':
      return isJaegerSpan(record);
    case 'element':
      return isJaegerSpan(record) || isSpanContainer(record);
    case 'document':
      return isSpanContainer(record) || isJaegerSpan(record) || gatewayResult(record) !== undefined || envelopeData(record) !== undefined;
    default:
      return false;
  }
}

/** A trace, span list or single span; anything else is skipped with a warning. */
function decodeUnit(value: unknown, index: number, sink: WarningSink): Span[] {
  if (isObject(value)) {
    // A trace whose `spans` is not an array is still a trace: decodeTrace reports it as one.
    if (isSpanContainer(value) || (ownValue(value, 'spans') !== undefined && !isJaegerSpan(value))) {
      return decodeTrace(value, sink);
    }
    const result = gatewayResult(value);
    if (result) return decodeTrace(result, sink);
  }
  const span = decodeSpan(value, index, { sink });
  return span ? [span] : [];
}

function decode(record: unknown, ctx: DecodeContext): Decoded {
  const sink = newSink(ctx.file, ctx.lean === true);
  const spans: Span[] = [];
  const take = (items: readonly unknown[]): void => {
    items.forEach((item, i) => {
      for (const span of decodeUnit(item, i, sink)) spans.push(span);
    });
  };
  if (Array.isArray(record)) {
    take(record);
  } else if (!isObject(record)) {
    warn(sink, 'skipped-record', `record is ${describeValue(record)}, not a Jaeger trace or span`);
  } else {
    const data = envelopeData(record);
    if (Array.isArray(data)) take(data);
    else if (data !== undefined) for (const span of decodeTrace(data, sink)) spans.push(span);
    else take([record]);
  }
  return { spans: withRootSampler(spans), warnings: sink.warnings };
}

export const jaegerDecoder: FormatDecoder = { name: 'jaeger', accepts, decode };

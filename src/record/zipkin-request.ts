/**
 * A Zipkin `POST /api/v2/spans` (or v1) JSON body to one dump line in OTLP JSON: the spans are read
 * by tracectl's own Zipkin decoder and written back out by the OTLP encoder (the one `convert`
 * uses), so the dump is in one format whichever exporter a program uses. One request stays one
 * line, holding a ResourceSpans per trace and resource.
 */
import { LossTally } from '../formats/encode/losses.js';
import { encodeOtlpTrace, type ResourceSpansOut } from '../formats/otlp/encode.js';
import { zipkinDecoder } from '../formats/zipkin/decoder.js';
import type { Span } from '../model/span.js';
import { BodyError } from './body-error.js';
import type { RequestLine } from './otlp-request.js';

export function zipkinRequestLine(body: Buffer, contentType: string | undefined): RequestLine {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type.includes('protobuf') || type.includes('thrift')) {
    throw new BodyError(415, `unsupported Content-Type '${type}': send Zipkin spans as JSON (application/json)`);
  }
  let list: unknown;
  try {
    list = JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw new BodyError(400, `request body is not valid JSON (${(err as Error).message})`);
  }
  if (!Array.isArray(list)) throw new BodyError(400, 'a Zipkin request body is a JSON list of spans');
  if (list.length === 0) return { spans: 0 };
  const spans: Span[] = zipkinDecoder.decode(list, { file: 'zipkin request' }).spans;
  if (spans.length === 0) throw new BodyError(400, `none of the ${list.length} values is a Zipkin span (each needs traceId and id)`);
  return { line: Buffer.from(JSON.stringify({ resourceSpans: toResourceSpans(spans) })), spans: spans.length };
}

function toResourceSpans(spans: readonly Span[]): ResourceSpansOut[] {
  const byTrace = new Map<string, Span[]>();
  for (const span of spans) {
    const group = byTrace.get(span.traceId);
    if (group === undefined) byTrace.set(span.traceId, [span]);
    else group.push(span);
  }
  // What OTLP cannot say (a Zipkin shared flag without its client half) is not worth a warning here:
  // tracectl reads the pair back the same way from either format.
  const losses = new LossTally();
  return [...byTrace].flatMap(([traceId, group]) => encodeOtlpTrace({ traceId, spans: group }, losses));
}

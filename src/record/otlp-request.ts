/**
 * An OTLP/HTTP trace request body to one dump line (the Collector file exporter's format: one
 * ExportTraceServiceRequest as JSON per line). JSON bodies are kept as sent, only put on one line;
 * protobuf bodies are decoded to the same JSON shape. Bodies that are not trace requests are refused
 * with a message the sender's exporter will log.
 */
import { decodeTraceRequest } from '../formats/otlp/protobuf/decode-trace-request.js';
import { ProtoError } from '../formats/otlp/protobuf/proto-reader.js';
import { BodyError } from './body-error.js';
import { compactJson } from './compact-json.js';
import { countSpans } from './count-spans.js';

export type OtlpEncoding = 'json' | 'protobuf';

export interface RequestLine {
  /** The JSON line without its newline; absent when the request held no spans. */
  readonly line?: Buffer;
  readonly spans: number;
}

const NON_TRACE_KEYS = ['resourceLogs', 'resourceMetrics', 'resourceProfiles'];

/** The body's encoding from its Content-Type; without one, JSON if it starts like JSON. */
export function otlpEncodingOf(contentType: string | undefined, body: Buffer): OtlpEncoding {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/json') return 'json';
  if (type === 'application/x-protobuf' || type === 'application/protobuf') return 'protobuf';
  if (type === '' || type === 'application/octet-stream') {
    const first = body.find((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== 0xef && b !== 0xbb && b !== 0xbf);
    return first === 0x7b ? 'json' : 'protobuf';
  }
  throw new BodyError(415, `unsupported Content-Type '${type}': OTLP/HTTP takes application/json or application/x-protobuf`);
}

export function otlpRequestLine(body: Buffer, encoding: OtlpEncoding): RequestLine {
  return encoding === 'json' ? fromJson(body) : fromProtobuf(body);
}

function fromJson(body: Buffer): RequestLine {
  const text = body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? body.subarray(3) : body;
  let request: unknown;
  try {
    request = JSON.parse(text.toString('utf8'));
  } catch (err) {
    throw new BodyError(400, `request body is not valid JSON (${(err as Error).message})`);
  }
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    throw new BodyError(400, 'request body is not an OTLP ExportTraceServiceRequest object');
  }
  const fields = request as Record<string, unknown>;
  const nonTrace = NON_TRACE_KEYS.find((key) => key in fields);
  if (nonTrace !== undefined) throw new BodyError(400, `request holds ${nonTrace}, not traces: post it to its own path, not /v1/traces`);
  if (!('resourceSpans' in fields)) {
    if (Object.keys(fields).length === 0) return { spans: 0 };
    throw new BodyError(400, 'request has no resourceSpans: not an OTLP ExportTraceServiceRequest');
  }
  if (!Array.isArray(fields.resourceSpans)) throw new BodyError(400, 'resourceSpans is not a list');
  const spans = countSpans(request);
  if (fields.resourceSpans.length === 0) return { spans };
  return { line: compactJson(text), spans };
}

function fromProtobuf(body: Buffer): RequestLine {
  try {
    const request = decodeTraceRequest(body);
    const spans = countSpans(request);
    if (request.resourceSpans.length === 0) return { spans };
    return { line: Buffer.from(JSON.stringify(request)), spans };
  } catch (err) {
    if (err instanceof ProtoError) throw new BodyError(400, `malformed protobuf ExportTraceServiceRequest: ${err.message}`);
    throw err;
  }
}

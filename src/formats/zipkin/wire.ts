/**
 * The Zipkin JSON shapes as producers write them (zipkin-api v1 and v2). They document what the
 * readers look for; nothing here is trusted: every field is checked before use, because a dump can
 * hold anything. These types never leave src/formats/zipkin/.
 */
import { isObject } from '../decoder.js';

/** Where a span (or, in v1, one annotation) was recorded, or the peer it talked to. */
export interface EndpointWire {
  serviceName?: string;
  ipv4?: string;
  ipv6?: string;
  port?: number;
}

/** A timed event. v1 annotations carry their own endpoint; v2 ones share the span's localEndpoint. */
export interface AnnotationWire {
  /** Epoch microseconds. */
  timestamp?: number;
  value?: string;
  endpoint?: EndpointWire;
}

/** Zipkin v2: one host's view of an operation (`POST /api/v2/spans`, `GET /api/v2/trace/{id}`). */
export interface V2SpanWire {
  traceId?: string;
  id?: string;
  parentId?: string;
  name?: string;
  kind?: 'CLIENT' | 'SERVER' | 'PRODUCER' | 'CONSUMER';
  /** Epoch microseconds; absent or 0 when the span is incomplete. */
  timestamp?: number;
  /** Microseconds; absent or 0 when unknown. */
  duration?: number;
  localEndpoint?: EndpointWire;
  remoteEndpoint?: EndpointWire;
  annotations?: AnnotationWire[];
  tags?: Record<string, string>;
  debug?: boolean;
  shared?: boolean;
}

/** A v1 key/value fact; `ca`/`sa`/`ma` with value `true` are address annotations naming a peer. */
export interface BinaryAnnotationWire {
  key?: string;
  value?: string | number | boolean;
  endpoint?: EndpointWire;
}

/**
 * Zipkin v1 (`/api/v1/spans`): no kind and no localEndpoint; both come from the core annotations
 * (cs/cr/sr/ss/ms/mr), and one span may hold the client and the server side of an RPC.
 */
export interface V1SpanWire {
  traceId?: string;
  id?: string;
  parentId?: string;
  name?: string;
  timestamp?: number;
  duration?: number;
  annotations?: AnnotationWire[];
  binaryAnnotations?: BinaryAnnotationWire[];
  debug?: boolean;
}

/**
 * One field of a parsed object, by a key of its wire type. The value stays `unknown` (a dump can hold
 * anything there); the key is checked by the compiler, so a reader cannot misspell a field name.
 */
export function field<W>(raw: Readonly<Record<string, unknown>>, key: keyof W & string): unknown {
  return raw[key];
}

/**
 * Whether a span object is written in v1: only v1 has `binaryAnnotations` and annotations that
 * name their own endpoint (FORMATS.md section 3).
 */
export function isV1Span(span: Readonly<Record<string, unknown>>): boolean {
  if (Array.isArray(field<V1SpanWire>(span, 'binaryAnnotations'))) return true;
  const annotations = field<V1SpanWire>(span, 'annotations');
  if (!Array.isArray(annotations)) return false;
  return annotations.some((a: unknown) => isObject(a) && isObject(field<AnnotationWire>(a, 'endpoint')));
}

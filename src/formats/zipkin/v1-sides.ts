/**
 * Which spans one Zipkin v1 span stands for. A v1 span is the whole RPC as stored: the client's
 * cs/cr and the server's sr/ss can sit in one span on different endpoints (the benchmark
 * span-rpc.json), and then it is two spans sharing one id: the client half, and the server half
 * marked `shared`. Each "side" here becomes one Span, with the timing annotations that belong to it.
 *
 *   cs ─────────────────────────── cr     client half: service of cs, start cs (or span.timestamp)
 *        sr ─────────────── ss            server half: service of sr, start sr, shared
 *
 * Unlike zipkin's converter, facts recorded on a third endpoint do not make a third span: they go
 * to the side with the same service name, else to the first side.
 */
import type { SpanKind } from '../../model/span.js';
import type { Annotation } from './annotations.js';
import type { Endpoint } from './endpoint.js';
import type { CoreAnnotations } from './v1-core.js';

export interface Side {
  kind: SpanKind;
  /** Where this side ran: the endpoint of its core annotation. */
  endpoint: Endpoint | undefined;
  /** The annotation that starts it (cs, sr, ms, wr/mr), when present. */
  readonly begin: Annotation | undefined;
  /** The annotation that ends it (cr, ss, ws, mr after wr), when present. */
  readonly end: Annotation | undefined;
  /** Whether the span-level timestamp/duration describe this side (the first side, as in zipkin). */
  readonly ownsSpanTimes: boolean;
  readonly shared: boolean;
}

/** Only the sides that exist, client first: whoever comes first owns the span's own times. */
export function planSides(core: CoreAnnotations, hasSpanTimestamp: boolean, hasSpanDuration: boolean): Side[] {
  const sides: Omit<Side, 'ownsSpanTimes'>[] = [];
  const hasClient = core.cs !== undefined || core.cr !== undefined;
  if (hasClient) {
    sides.push({ kind: 'client', endpoint: (core.cs ?? core.cr)?.endpoint, begin: core.cs, end: core.cr, shared: false });
  }
  if (core.sr !== undefined || core.ss !== undefined) {
    // v1 had no shared flag: by convention a server side without the span timestamp (or with
    // ss but no duration) did not start the span, so it is the shared half of a client's span.
    const conventionShared = !hasSpanTimestamp || (core.ss !== undefined && !hasSpanDuration);
    sides.push({
      kind: 'server',
      endpoint: (core.sr ?? core.ss)?.endpoint,
      begin: core.sr,
      end: core.ss,
      shared: hasClient || (core.sr !== undefined && conventionShared),
    });
  }
  const hasProducer = core.ms !== undefined;
  if (core.ms !== undefined) {
    sides.push({ kind: 'producer', endpoint: core.ms.endpoint, begin: core.ms, end: core.ws, shared: false });
  }
  if (core.mr !== undefined) {
    const begin = core.wr ?? core.mr;
    const end = core.wr !== undefined ? core.mr : undefined;
    sides.push({ kind: 'consumer', endpoint: core.mr.endpoint, begin, end, shared: hasProducer });
  }
  if (sides.length === 0) {
    sides.push({ kind: 'internal', endpoint: undefined, begin: undefined, end: undefined, shared: false });
  }
  return sides.map((side, index) => ({ ...side, ownsSpanTimes: index === 0 }));
}

/** The side an annotation or binary annotation recorded on `endpoint` belongs to. */
export function sideIndexFor(sides: readonly Side[], endpoint: Endpoint | undefined): number {
  const service = endpoint?.serviceName;
  if (service === undefined) return 0;
  const index = sides.findIndex((side) => side.endpoint?.serviceName === service);
  return index < 0 ? 0 : index;
}

/**
 * Which spans measure what a caller of a service experienced: the spans where work enters the
 * service. A service's internal spans (a DB query inside a request) and its client spans (calls it
 * makes to others) would mix other latencies into the service's numbers, so by default only entry
 * spans count:
 *
 * - SERVER and CONSUMER spans (the service received a request or a message);
 * - roots (nobody recorded the call, so the root is where the trace entered);
 * - spans whose parent belongs to another service (instrumentation that records no kind, or a client
 *   span in the caller's process whose server side was not traced).
 */
import type { SpanNode } from '../model/trace.js';

export function isEntrySpan(node: SpanNode): boolean {
  const kind = node.span.kind;
  if (kind === 'server' || kind === 'consumer') return true;
  return node.parent === undefined || node.parent.span.service !== node.span.service;
}

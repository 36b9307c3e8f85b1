/**
 * Deterministic dumps of a small checkout flow, for `check` and `diff` tests: each trace is
 *
 *   frontend GET /checkout (server, root) ─┬─ cart GetCart (server) ── redis GET (client, cart's own)
 *                                          ├─ payments Charge (server)
 *                                          ├─ inventory Reserve (server)
 *                                          └─ shipping Quote (server)
 *
 * with the calls one after another and seeded, skewed (log-normal) durations. A "head" dump can make
 * one operation slower by a factor and make another fail some share of its requests, so a diff has a
 * known answer. Same options, same spans, same bytes.
 */
import type { Span } from '../../src/model/span.js';
import { makeSpan } from './make-span.js';
import { seededRandom } from './seeded-random.js';

export interface CheckoutOptions {
  readonly traces: number;
  readonly seed: number;
  /** Multiply this operation's durations ("payments/Charge"). */
  readonly slower?: { readonly operation: string; readonly factor: number };
  /** This operation fails with this probability ("inventory/Reserve"). */
  readonly failing?: { readonly operation: string; readonly rate: number };
  /** Milliseconds between trace starts (default 1000). */
  readonly everyMs?: number;
}

/** Median durations (ms) of the calls the root makes, in order. */
const CALLS: readonly { service: string; operation: string; medianMs: number }[] = [
  { service: 'cart', operation: 'GetCart', medianMs: 15 },
  { service: 'payments', operation: 'Charge', medianMs: 20 },
  { service: 'inventory', operation: 'Reserve', medianMs: 10 },
  { service: 'shipping', operation: 'Quote', medianMs: 8 },
];
const ROOT_OWN_MS = 100;


/** The spans of every trace; durations in whole microseconds. */
export function checkoutSpans(options: CheckoutOptions): Span[] {
  const next = seededRandom(options.seed);
  // Log-normal-ish around the median: the sum of three uniforms, scaled.
  const skewed = (medianMs: number): number => Math.max(0.001, Math.round(medianMs * Math.exp((next() + next() + next() - 1.5) * 0.5) * 1000) / 1000);
  const spans: Span[] = [];
  for (let t = 0; t < options.traces; t++) {
    const traceId = (t + 1).toString(16).padStart(32, '0');
    const start = t * (options.everyMs ?? 1000);
    const span = (spec: Parameters<typeof makeSpan>[0]): Span => makeSpan({ traceId, ...spec });
    let cursor = start + 2;
    const children: Span[] = [];
    CALLS.forEach((call, i) => {
      const name = `${call.service}/${call.operation}`;
      const factor = options.slower?.operation === name ? options.slower.factor : 1;
      const dur = Math.round(skewed(call.medianMs) * factor * 1000) / 1000;
      const failed = options.failing?.operation === name && next() < options.failing.rate;
      const id = `${t + 1}${i + 1}`.padStart(16, '0');
      children.push(
        span({ id, parent: `${t + 1}0`, start: cursor, dur, service: call.service, operation: call.operation, kind: 'server', status: failed ? 'error' : 'unset' }),
      );
      if (call.service === 'cart') {
        children.push(span({ id: `${t + 1}5`.padStart(16, '0'), parent: id, start: cursor + 1, dur: Math.min(dur - 1, 3), service: 'cart', operation: 'redis GET', kind: 'client' }));
      }
      cursor += dur + 1;
    });
    const rootDur = cursor - start + skewed(ROOT_OWN_MS);
    spans.push(span({ id: `${t + 1}0`, start, dur: Math.round(rootDur * 1000) / 1000, service: 'frontend', operation: 'GET /checkout', kind: 'server' }), ...children);
  }
  return spans;
}

/** The spans as one OTLP JSON document (a resource per service). */
export function checkoutOtlpJson(options: CheckoutOptions): string {
  return toOtlpJson(checkoutSpans(options));
}

const KIND: Record<string, number> = { internal: 1, server: 2, client: 3, producer: 4, consumer: 5, unspecified: 0 };

function toOtlpJson(spans: readonly Span[]): string {
  const byService = new Map<string, Span[]>();
  for (const s of spans) byService.set(s.service, [...(byService.get(s.service) ?? []), s]);
  return JSON.stringify({
    resourceSpans: [...byService].map(([service, list]) => ({
      resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
      scopeSpans: [
        {
          scope: { name: 'checkout-dumps' },
          spans: list.map((s) => ({
            traceId: s.traceId,
            spanId: s.spanId,
            ...(s.parentId !== undefined ? { parentSpanId: s.parentId } : {}),
            name: s.operation,
            kind: KIND[s.kind],
            startTimeUnixNano: String(s.startNs),
            endTimeUnixNano: String(s.startNs + BigInt(s.durationNs)),
            ...(s.status === 'error' ? { status: { code: 2, message: 'generated failure' } } : {}),
          })),
        },
      ],
    })),
  });
}

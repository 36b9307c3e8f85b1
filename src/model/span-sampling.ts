/**
 * What a dump says about how a span was sampled, turned into the normalized `SpanSampling` by the
 * decoders: the OpenTelemetry `ot=th:` threshold of its tracestate, a Jaeger root's `sampler.type`
 * and `sampler.param` tags, and the Collector's `tailsampling.policy`. Also the compact key under
 * which a sampling travels in compact batches (one interned string a distinct sampling).
 */
import type { SamplingMethod, SpanSampling } from './span.js';
import { otSubKeys } from './trace-state.js';
import { parseThreshold, probabilityOfThreshold, MAX_THRESHOLD } from './sampling-threshold.js';

/** The attribute (OTLP: scope attribute) the Collector's tail sampler names the deciding policy in. */
export const TAIL_POLICY_KEY = 'tailsampling.policy';

/** The probability in an `ot=th:` threshold of a tracestate, or undefined when there is none (or it is malformed). */
export function probabilityOfTraceState(traceState: string | undefined): number | undefined {
  const th = otSubKeys(traceState).get('th');
  const threshold = th === undefined ? undefined : parseThreshold(th);
  return threshold === undefined || threshold >= MAX_THRESHOLD ? undefined : probabilityOfThreshold(threshold);
}

/**
 * A Jaeger client's sampler tags (on the root span: they speak for the whole trace). `probabilistic`
 * gives its probability; `ratelimiting` and `lowerbound` (a rate limiter let it through) none;
 * `const` and anything else say nothing about a sample.
 */
export function jaegerSampling(type: unknown, param: unknown): SpanSampling | undefined {
  if (type === 'probabilistic') {
    const p = typeof param === 'number' ? param : typeof param === 'string' ? Number(param) : NaN;
    return p > 0 && p <= 1 ? { probability: p, method: 'probabilistic' } : { method: 'rate-limiting' };
  }
  if (type === 'ratelimiting' || type === 'lowerbound') return { method: 'rate-limiting' };
  return undefined;
}

/** The sampling of a span: its tracestate's threshold, else `fallback` (a Jaeger root's), and a tail policy. */
export function spanSampling(traceState: string | undefined, fallback: SpanSampling | undefined, tailPolicy: string | undefined): SpanSampling | undefined {
  const p = probabilityOfTraceState(traceState);
  const head: SpanSampling | undefined = p !== undefined ? { probability: p, method: 'consistent' } : fallback;
  if (tailPolicy === undefined || tailPolicy === '') return head;
  return { ...head, tailPolicy };
}

/** The adjusted count of a span: 1 / probability, or 1 when the dump gives no probability. */
export function adjustedCount(sampling: SpanSampling | undefined): number {
  const p = sampling?.probability;
  return p === undefined ? 1 : 1 / p;
}

/** A sampling as one short string (compact batches intern it); the inverse is `samplingOfKey`. */
export function samplingKey(s: SpanSampling): string {
  return `${s.probability ?? ''}|${s.method ?? ''}|${s.tailPolicy ?? ''}`;
}

const METHODS: ReadonlySet<string> = new Set<SamplingMethod>(['consistent', 'probabilistic', 'rate-limiting']);

export function samplingOfKey(key: string): SpanSampling {
  const first = key.indexOf('|');
  const second = key.indexOf('|', first + 1);
  const probability = key.slice(0, first);
  const method = key.slice(first + 1, second);
  const tailPolicy = key.slice(second + 1);
  const out: { -readonly [K in keyof SpanSampling]: SpanSampling[K] } = {};
  if (probability !== '') out.probability = Number(probability);
  if (METHODS.has(method)) out.method = method as SamplingMethod;
  if (tailPolicy !== '') out.tailPolicy = tailPolicy;
  return out;
}

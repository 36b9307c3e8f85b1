/**
 * Dumps with a planted cause, for `why`: spans made slow (or failing) by one attribute value, among
 * attributes that are noise (a random bucket, a customer id of hundreds of values, a unique request
 * id) and a confounder (`shard = "s-hot"`, twice as common where the cause is, but not a cause
 * itself). Written in every input format: Jaeger, Zipkin v1 and v2, OTLP JSON and JSON lines.
 *
 * Each trace is one span (a server span or a database client span, in turn) on one of eight hosts,
 * so no span's duration depends on another's; each span draws its own attributes. The cause makes a span ten times slower (or fail) in 85% of the spans that have it,
 * so the slowest tenth are nearly all caused: the planted value has ~100% of the selection against
 * ~20% of the baseline, and the confounder ~60% against ~20%.
 */
import type { SpanGroup, WireTarget } from '../../src/formats/encode/contract.js';
import type { AttrValue, Span } from '../../src/model/span.js';
import { encodeWire } from './convert.js';
import { seededRandom } from './seeded-random.js';

export type Cause = 'text' | 'resource' | 'bool' | 'number' | 'errors';
export type PlantedFormat = WireTarget | 'zipkin-v1';
export const PLANTED_FORMATS: readonly PlantedFormat[] = ['jaeger', 'zipkin-v1', 'zipkin', 'otlp', 'otlp-jsonl'];

/** What `why` should find first, per cause. */
export const PLANTED: Readonly<Record<Cause, { key: string; op: string; value: string; scope: string }>> = {
  text: { key: 'db.replica', op: '=', value: 'replica-2', scope: 'span' },
  resource: { key: 'host.ip', op: '=', value: '10.0.0.7', scope: 'resource' },
  bool: { key: 'cache.hit', op: '=', value: 'false', scope: 'span' },
  number: { key: 'payload.bytes', op: '>=', value: '1500000', scope: 'span' },
  errors: { key: 'feature.flag', op: '=', value: 'beta', scope: 'span' },
};

/** Keys that must never be a finding. */
export const NOISE_KEYS: readonly string[] = ['noise.bucket', 'customer.id', 'request.id'];

const START_NS = 1_700_000_000_000_000_000n;

export function plantedGroups(cause: Cause, traces = 1600, seed = 7): SpanGroup[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const hex = (n: number): string => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
  const hosts = Array.from({ length: 8 }, (_, i) => `10.0.0.${i + 1}`);
  const resources = new Map(hosts.map((ip) => [ip, { 'service.name': 'search', 'host.ip': ip }]));
  const groups: SpanGroup[] = [];
  let clock = START_NS;
  for (let t = 0; t < traces; t++) {
    const traceId = hex(32);
    const ip = pick(hosts);
    const resource = resources.get(ip)!;
    const spans: Span[] = [];
    {
      const role = t % 2 === 0 ? 'server' : 'client';
      const replica = pick(['replica-1', 'replica-2', 'replica-3', 'replica-4']);
      const cacheHit = random() < 0.7;
      const payload = Math.floor(random() * 2_000_000);
      const flag = pick(['alpha', 'beta', 'gamma']);
      const caused =
        cause === 'text' ? replica === 'replica-2' : cause === 'resource' ? ip === '10.0.0.7' : cause === 'bool' ? !cacheHit : cause === 'number' ? payload >= 1_500_000 : flag === 'beta';
      const hot = random() < (caused ? 0.5 : 0.15);
      const effect = caused && random() < 0.85;
      const base = Math.round(8 + random() * 30);
      const durationMs = cause !== 'errors' && effect ? base * 10 : base;
      const failed = cause === 'errors' ? effect || random() < 0.02 : random() < 0.02;
      const attributes: Record<string, AttrValue> = {
        'db.replica': replica,
        'cache.hit': cacheHit,
        'payload.bytes': payload,
        'feature.flag': flag,
        shard: hot ? 's-hot' : pick(['s-1', 's-2', 's-3', 's-4']),
        'noise.bucket': `b${Math.floor(random() * 10)}`,
        'customer.id': `c-${Math.floor(random() * 300)}`,
        'request.id': hex(16),
      };
      spans.push({
        traceId,
        spanId: hex(16),
        refs: [],
        service: 'search',
        operation: role === 'server' ? 'GET /search' : 'SELECT items',
        kind: role,
        startNs: clock,
        durationNs: durationMs * 1_000_000,
        timing: 'exact',
        status: failed ? 'error' : 'unset',
        ...(failed ? { statusMessage: 'failed' } : {}),
        attributes,
        resource,
        events: [],
        format: 'otlp',
      });
    }
    groups.push({ traceId, spans });
    clock += 50_000_000n;
  }
  return groups;
}

/** The dump in one format, as text. */
export function plantedDump(cause: Cause, format: PlantedFormat, traces?: number, seed?: number): string {
  const groups = plantedGroups(cause, traces, seed);
  return format === 'zipkin-v1' ? zipkinV1(groups) : encodeWire(format, groups);
}

/**
 * Zipkin v1 (no encoder writes it): core annotations for the side (sr/ss on a server span, cs/cr on
 * a client span) with the local endpoint, every attribute as a string binary annotation, `error` for
 * a failure.
 */
function zipkinV1(groups: readonly SpanGroup[]): string {
  const out: object[] = [];
  for (const g of groups) {
    for (const s of g.spans) {
      const us = Number(s.startNs / 1000n);
      const dur = Math.round(s.durationNs / 1000);
      const endpoint = { serviceName: s.service, ipv4: String(s.resource['host.ip']) };
      const [begin, end] = s.kind === 'server' ? ['sr', 'ss'] : ['cs', 'cr'];
      const binary = Object.entries(s.attributes).map(([key, value]) => ({ key, value: String(value), endpoint }));
      if (s.status === 'error') binary.push({ key: 'error', value: s.statusMessage ?? 'true', endpoint });
      out.push({
        traceId: g.traceId,
        id: s.spanId,
        ...(s.parentId !== undefined ? { parentId: s.parentId } : {}),
        name: s.operation,
        timestamp: us,
        duration: dur,
        annotations: [
          { timestamp: us, value: begin, endpoint },
          { timestamp: us + dur, value: end, endpoint },
        ],
        binaryAnnotations: binary,
      });
    }
  }
  return JSON.stringify(out);
}

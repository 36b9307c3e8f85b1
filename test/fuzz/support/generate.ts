/**
 * Generated dumps: traces made up by fast-check (tree shapes, odd ids, odd times, hostile names) and
 * written out in each wire format, so the suite reaches states no hand-written fixture has. The
 * writers are deliberately plain (one obvious wire shape per format); the fixtures cover the variants.
 */
import fc from 'fast-check';

export interface GenSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentId?: string;
  readonly service: string;
  readonly name: string;
  /** Epoch microseconds as written (may be implausible on purpose). */
  readonly startUs: number;
  readonly durationUs: number;
  readonly kind: 'server' | 'client' | 'producer' | 'consumer' | 'internal';
  readonly error: boolean;
  readonly attrs: Readonly<Record<string, string | number | boolean>>;
}

export type GenFormat = 'jaeger' | 'zipkin' | 'otlp' | 'otlp-lines';
export const GEN_FORMATS: readonly GenFormat[] = ['jaeger', 'zipkin', 'otlp', 'otlp-lines'];

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0').slice(-width);

/** Names: mostly ordinary, sometimes hostile (control characters, escapes, bidi, wide, empty, long). */
const nameArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('GET /checkout', 'charge', 'db.query', 'SELECT', 'frontend', 'payments') },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom('', '\u001b]0;owned\u0007\u001b[2J', '\u202eevil', '\u009b31m', '日本語のサービス', 'a\nb\tc\r', 'x'.repeat(300)) },
);

/** Start times: microseconds as they should be, or in the wrong unit, or absurd. */
const baseArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant(1_700_000_000_000_000) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1_700_000_000, 1_700_000_000_000, 1_700_000_000_000_000_000, -5, 4.2e15) },
);

const durationArb = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 2_000_000 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -100, 1e13, 0.25, 9.5e15) },
);

/** An id: right length hex mostly; sometimes too short, too long, upper case, not hex. */
function idArb(index: number, width: number): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 12, arbitrary: fc.constant(hex(index + 1, width)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        hex(index + 1, 3),
        hex(index + 1, width) + 'abc',
        hex(index + 1, width).toUpperCase() + 'F',
        `zz${index}\u001b[2J`,
        '0'.repeat(width),
      ),
    },
  );
}

interface SpanShape {
  parent: number; // -1 root, -2 missing parent, -3 self, else index (may point forward: cycles)
  service: string;
  name: string;
  offsetUs: number;
  durationUs: number;
  kind: GenSpan['kind'];
  error: boolean;
  attrs: Record<string, string | number | boolean>;
}

const shapeArb = (count: number): fc.Arbitrary<SpanShape[]> =>
  fc.array(
    fc.record({
      parent: fc.oneof({ weight: 10, arbitrary: fc.integer({ min: -1, max: count - 1 }) }, { weight: 1, arbitrary: fc.constantFrom(-2, -3) }),
      service: fc.oneof({ weight: 5, arbitrary: fc.constantFrom('frontend', 'checkout', 'payments', 'db') }, { weight: 1, arbitrary: nameArb }),
      name: nameArb,
      offsetUs: fc.integer({ min: -1000, max: 500_000 }),
      durationUs: durationArb,
      kind: fc.constantFrom('server', 'client', 'producer', 'consumer', 'internal'),
      error: fc.boolean(),
      attrs: fc.dictionary(
        fc.oneof(fc.constantFrom('http.status_code', 'db.statement', 'user.id', 'error.message'), fc.string({ maxLength: 6 })),
        fc.oneof(fc.string({ unit: 'binary', maxLength: 20 }), fc.integer(), fc.boolean(), fc.double({ noNaN: true, noDefaultInfinity: true })),
        { maxKeys: 3 },
      ),
    }),
    { minLength: count, maxLength: count },
  );

/** One trace: spans whose parents are mostly earlier spans (a tree), sometimes missing, self, or later (cycles). */
const traceArb = (traceIndex: number): fc.Arbitrary<GenSpan[]> =>
  fc.integer({ min: 1, max: 12 }).chain((count) =>
    fc
      .tuple(
        fc.oneof({ weight: 10, arbitrary: fc.constant(hex(0xabc000 + traceIndex, 32)) }, { weight: 1, arbitrary: fc.constantFrom(hex(traceIndex + 1, 16), hex(traceIndex + 1, 5), `T${traceIndex}\u0007`) }),
        baseArb,
        shapeArb(count),
        fc.tuple(...Array.from({ length: count }, (_, i) => idArb(traceIndex * 100 + i, 16))),
      )
      .map(([traceId, base, shapes, ids]) =>
        shapes.map((s, i): GenSpan => {
          // Pointing at itself by index is a self-parent too; pointing at a later span can make a cycle.
          const parentId = s.parent === -1 ? undefined : s.parent === -2 ? 'ffffffffffffff00' : s.parent === -3 ? ids[i] : ids[s.parent];
          return {
            traceId,
            spanId: ids[i]!,
            ...(parentId !== undefined ? { parentId } : {}),
            service: s.service,
            name: s.name,
            startUs: base + s.offsetUs,
            durationUs: s.durationUs,
            kind: s.kind,
            error: s.error,
            attrs: s.attrs,
          };
        }),
      ),
  );

/** A dump: one to three traces. */
export const dumpArb: fc.Arbitrary<GenSpan[]> = fc
  .integer({ min: 1, max: 3 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => traceArb(i))))
  .map((traces) => traces.flat());

// ---- writers ----------------------------------------------------------------------------------

function jaegerTag(key: string, value: string | number | boolean): object {
  if (typeof value === 'boolean') return { key, type: 'bool', value };
  if (typeof value === 'number') return Number.isInteger(value) ? { key, type: 'int64', value } : { key, type: 'float64', value };
  return { key, type: 'string', value };
}

function toJaeger(spans: readonly GenSpan[]): string {
  const traces = new Map<string, GenSpan[]>();
  for (const s of spans) traces.set(s.traceId, [...(traces.get(s.traceId) ?? []), s]);
  const data = [...traces].map(([traceId, list]) => {
    const services = [...new Set(list.map((s) => s.service))];
    return {
      traceID: traceId,
      spans: list.map((s) => ({
        traceID: s.traceId,
        spanID: s.spanId,
        operationName: s.name,
        references: s.parentId === undefined ? [] : [{ refType: 'CHILD_OF', traceID: s.traceId, spanID: s.parentId }],
        startTime: s.startUs,
        duration: s.durationUs,
        tags: [jaegerTag('span.kind', s.kind), ...(s.error ? [jaegerTag('error', true)] : []), ...Object.entries(s.attrs).map(([k, v]) => jaegerTag(k, v))],
        logs: [],
        processID: `p${services.indexOf(s.service) + 1}`,
      })),
      processes: Object.fromEntries(services.map((name, i) => [`p${i + 1}`, { serviceName: name, tags: [] }])),
    };
  });
  return JSON.stringify({ data }, null, 1);
}

function toZipkin(spans: readonly GenSpan[]): string {
  return JSON.stringify(
    spans.map((s) => ({
      traceId: s.traceId,
      id: s.spanId,
      ...(s.parentId !== undefined ? { parentId: s.parentId } : {}),
      name: s.name,
      ...(s.kind !== 'internal' ? { kind: s.kind.toUpperCase() } : {}),
      timestamp: s.startUs,
      duration: s.durationUs,
      localEndpoint: { serviceName: s.service },
      tags: { ...Object.fromEntries(Object.entries(s.attrs).map(([k, v]) => [k, String(v)])), ...(s.error ? { error: 'failed' } : {}) },
    })),
  );
}

const OTLP_KIND = { internal: 1, server: 2, client: 3, producer: 4, consumer: 5 } as const;

function otlpValue(v: string | number | boolean): object {
  if (typeof v === 'boolean') return { boolValue: v };
  if (typeof v === 'number') return Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v };
  return { stringValue: v };
}

function otlpResourceSpans(service: string, list: readonly GenSpan[]): object {
  const ns = (us: number): string => BigInt(Math.round(us)).toString() + '000';
  return {
    resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
    scopeSpans: [
      {
        scope: { name: 'fuzz' },
        spans: list.map((s) => ({
          traceId: s.traceId,
          spanId: s.spanId,
          parentSpanId: s.parentId ?? '',
          name: s.name,
          kind: OTLP_KIND[s.kind],
          startTimeUnixNano: ns(s.startUs),
          endTimeUnixNano: ns(s.startUs + s.durationUs),
          attributes: Object.entries(s.attrs).map(([key, v]) => ({ key, value: otlpValue(v) })),
          status: s.error ? { code: 2, message: 'failed' } : {},
        })),
      },
    ],
  };
}

function byService(spans: readonly GenSpan[]): Map<string, GenSpan[]> {
  const groups = new Map<string, GenSpan[]>();
  for (const s of spans) groups.set(s.service, [...(groups.get(s.service) ?? []), s]);
  return groups;
}

function toOtlp(spans: readonly GenSpan[]): string {
  return JSON.stringify({ resourceSpans: [...byService(spans)].map(([svc, list]) => otlpResourceSpans(svc, list)) }, null, 1);
}

/** The Collector file exporter's shape: one ExportTraceServiceRequest per line. */
function toOtlpLines(spans: readonly GenSpan[]): string {
  return [...byService(spans)].map(([svc, list]) => JSON.stringify({ resourceSpans: [otlpResourceSpans(svc, list)] })).join('\n') + '\n';
}

export function writeDump(spans: readonly GenSpan[], format: GenFormat): Buffer {
  const text = format === 'jaeger' ? toJaeger(spans) : format === 'zipkin' ? toZipkin(spans) : format === 'otlp' ? toOtlp(spans) : toOtlpLines(spans);
  return Buffer.from(text);
}

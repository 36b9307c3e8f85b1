import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { otlpDecoder } from '../../../src/formats/otlp/decoder.js';

/**
 * The FormatDecoder contract: decode never throws, whatever the record holds. Arbitrary JSON is
 * dropped into every position of an otherwise well-formed document.
 */
const json = fc.jsonValue({ maxDepth: 4 });

const span = fc.record(
  {
    traceId: fc.oneof(json, fc.constant('4bf92f3577b34da6a3ce929d0e0e4736')),
    spanId: fc.oneof(json, fc.constant('00f067aa0ba902b7')),
    parentSpanId: json,
    name: json,
    kind: json,
    startTimeUnixNano: fc.oneof(json, fc.constant('1700000000000000000')),
    endTimeUnixNano: json,
    attributes: fc.oneof(json, fc.array(fc.record({ key: json, value: json }))),
    events: json,
    links: fc.oneof(json, fc.array(fc.record({ traceId: json, spanId: json, attributes: json }))),
    status: fc.oneof(json, fc.record({ code: json, message: json, deprecatedCode: json })),
  },
  { requiredKeys: [] },
);

const resourceSpans = fc.record(
  {
    resource: fc.oneof(json, fc.record({ attributes: fc.oneof(json, fc.array(fc.record({ key: json, value: json }))) })),
    scopeSpans: fc.oneof(json, fc.array(fc.oneof(json, fc.record({ scope: json, spans: fc.oneof(json, fc.array(span)) })))),
    instrumentationLibrarySpans: json,
  },
  { requiredKeys: [] },
);

describe('otlpDecoder.decode never throws', () => {
  it('on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (record) => {
        const out = otlpDecoder.decode(record, { file: 'fuzz.json' });
        expect(Array.isArray(out.spans) && Array.isArray(out.warnings)).toBe(true);
      }),
    );
  });

  it('on documents with arbitrary JSON in every field', () => {
    fc.assert(
      fc.property(fc.array(resourceSpans, { maxLength: 3 }), (items) => {
        const out = otlpDecoder.decode({ resourceSpans: items }, { file: 'fuzz.json' });
        for (const s of out.spans) {
          expect(s.durationNs).toBeGreaterThanOrEqual(0);
          expect(s.format).toBe('otlp');
        }
      }),
      { numRuns: 300 },
    );
  });
});

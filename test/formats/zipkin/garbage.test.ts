import { describe, expect, it } from 'vitest';
import { zipkinDecoder } from '../../../src/formats/zipkin/decoder.js';
import { decodeFixture, FIXTURE_FILE, readFixture, warning, zipkinSpan } from './decode-fixture.js';

const ctx = { file: FIXTURE_FILE };

/** The one span in garbage.json that has ids, read as well as it can be. */
const oddSpan = zipkinSpan({
  traceId: 'not-hex!',
  spanId: 'zz',
  parentId: 'badid',
  parentType: 'child_of',
  service: 'unknown_service', // localEndpoint is a string
  operation: '', // name is a number
  kind: 'unspecified', // "SIDEWAYS" is no Zipkin kind
  startNs: 1_700_000_000_000_000_000n, // decimal strings are read as numbers
  durationNs: 250_000,
  timing: 'exact',
  status: 'unset',
  // numbers and booleans spelled out; objects and null left out; "__proto__" kept as a plain key
  attributes: JSON.parse('{"n":"1","b":"false","__proto__":"kept"}') as Record<string, string>,
  resource: {},
  events: [{ timeNs: 1_700_000_000_000_100_000n, name: '3', attributes: {} }],
  flags: ['invalid-id'],
});

const oddWarnings = [
  warning('invalid-id', 'trace id "not-hex!" is not a hex id: kept as given', 'not-hex!'),
  warning('invalid-id', 'span id "ZZ" is not a hex id: kept as given', 'not-hex!', 'zz'),
  warning('invalid-id', 'parent id "BADID" is not a hex id: kept as given', 'not-hex!', 'zz'),
  // Tags are text: the object and the null are left out, and said so.
  warning('skipped-field', 'span zz: tag "o" is an object, not text; left out', 'not-hex!', 'zz'),
  warning('skipped-field', 'span zz: tag "z" is null, not text; left out', 'not-hex!', 'zz'),
];

describe('zipkin: tags that are not text', () => {
  it('a list, an object or null is left out with a skipped-field warning; lean decoding says the same of a status tag', () => {
    const span = { traceId: '00000000000000aa', id: '0000000000000001', name: 'x', timestamp: 1_700_000_000_000_000, duration: 5, tags: { ok: 'yes', list: ['a'], error: { code: 1 } } };
    const full = zipkinDecoder.decode(span, ctx);
    expect(full.spans[0]!.attributes).toEqual({ ok: 'yes' });
    // The error tag's value is left out, but its presence still marks the span failed (as in Zipkin).
    expect(full.spans[0]!.status).toBe('error');
    expect(full.spans[0]!.statusMessage).toBeUndefined();
    expect(zipkinDecoder.decode(span, { ...ctx, lean: true }).spans[0]!.status).toBe('error');
    const described = { ...span, tags: { error: null, 'otel.status_description': 'card declined' } };
    expect(zipkinDecoder.decode(described, ctx).spans[0]).toMatchObject({ status: 'error', statusMessage: 'card declined' });
    const other = { ...span, tags: { list: ['a'] } };
    expect(zipkinDecoder.decode(other, ctx).spans[0]!.status).toBe('unset');
    expect(full.warnings.map((w) => [w.code, w.message])).toEqual([
      ['skipped-field', 'span 0000000000000001: tag "list" is a list, not text; left out'],
      ['skipped-field', 'span 0000000000000001: tag "error" is an object, not text; left out'],
    ]);
    expect(zipkinDecoder.decode(span, { ...ctx, lean: true }).warnings.map((w) => w.message)).toEqual(['span 0000000000000001: tag "error" is an object, not text; left out']);
  });
});

describe('zipkin: garbage never throws', () => {
  it('skips entries that are not spans or lack an id, with a warning each, when handed the whole list', () => {
    const { spans, warnings } = zipkinDecoder.decode(readFixture('garbage.json'), ctx);
    expect(warnings).toEqual([
      warning('skipped-span', 'Zipkin span expected, found null: skipped'),
      warning('skipped-span', 'Zipkin span expected, found a number: skipped'),
      warning('skipped-span', 'Zipkin span expected, found a string: skipped'),
      warning('skipped-span', 'Zipkin span without id: skipped', '0ed2e63cbe71f5a8'),
      warning('skipped-span', 'Zipkin span without traceId: skipped'),
      warning('skipped-span', 'Zipkin span without traceId: skipped'),
      warning('skipped-span', 'Zipkin span without traceId: skipped'),
      ...oddWarnings,
    ]);
    expect(spans).toStrictEqual([oddSpan]);
    expect(Object.keys(oddSpan.attributes)).toEqual(['n', 'b', '__proto__']);
    expect(Object.getPrototypeOf(spans[0]?.attributes)).toBe(Object.prototype);
  });

  it('decodes framed records the same way; a record without the traceId or id key never reaches the decoder', () => {
    const { spans, warnings, rejected } = decodeFixture('garbage.json');
    expect(rejected).toEqual([
      { traceId: '0ed2e63cbe71f5a8', name: 'no id' },
      { id: '0ed2e63cbe71f5a8', name: 'no trace id' },
    ]);
    expect(warnings).toEqual([
      warning('skipped-span', 'Zipkin span without traceId: skipped'),
      warning('skipped-span', 'Zipkin span without traceId: skipped'),
      ...oddWarnings,
    ]);
    expect(spans).toStrictEqual([oddSpan]);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a number', 7],
    ['a boolean', true],
    ['a list nested three deep', [[[{ traceId: '1', id: '2' }]]]],
  ])('returns no span and a warning for %s', (_what, record) => {
    const { spans, warnings } = zipkinDecoder.decode(record, ctx);
    expect(spans).toEqual([]);
    expect(warnings.map((w) => w.code)).toEqual(['skipped-span']);
  });

  it('survives odd values in every field of v1 and v2 spans', () => {
    const odd: unknown[] = [null, 0, -1, 1e308, 'x', true, [], {}, [null], { a: [1] }];
    for (const value of odd) {
      for (const key of ['parentId', 'name', 'kind', 'timestamp', 'duration', 'localEndpoint', 'remoteEndpoint', 'annotations', 'tags', 'shared', 'binaryAnnotations']) {
        const span = { traceId: '5af7183fb1d4cf5f', id: '6b221d5bc9e6496c', [key]: value };
        const { spans } = zipkinDecoder.decode(span, ctx);
        expect(spans.length).toBeGreaterThanOrEqual(1);
        for (const s of spans) expect(s.durationNs).toBeGreaterThanOrEqual(0);
      }
      const v1 = {
        traceId: '5af7183fb1d4cf5f',
        id: '6b221d5bc9e6496c',
        annotations: [{ value: 'cs', timestamp: value, endpoint: value }, { value, timestamp: 1, endpoint: {} }],
        binaryAnnotations: [{ key: 'sa', value, endpoint: value }, { key: value, value }, value],
      };
      expect(zipkinDecoder.decode(v1, ctx).spans).toHaveLength(1);
    }
  });
});

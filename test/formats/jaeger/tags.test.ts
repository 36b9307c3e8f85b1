import { describe, expect, it } from 'vitest';
import { decodeFixture, jspan } from './helpers.js';
import type { AttrValue } from '../../../src/model/span.js';

describe('jaeger decoder: typed tags', () => {
  it('keeps each declared type, big int64 as decimal strings, and values that do not parse as given', () => {
    const { spans, warnings } = decodeFixture('typed-tags.json');
    const attributes: Record<string, AttrValue> = {
      javascript_limit: '9223372036854775222',
      negative_limit: '-9007199254740993',
      int_as_string: 42,
      'peer.ipv4': 23456,
      int_not_a_number: '12abc',
      temperature: 72.5,
      float_as_string: 2.5,
      float_not_a_number: 'fast',
      blob: 'AAAwOQ==',
      flag: true,
      string_typed_number: '7',
      unknown_type: 3,
      structured: '{"a":[1,2]}',
      missing_value: null,
      repeated: 'last',
    };
    // A "__proto__" tag is stored as data, not as the object's prototype.
    Object.defineProperty(attributes, '__proto__', {
      value: 'stored as data',
      enumerable: true,
      writable: true,
      configurable: true,
    });
    expect(spans).toStrictEqual([
      jspan({
        traceId: '00000000000000c1',
        spanId: '0000000000000001',
        service: 'typed-svc',
        operation: 'typed',
        startNs: 1_485_467_191_639_875_000n,
        durationNs: 5_000,
        attributes,
        resource: { ip: 167772161 },
        host: '10.0.0.1', // an IPv4 address packed into 32 bits, as Jaeger's Java clients write `ip`
        events: [
          {
            timeNs: 1_485_467_191_639_876_000n,
            name: 'log',
            attributes: { bytes: '9007199254740993', ok: false },
          },
        ],
      }),
    ]);
    expect(Object.getPrototypeOf(spans[0]?.attributes)).toBe(Object.prototype);
    expect(Object.keys(spans[0]?.attributes ?? {})).toContain('__proto__');
    expect(warnings).toStrictEqual([]);
  });
});

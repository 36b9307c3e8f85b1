import { describe, expect, it } from 'vitest';
import { DEEP_TEXT_CHARS, MAX_DEPTH, anyValue, attributesOf } from '../../../src/formats/otlp/any-value.js';

/** An AnyValue nested `depth` kvlists deep, with a string at the bottom. */
function nestedKvlist(depth: number): unknown {
  let value: unknown = { stringValue: 'bottom' };
  for (let i = 0; i < depth; i += 1) value = { kvlistValue: { values: [{ key: 'k', value }] } };
  return value;
}

describe('anyValue', () => {
  it.each([
    [{ stringValue: 'x' }, 'x'],
    [{ stringValue: '' }, ''],
    [{ boolValue: true }, true],
    [{ boolValue: 'false' }, false],
    [{ intValue: '42' }, 42],
    [{ intValue: 42 }, 42],
    [{ intValue: '-0' }, 0],
    [{ intValue: '+17' }, 17],
    [{ intValue: '9007199254740991' }, 9_007_199_254_740_991],
    [{ intValue: '9007199254740992' }, '9007199254740992'],
    [{ intValue: '18446744073709551615' }, '18446744073709551615'],
    [{ intValue: '00012345678901234567890' }, '12345678901234567890'],
    [{ intValue: 'twelve' }, 'twelve'],
    [{ intValue: 2 ** 60 }, '1152921504606846976'],
    [{ doubleValue: 1.5 }, 1.5],
    [{ doubleValue: '1.5' }, 1.5],
    [{ doubleValue: 'Infinity' }, 'Infinity'],
    [{ bytesValue: 'AAAwOQ==' }, 'AAAwOQ=='],
    [{ arrayValue: { values: [{ intValue: '1' }, { stringValue: 'two' }] } }, [1, 'two']],
    [{ arrayValue: null }, []],
    [{ kvlistValue: { values: [{ key: 'a', value: { boolValue: true } }, { value: { stringValue: 'no key' } }] } }, { a: true }],
    [{}, null],
    [null, null],
    [{ stringValue: 5 }, null],
    [{ somethingElse: 1 }, null],
  ])('%j -> %j', (raw, expected) => {
    expect(anyValue(raw)).toStrictEqual(expected);
  });

  it(`converts ${MAX_DEPTH} kvlist levels structurally and keeps deeper ones as text`, () => {
    let value = anyValue(nestedKvlist(MAX_DEPTH + 1));
    for (let i = 0; i < MAX_DEPTH; i += 1) {
      expect(value).toBeTypeOf('object');
      value = (value as Record<string, unknown>)['k'] as typeof value;
    }
    expect(value).toBe('{"values":[{"key":"k","value":{"stringValue":"bottom"}}]}');
  });

  it('survives 100,000 levels of nesting without recursing into them', () => {
    let value = anyValue(nestedKvlist(100_000));
    for (let i = 0; i < MAX_DEPTH; i += 1) value = (value as Record<string, unknown>)['k'] as typeof value;
    expect(typeof value).toBe('string');
    expect((value as string).length).toBe(DEEP_TEXT_CHARS + 1);
    expect((value as string).endsWith('…')).toBe(true);
  });
});

describe('attributesOf', () => {
  it('is {} for anything but a KeyValue list', () => {
    expect(attributesOf(undefined)).toStrictEqual({});
    expect(attributesOf({ key: 'a' })).toStrictEqual({});
  });

  it('keeps the last value of a repeated key and skips entries without a string key', () => {
    const attrs = attributesOf([
      { key: 'a', value: { intValue: '1' } },
      null,
      { key: 3, value: { intValue: '3' } },
      { key: 'a', value: { intValue: '2' } },
    ]);
    expect(attrs).toStrictEqual({ a: 2 });
  });

  it('stores a "__proto__" key as an attribute, never as the prototype', () => {
    const attrs = attributesOf([{ key: '__proto__', value: { kvlistValue: { values: [{ key: 'polluted', value: { boolValue: true } }] } } }]);
    expect(Object.getPrototypeOf(attrs)).toBe(Object.prototype);
    expect(Object.keys(attrs)).toStrictEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(attrs, '__proto__')?.value).toStrictEqual({ polluted: true });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

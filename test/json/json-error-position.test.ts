import { describe, expect, it } from 'vitest';
import { findJsonError } from '../../src/json/json-error-position.js';

describe('findJsonError', () => {
  it.each([
    ['{"a":1,}', 7, "unexpected \"}\": expected a property name"],
    ['{"a" 1}', 5, "unexpected \"1\": expected ':'"],
    ['[1 2]', 3, "unexpected \"2\": expected ',' or ']'"],
    ['{"x": tru}', 6, 'unexpected "t": expected a JSON value'],
    ['{"a":"b\u0001"}', 7, 'control character in string'],
    ['{"a":"\\q"}', 7, 'bad escape in string'],
    ['{"a":[1,2', 9, 'unexpected end of input'],
    ['{"a":1} x', 8, 'unexpected "x" after the end of the JSON value'],
  ])('%j fails at %i: %s', (text, index, message) => {
    expect(findJsonError(text)).toEqual({ index, message });
  });

  it('walks 100,000 levels of nesting without overflowing the stack', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(99_999);
    expect(findJsonError(deep)).toEqual({ index: 199_999, message: 'unexpected end of input' });
  });
});

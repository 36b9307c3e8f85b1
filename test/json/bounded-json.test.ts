import { describe, expect, it } from 'vitest';
import { boundedJson } from '../../src/json/bounded-json.js';

describe('boundedJson', () => {
  it.each([
    [{ a: [1, 'x', true, null], b: {} }, '{"a":[1,"x",true,null],"b":{}}'],
    [[], '[]'],
    ['q"uote', '"q\\"uote"'],
    [undefined, 'null'],
  ])('writes %j like JSON.stringify', (value, expected) => {
    expect(boundedJson(value, 100)).toBe(expected);
  });

  it('cuts the text at the limit and marks the cut', () => {
    expect(boundedJson({ key: 'a long value' }, 10)).toBe('{"key":"a …');
  });

  it('stops early on a huge array instead of writing all of it', () => {
    const huge = new Array<number>(1_000_000).fill(7);
    expect(boundedJson(huge, 8)).toBe('[7,7,7,7…');
  });

  it('handles nesting deeper than the call stack', () => {
    let deep: unknown = 0;
    for (let i = 0; i < 200_000; i += 1) deep = [deep];
    expect(boundedJson(deep, 5)).toBe('[[[[[…');
  });
});

import { describe, expect, it } from 'vitest';
import { maxOf, uniquePrefixLength } from '../../src/render/id-prefix.js';

describe('uniquePrefixLength', () => {
  it('is one past the longest prefix two ids share', () => {
    expect(uniquePrefixLength(['abc123', 'abd999', 'f00000'])).toBe(3);
    expect(uniquePrefixLength(['a1', 'b2'])).toBe(1);
  });
  it('counts a repeated id once (a span list may name one trace on many rows)', () => {
    expect(uniquePrefixLength(['abcdef', 'abcdef', 'b00000'])).toBe(1);
  });
});

describe('maxOf', () => {
  it('takes the floor when nothing is larger, and copes with more values than Math.max can spread', () => {
    expect(maxOf([3, 9, 4], 5)).toBe(9);
    expect(maxOf([], 5)).toBe(5);
    const many = Array.from({ length: 300_000 }, (_, i) => i % 1000);
    expect(maxOf(many, 0)).toBe(999);
  });
});

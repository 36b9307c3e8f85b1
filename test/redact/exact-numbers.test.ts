import { describe, expect, it } from 'vitest';
import { markedNumber, protectNumbers, restoreNumbers } from '../../src/redact/exact-numbers.js';

describe('exact numbers through JSON.parse and JSON.stringify', () => {
  it('keeps int64 nanoseconds beyond 2^53 and literals JavaScript would rewrite, and nothing inside strings', () => {
    const text = '{"start":1700000000000000123,"d":1.50,"e":1e3,"n":-0,"ok":42,"s":"1700000000000000123 1.50","f":0.25}';
    const parsed = JSON.parse(protectNumbers(text)) as Record<string, unknown>;
    expect(markedNumber(parsed.start)).toBe('1700000000000000123');
    expect(parsed.ok).toBe(42);
    expect(parsed.s).toBe('1700000000000000123 1.50');
    expect(restoreNumbers(JSON.stringify(parsed))).toBe(text);
  });
});

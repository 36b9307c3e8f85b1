/**
 * displayWidth measures text without joining characters code point by code point (a cached lookup)
 * and hands the rest to string-width: the two must agree on any text, and truncate must never give
 * more cells than it is asked for, measured by string-width itself.
 */
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { displayWidth, truncate } from '../../src/render/text.js';

/** Characters that are wide, zero-width, or join a neighbour into one grapheme. */
const POOL = [
  ...'aZ09 ~ü€…✓日本語サービスｶﾞﾅ한국어가각กำ',
  '👍', '🏽', '\u200d', '\ufe0f', '\u0301', '🇩', '🇪', '\u1100', '\u1161', '\u11a8', '#', '\u20e3', '\u0600', '\u0d4e',
  '\t', '\u0007', '\u00ad', '\u200b', '\u200c', '𝒜', '🙂', '❤', '©', '\u3000', '\uff21', '\u0e33', '\u0eb3', '\u094d', '\u{e0067}', '\u001b[31m',
];

/** Deterministic mixed strings from the pool. */
function* mixed(count: number): Generator<string> {
  let seed = 7;
  const next = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
  for (let i = 0; i < count; i++) {
    let s = '';
    for (let k = 1 + next(8); k > 0; k--) s += POOL[next(POOL.length)];
    yield s;
  }
}

describe('displayWidth', () => {
  it('agrees with string-width on mixed text: wide, zero-width, joined and escaped characters', () => {
    const differ: string[] = [];
    for (const s of mixed(20_000)) if (displayWidth(s) !== stringWidth(s)) differ.push(`${JSON.stringify(s)}: ${displayWidth(s)} ≠ ${stringWidth(s)}`);
    expect(differ.slice(0, 5)).toEqual([]);
  });

  it.each([
    ['printable ASCII', 'checkout-service', 16],
    ['CJK', '日本語のサービス', 16],
    ['a thumbs-up with a skin tone', '👍🏽', 2],
    ['a family joined by ZWJ', '👨\u200d👩\u200d👧', 2],
    ['a flag', '🇩🇪', 2],
    ['a keycap', '#\u20e3', 2],
    ['Hangul jamo making one syllable', '\u1100\u1161\u11a8', 2],
    ['Thai with sara am', 'กำ', 1],
    ['an accent as a combining mark', 'e\u0301', 1],
    ['colour codes', '\u001b[31mred\u001b[39m', 3],
  ])('%s', (_what, text, width) => {
    expect(displayWidth(text)).toBe(width);
    expect(stringWidth(text)).toBe(width);
  });
});

describe('truncate', () => {
  it('never gives more cells than asked, measured by string-width, and never cuts a grapheme', () => {
    const over: string[] = [];
    // truncate takes sanitized text: no escape sequences.
    for (const s of [...mixed(5_000)].map((t) => t.replaceAll('\u001b', ''))) {
      for (let width = 1; width <= 12; width++) if (stringWidth(truncate(s, width)) > width) over.push(`${JSON.stringify(s)} at ${width}`);
    }
    expect(over.slice(0, 5)).toEqual([]);
    expect(truncate('ab👨\u200d👩\u200d👧cd', 4)).toBe('ab…');
    expect(truncate('#\u20e3#\u20e3#\u20e3', 5)).toBe('#\u20e3#\u20e3…');
  });
});

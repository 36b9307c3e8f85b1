/**
 * wrapValue (what `span` shows a value as): graphemes found a piece at a time are the graphemes of
 * the whole text, and a value past WRAP_LIMIT shows its start and how much more there is.
 */
import { describe, expect, it } from 'vitest';
import { WRAP_LIMIT, wrapValue } from '../../src/render/wrap-value.js';
import { widest } from '../helpers/cells.js';

describe('wrapValue', () => {
  it('a long line of joined graphemes (emoji, combining marks, wide characters) breaks as the whole text segmented at once would', () => {
    const atoms = ['a', ' ', 'é', 'e\u0301', '👍🏽', '👨‍👩‍👧', '漢', 'x', 'y', 'z'];
    let text = '';
    for (let i = 0; text.length < 30_000; i++) text += atoms[(i * 7 + (i >> 3)) % atoms.length];
    const lines = wrapValue(text, 60);
    expect(widest(lines.join('\n'))).toBeLessThanOrEqual(60);
    // Nothing lost or split: the graphemes of the lines, in order, are the graphemes of the text.
    const segmenter = new Intl.Segmenter();
    const whole = Array.from(segmenter.segment(text), (s) => s.segment).filter((g) => g !== ' ');
    const shown = lines.flatMap((l) => Array.from(segmenter.segment(l), (s) => s.segment)).filter((g) => g !== ' ');
    expect(shown).toEqual(whole);
  });

  it(`a value longer than ${WRAP_LIMIT} characters shows that many and says how many more`, () => {
    const lines = wrapValue('v'.repeat(WRAP_LIMIT + 1234), 80);
    expect(lines.at(-1)).toBe('… 1,234 more characters (--json has the whole value)');
    expect(lines.slice(0, -1).join('')).toBe('v'.repeat(WRAP_LIMIT));
  });

  it('never cuts between the halves of a surrogate pair at the limit', () => {
    const lines = wrapValue(`${'v'.repeat(WRAP_LIMIT - 1)}😀tail`, 80);
    expect(lines.at(-1)).toBe('… 6 more characters (--json has the whole value)');
    expect(lines.slice(0, -1).join('').endsWith('v')).toBe(true);
  });
});

/** Frames to terminal output: only changed rows are written, nothing ever wider than the screen. */
import { describe, expect, it } from 'vitest';
import { fitLine, ScreenWriter } from '../../src/ui/screen-writer.js';

describe('ScreenWriter', () => {
  it('writes every row of the first frame, then only the rows that changed; invalidate writes all again', () => {
    const w = new ScreenWriter();
    const first = w.frame(['a', 'b', 'c'], 10, 3);
    expect(first).toBe('\x1b[?2026h\x1b[1;1Ha\x1b[0m\x1b[K\x1b[2;1Hb\x1b[0m\x1b[K\x1b[3;1Hc\x1b[0m\x1b[K\x1b[?2026l');
    expect(w.frame(['a', 'B', 'c'], 10, 3)).toBe('\x1b[?2026h\x1b[2;1HB\x1b[0m\x1b[K\x1b[?2026l');
    expect(w.frame(['a', 'B', 'c'], 10, 3)).toBe('');
    w.invalidate();
    expect(w.frame(['a', 'B', 'c'], 10, 3)).toContain('\x1b[1;1Ha');
    // A new height (a resize) rewrites everything, blank rows included.
    expect(w.frame(['a'], 10, 2)).toBe('\x1b[?2026h\x1b[1;1Ha\x1b[0m\x1b[K\x1b[2;1H\x1b[0m\x1b[K\x1b[?2026l');
  });

  it('cuts lines to the width, colour sequences counted as no cells, wide characters as two', () => {
    expect(fitLine('abcdefgh', 5)).toBe('abcd…');
    expect(fitLine('abc', 5)).toBe('abc');
    expect(fitLine('\x1b[31mabc\x1b[39mdefgh', 5)).toBe('\x1b[31mabc\x1b[39md…\x1b[0m');
    expect(fitLine('\x1b[31mabc\x1b[39mde', 5)).toBe('\x1b[31mabc\x1b[39mde');
    expect(fitLine('日本語です', 6)).toBe('日本…');
  });
});

/**
 * Frames to terminal output. Each frame is the screen's lines; only the lines that differ from
 * the previous frame are written (cursor placed on the row, the line, then "erase to the end of
 * the line"), inside a synchronized update where the terminal supports one, so scrolling a long
 * waterfall writes a few rows and never flickers. Lines are cut to the width here, escape
 * sequences (colour) counted as zero cells, so a screen can never wrap a row onto the next.
 */
import { displayWidth, truncate } from '../render/text.js';

/** Alternate screen, cursor hidden, screen cleared. */
export const ENTER_SCREEN = '\x1b[?1049h\x1b[?25l\x1b[H\x1b[2J';
/** Colours reset, cursor shown, the main screen (and what the shell had on it) back. */
export const LEAVE_SCREEN = '\x1b[0m\x1b[?25h\x1b[?1049l';

const SYNC_BEGIN = '\x1b[?2026h';
const SYNC_END = '\x1b[?2026l';
const SGR = /\x1b\[[0-9;]*m/g;

export class ScreenWriter {
  private previous: string[] = [];

  /** Forgets what is on the screen: the next frame is written whole (after a resize, Ctrl-L). */
  invalidate(): void {
    this.previous = [];
  }

  /** What to write to show `lines` on a `width`×`height` screen. */
  frame(lines: readonly string[], width: number, height: number): string {
    const next: string[] = [];
    let out = '';
    for (let row = 0; row < height; row++) {
      const line = fitLine(lines[row] ?? '', width);
      next.push(line);
      if (this.previous[row] === line && this.previous.length === height) continue;
      out += `\x1b[${row + 1};1H${line}\x1b[0m\x1b[K`;
    }
    this.previous = next;
    return out === '' ? '' : SYNC_BEGIN + out + SYNC_END;
  }
}

/** The line cut to `width` cells (an ellipsis where cut); colour sequences kept, counted as nothing. */
export function fitLine(line: string, width: number): string {
  if (!line.includes('\x1b')) return displayWidth(line) <= width ? line : truncate(line, width);
  let out = '';
  let used = 0;
  let last = 0;
  for (const m of line.matchAll(SGR)) {
    const text = line.slice(last, m.index);
    const w = displayWidth(text);
    if (used + w > width) return `${out}${truncate(text, width - used)}\x1b[0m`;
    out += text + m[0];
    used += w;
    last = m.index + m[0].length;
  }
  const tail = line.slice(last);
  return used + displayWidth(tail) > width ? `${out}${truncate(tail, width - used)}\x1b[0m` : out + tail;
}

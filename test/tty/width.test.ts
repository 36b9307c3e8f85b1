/**
 * The width in a real terminal: output piped into another program (`| head`, `| less`) still fits
 * the window the user reads it in. The terminal is found among stdout, stderr and the controlling
 * terminal (when both streams are redirected); COLUMNS and --width come before it.
 */
import { describe, expect, it } from 'vitest';
import { BIN, fixture, ROOT } from '../helpers/cli.js';
import { inTerminal } from './tmux.js';

const DUMP = fixture('waterfall/checkout.json');
const tracectl = `'${process.execPath}' '${BIN}'`;

/** The widest line, in terminal cells (every character here is one cell wide). */
function widest(text: string): number {
  return Math.max(...text.split('\n').map((line) => [...line].length));
}

describe('width in a real terminal (tmux)', () => {
  for (const width of [60, 80, 100, 200]) {
    it(`a ${width}-column terminal: piped stdout fits the window, with stderr on the terminal, redirected, or in the pipe too`, async () => {
      const run = await inTerminal(
        [
          `${tracectl} waterfall '${DUMP}' | cat > "$OUT/stderr-on-tty"`,
          `${tracectl} waterfall '${DUMP}' 2>/dev/null | cat > "$OUT/no-stream-on-tty"`,
          `${tracectl} traces '${DUMP}' -q 2>&1 | cat > "$OUT/both-piped"`,
        ].join(' && '),
        { width, cwd: ROOT },
      );
      expect(run.status).toBe(0);
      for (const name of ['stderr-on-tty', 'no-stream-on-tty']) {
        const text = run.file(name);
        expect(text).toContain('Trace ');
        // The time axis runs to the last column.
        expect(widest(text), name).toBe(width);
      }
      expect(widest(run.file('both-piped'))).toBeLessThanOrEqual(width);
    });
  }

  it('COLUMNS wins over the terminal, --width over COLUMNS', async () => {
    const run = await inTerminal(
      [
        `COLUMNS=100 ${tracectl} waterfall '${DUMP}' | cat > "$OUT/columns"`,
        `COLUMNS=100 ${tracectl} waterfall '${DUMP}' --width 60 | cat > "$OUT/flag"`,
        `${tracectl} waterfall '${DUMP}' > "$OUT/file"`,
      ].join(' && '),
      { width: 80, cwd: ROOT },
    );
    expect(run.status).toBe(0);
    expect(widest(run.file('columns'))).toBe(100);
    expect(widest(run.file('flag'))).toBe(60);
    expect(widest(run.file('file'))).toBe(80);
  });

  it('without any terminal (a new session, no controlling terminal) the width is 120', async () => {
    const run = await inTerminal(`setsid -w ${tracectl} waterfall '${DUMP}' < /dev/null > "$OUT/detached" 2>/dev/null`, { width: 80, cwd: ROOT });
    expect(run.status).toBe(0);
    expect(widest(run.file('detached'))).toBe(120);
  });
});

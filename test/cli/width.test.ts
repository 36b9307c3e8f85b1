/**
 * The output width, decided once per run: --width, then COLUMNS, then the terminal's width (as
 * bin/tracectl.js reports it), else 120. The same order for every command.
 */
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/cli.js';

const DUMP = fixture('waterfall/checkout.json');

function widest(text: string): number {
  return Math.max(...text.split('\n').map((line) => [...line].length));
}

describe('output width', () => {
  for (const width of [60, 80, 100, 200]) {
    it(`${width} columns from the terminal, from COLUMNS, or from --width`, async () => {
      const terminal = await runCli(['waterfall', DUMP], { columns: width });
      const env = await runCli(['waterfall', DUMP], { env: { COLUMNS: String(width) } });
      const flag = await runCli(['waterfall', DUMP, '--width', String(width)]);
      expect(widest(terminal.stdout)).toBe(width);
      expect(env.stdout).toBe(terminal.stdout);
      expect(flag.stdout).toBe(terminal.stdout);
    });
  }

  it('COLUMNS wins over the terminal, --width over COLUMNS; no terminal and no COLUMNS: 120', async () => {
    expect(widest((await runCli(['waterfall', DUMP], { columns: 80, env: { COLUMNS: '100' } })).stdout)).toBe(100);
    expect(widest((await runCli(['waterfall', DUMP, '--width', '60'], { columns: 80, env: { COLUMNS: '100' } })).stdout)).toBe(60);
    expect(widest((await runCli(['waterfall', DUMP])).stdout)).toBe(120);
  });

  it('a COLUMNS that is no whole number is ignored; a tiny one gets the narrowest layout (40)', async () => {
    expect(widest((await runCli(['waterfall', DUMP], { columns: 80, env: { COLUMNS: 'wide' } })).stdout)).toBe(80);
    expect(widest((await runCli(['waterfall', DUMP], { env: { COLUMNS: '' } })).stdout)).toBe(120);
    expect(widest((await runCli(['waterfall', DUMP], { env: { COLUMNS: '12' } })).stdout)).toBe(40);
  });
});

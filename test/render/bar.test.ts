import { describe, expect, it } from 'vitest';
import { renderBar } from '../../src/render/bar.js';
import { formatTick, renderTimeAxis, tickTimes } from '../../src/render/time-axis.js';

describe('renderBar', () => {
  it('places the bar at its start cell and ends it with an eighth block', () => {
    // 10 cells; 0.2 → cell 2; 0.55 → 5.5 cells = 44 eighths: from 16 to 44 = 28 eighths = 3 full + ▌
    expect(renderBar(0.2, 0.55, 10)).toBe('  ███▌');
  });

  it('the whole trace fills the track', () => {
    expect(renderBar(0, 1, 8)).toBe('████████');
  });

  it('a 0 ns span still shows a sliver where it happened, even at the very end', () => {
    expect(renderBar(0.5, 0.5, 10)).toBe('     ▏');
    expect(renderBar(1, 1, 10)).toBe('         ▏');
  });

  it('clamps what lies outside the trace and survives NaN (a 0 ns trace)', () => {
    expect(renderBar(-0.5, 2, 4)).toBe('████');
    expect(renderBar(NaN, NaN, 4)).toBe('▏');
  });
});

describe('time axis', () => {
  it('ticks at round steps, labels where they fit', () => {
    // 130ms over 51 cells: 5 intervals wanted → 26ms → step 50ms: 0, 50, 100 at cells 0, 19, 39.
    const axis = renderTimeAxis(130e6, 51);
    expect(axis.labels).toBe('0                  50ms                100ms');
    expect(axis.ruler).toBe('┬──────────────────┬───────────────────┬───────────');
  });

  it('steps are 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(tickTimes(57.7e9, 6)).toEqual([0, 10e9, 20e9, 30e9, 40e9, 50e9]);
    expect(tickTimes(9e6, 4)).toEqual([0, 2.5e6, 5e6, 7.5e6]);
    expect(tickTimes(3e3, 3)).toEqual([0, 1e3, 2e3, 3e3]);
  });

  it('tick labels drop trailing zeros', () => {
    expect(['0', '250ns', '2.5µs', '10ms', '1.5s', '2m', '1m30s']).toEqual([0, 250, 2500, 10e6, 1.5e9, 120e9, 90e9].map(formatTick));
  });
});

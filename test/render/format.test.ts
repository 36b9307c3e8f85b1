/** Durations and shares as every table shows them. */
import { describe, expect, it } from 'vitest';
import { formatDuration, formatPercent } from '../../src/render/format.js';

describe('formatDuration', () => {
  it('picks the unit by size, three significant digits below a minute', () => {
    expect([0, 999, 1_500, 12_340_000, 999_000_000, 59_990_000_000].map(formatDuration)).toEqual(['0ns', '999ns', '1.50µs', '12.3ms', '999ms', '60.0s']);
  });

  it('minutes with seconds, hours with minutes; negative durations keep their sign', () => {
    expect([61e9, 3_599e9, 3_600e9, 26 * 3_600e9 + 5 * 60e9, -1_500].map(formatDuration)).toEqual(['1m01s', '59m59s', '1h00m', '26h05m', '-1.50µs']);
  });

  it('ten years and more (garbage times in a dump) in years, short enough for any cell', () => {
    const year = 365.25 * 24 * 3600e9;
    expect([9 * year, 10 * year, 123_456 * year, Number.MAX_VALUE].map(formatDuration)).toEqual(['78894h00m', '10y', '123456y', '5.7e+291y']);
  });
});

describe('formatPercent', () => {
  it('whole percent from 10%, one decimal below, <0.1% for a trace of a share', () => {
    expect([0, 0.0004, 0.05, 0.1234, 1].map(formatPercent)).toEqual(['0%', '<0.1%', '5.0%', '12%', '100%']);
  });
});

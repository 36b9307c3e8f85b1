import { describe, expect, it } from 'vitest';
import { formatBytes, progressEnabled, progressText } from '../../src/cli/progress.js';

describe('progress spinner', () => {
  const tty = { stderrIsTTY: true, env: {}, json: false, quiet: false };

  it('shows only for a person at a terminal: not piped, not in CI, not with --json or --quiet', () => {
    expect(progressEnabled(tty)).toBe(true);
    expect(progressEnabled({ ...tty, stderrIsTTY: false })).toBe(false);
    expect(progressEnabled({ ...tty, env: { CI: 'true' } })).toBe(false);
    expect(progressEnabled({ ...tty, env: { CI: '1' } })).toBe(false);
    expect(progressEnabled({ ...tty, env: { CI: 'false' } })).toBe(true);
    expect(progressEnabled({ ...tty, json: true })).toBe(false);
    expect(progressEnabled({ ...tty, quiet: true })).toBe(false);
  });

  it('says bytes of the total with a percentage, spans, traces and elapsed time', () => {
    expect(progressText({ input: 'dump.json', bytesRead: 52_300_000, totalBytes: 105_900_000, spans: 153_023, traces: 4200 }, 1234)).toBe(
      'reading dump.json  52.3 MB / 105.9 MB (49%)  153,023 spans  4,200 traces  1.2s',
    );
    expect(progressText({ input: 'stdin', bytesRead: 1_500_000_000, spans: 0, traces: 0 }, 60_000)).toBe('reading stdin  1.50 GB  0 spans  0 traces  60.0s');
  });

  it('formats byte counts', () => {
    expect([formatBytes(999), formatBytes(12_345), formatBytes(12_345_678), formatBytes(2_500_000_000)]).toEqual(['999 B', '12 kB', '12.3 MB', '2.50 GB']);
  });
});

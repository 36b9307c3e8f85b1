import { describe, expect, it } from 'vitest';
import { spanStats } from '../../src/analyses/stats.js';
import { parseGroupKeys } from '../../src/query/group-keys.js';
import { renderStats } from '../../src/render/stats.js';
import { cells } from '../helpers/cells.js';
import { createTheme } from '../../src/render/theme.js';
import { makeTrace } from '../helpers/make-span.js';

// eslint-disable-next-line no-control-regex
const stripAnsi = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, '');

const trace = makeTrace([
  { id: 'r', start: 0, dur: 10, service: 'api\u0007', operation: 'GET /' },
  { id: 'a', parent: 'r', start: 2, dur: 4, service: 'inventory-service-with-a-long-name', operation: 'a rather long operation name that is cut' },
]);

describe('renderStats', () => {
  it('escapes control characters and shows SELF% of the trace', () => {
    const lines = renderStats(spanStats([trace], parseGroupKeys('service')), 'trace aaaaaaaaaaaaaaaa', createTheme(0), 120);
    expect(lines).toEqual([
      'Span statistics of trace aaaaaaaaaaaaaaaa, by service',
      '',
      'SERVICE                             SPANS   TOTAL    SELF  SELF%     AVG     MIN     MAX',
      'api\\x07                                 1  10.0ms  6.00ms    60%  10.0ms  10.0ms  10.0ms',
      'inventory-service-with-a-long-name      1  4.00ms  4.00ms    40%  4.00ms  4.00ms  4.00ms',
      '',
      '2 spans; SELF% is self time over the 10.0ms the trace lasts',
    ]);
  });

  it('fits every width from 40 up, in colour, by operation', () => {
    for (const width of [40, 50, 64, 80, 100]) {
      const lines = renderStats(spanStats([trace], parseGroupKeys('operation')), 'trace aaaaaaaaaaaaaaaa', createTheme(1), width);
      expect(lines.join('')).toContain('\u001b[');
      expect(lines.map(stripAnsi).filter((l) => cells(l) > width)).toEqual([]);
    }
  });
});

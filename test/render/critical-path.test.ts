import { describe, expect, it } from 'vitest';
import { aggregateCriticalPaths } from '../../src/analyses/critical-path-aggregate.js';
import { traceCriticalPath } from '../../src/analyses/critical-path-report.js';
import { renderCriticalAggregate, renderTraceCriticalPath } from '../../src/render/critical-path.js';
import { cells } from '../helpers/cells.js';
import { createTheme } from '../../src/render/theme.js';
import { makeTrace } from '../helpers/make-span.js';

const plain = createTheme(0);
const colour = createTheme(1);
// eslint-disable-next-line no-control-regex
const stripAnsi = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, '');

// r |0----------10|   evil\x1b[31m service
// a    |3--6|         a very long operation name
const hostile = makeTrace([
  { id: 'r', start: 0, dur: 10, service: 'evil\u001b[31m', operation: 'GET /\u202eadmin' },
  { id: 'a', parent: 'r', start: 3, dur: 3, service: 'db', operation: 'SELECT * FROM a_table_with_a_very_long_name_that_will_not_fit WHERE x = 1' },
]);

describe('renderTraceCriticalPath', () => {
  it('escapes control and bidi characters from the dump', () => {
    const lines = renderTraceCriticalPath(traceCriticalPath(hostile), hostile.root.span, plain, 120);
    expect(lines[1]).toBe('root evil\\x1b[31m GET /\\u202eadmin, 10.0ms; 3 sections on 2 spans');
    expect(lines.join('\n')).not.toContain('\u001b');
    expect(lines.join('\n')).not.toContain('\u202e');
  });

  it('colours services but never lets colour codes count towards the width', () => {
    for (const width of [40, 60, 80, 100]) {
      const lines = renderTraceCriticalPath(traceCriticalPath(hostile), hostile.root.span, colour, width);
      expect(lines.join('\n')).toContain('\u001b[');
      expect(lines.map(stripAnsi).filter((l) => cells(l) > width)).toEqual([]);
    }
  });

  it('at 80 columns drops END before cutting a long operation short, then cuts it with an ellipsis', () => {
    const lines = renderTraceCriticalPath(traceCriticalPath(hostile), hostile.root.span, plain, 80);
    expect(lines.slice(3, 7)).toEqual([
      ' START  DURATION  SHARE  SPAN              SERVICE      OPERATION',
      '   0ns    3.00ms    30%  000000000000000r  evil\\x1b[3…  GET /\\u202eadmin',
      '3.00ms    3.00ms    30%  000000000000000a  db           SELECT * FROM a_table_w…',
      '6.00ms    4.00ms    40%  000000000000000r  evil\\x1b[3…  GET /\\u202eadmin',
    ]);
  });

  it('a root of 0 ns says there is nothing on its path', () => {
    const zero = makeTrace([{ id: 'r', start: 0, dur: 0, service: 'api', operation: 'ping' }]);
    expect(renderTraceCriticalPath(traceCriticalPath(zero), zero.root.span, plain, 80)).toEqual([
      'Critical path of trace aaaaaaaaaaaaaaaa',
      'root api ping lasts 0ns: nothing is on its critical path',
    ]);
  });
});

describe('renderCriticalAggregate', () => {
  it('no traces', () => {
    expect(renderCriticalAggregate(aggregateCriticalPaths([]), plain, 80)).toEqual(['no traces']);
  });

  it('only roots of 0 ns: says so instead of an empty table', () => {
    const zero = makeTrace([{ id: 'r', start: 0, dur: 0 }]);
    expect(renderCriticalAggregate(aggregateCriticalPaths([zero]), plain, 80)).toEqual([
      "Critical path over 1 trace: 0ns in total (the root spans' durations)",
      '',
      'nothing on the critical path (roots of 0 ns)',
      '',
      'SHARE: of all critical-path time; P50-P99: per trace it is on',
    ]);
  });

  it('fits every width from 40 up, in colour', () => {
    for (const width of [40, 55, 80, 120]) {
      const lines = renderCriticalAggregate(aggregateCriticalPaths([hostile], { byRoot: true }), colour, width);
      expect(lines.map(stripAnsi).filter((l) => cells(l) > width)).toEqual([]);
    }
  });
});

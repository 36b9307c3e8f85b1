/**
 * The waterfall as a person sees it: exact text without colour at fixed widths, and the width rule
 * (no line wider than the terminal) for every width from 40 to 200 on a trace built to break it.
 */
import { describe, expect, it } from 'vitest';
import { criticalPath } from '../../src/analyses/critical-path.js';
import { buildWaterfall } from '../../src/analyses/waterfall.js';
import type { Trace } from '../../src/model/trace.js';
import { cells } from '../helpers/cells.js';
import { createTheme } from '../../src/render/theme.js';
import { renderWaterfall } from '../../src/render/waterfall.js';
import { makeTrace, type SpanSpec } from '../helpers/make-span.js';

const plain = createTheme(0);
// eslint-disable-next-line no-control-regex
const stripAnsi = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, '');

// 1  |0-----------------------------------------100|        gw GET /
// a     |5------25|                                        db query
// b                 |30---------------------80|            api work
// b1                   |35-40|                 ✗ deadlock  db query
// b2                         |45----------70|              db update
// c  ~                                           |90----------130|  mail send (follows from 1)
const base = (): Trace =>
  makeTrace([
    { id: '1', start: 0, dur: 100, service: 'gw', operation: 'GET /' },
    { id: 'a', parent: '1', start: 5, dur: 20, service: 'db', operation: 'query' },
    { id: 'b', parent: '1', start: 30, dur: 50, service: 'api', operation: 'work' },
    { id: 'b1', parent: 'b', start: 35, dur: 5, service: 'db', operation: 'query', status: 'error', statusMessage: 'deadlock' },
    { id: 'b2', parent: 'b', start: 45, dur: 25, service: 'db', operation: 'update' },
    { id: 'c', parent: '1', parentType: 'follows_from', start: 90, dur: 40, service: 'mail', operation: 'send' },
  ]);

describe('renderWaterfall', () => {
  it('80 columns: header, axis, guides, durations, bars, markers and legend', () => {
    const t = base();
    const lines = renderWaterfall(buildWaterfall(t, { critical: criticalPath(t).onPath }), plain, 80);
    expect(lines).toEqual([
      'Trace aaaaaaaaaaaaaaaa',
      '2023-11-14 22:13:20.000 UTC · 130ms · 6 spans · 4 services · 1 error',
      '                             0                  50ms                100ms',
      '                             ┬──────────────────┬───────────────────┬───────────',
      '◆ gw GET /             100ms ███████████████████████████████████████▎',
      '◆ ├─db query          20.0ms  ███████▉',
      '◆ ├─api work          50.0ms            ███████████████████▋',
      '◆ │ ├─✗ db query      5.00ms              ██',
      '  │ │   ✗ deadlock',
      '◆ │ └─db update       25.0ms                  █████████▊',
      '  └─mail send [async] 40.0ms                                    ███████████████▊',
      '',
      '◆ critical path  ✗ error',
      'async: does not block its parent (FOLLOWS_FROM, consumer)',
    ]);
  });

  it('50 columns: names get priority, the bar shrinks to its minimum (12 cells)', () => {
    const lines = renderWaterfall(buildWaterfall(base()), plain, 50);
    expect(lines).toEqual([
      'Trace aaaaaaaaaaaaaaaa',
      '2023-11-14 22:13:20.000 UTC · 130ms · 6 spans',
      '4 services · 1 error',
      '                           0                100ms',
      '                           ┬────────────────┬─────',
      'gw GET /             100ms █████████████████▊',
      '├─db query          20.0ms ███▌',
      '├─api work          50.0ms      ████████▉',
      '│ ├─✗ db query      5.00ms       ▉',
      '│ │   ✗ deadlock',
      '│ └─db update       25.0ms        ████▍',
      '└─mail send [async] 40.0ms                ███████▏',
      '',
      '✗ error',
      'async: does not block its parent (FOLLOWS_FROM, c…',
    ]);
  });

  // 1  |0--------------------------------------------50|
  // a1   |2-4|           ┐
  // a2      |5-8|  ✗     │ db SELECT ×3 (a3 below a2 folds with it)
  // a3       |6-7|       │
  // a4          |9-10|   ┘
  // b               |12------20|    cache get
  // c                            |22-22.5|  db SELECT (0.5ms: hidden by --min-duration 1ms)
  const nPlusOne = (): Trace =>
    makeTrace([
      { id: '1', start: 0, dur: 50, service: 'api', operation: 'GET /orders', attributes: { 'http.status_code': 200 } },
      { id: 'a1', parent: '1', start: 2, dur: 2, service: 'db', operation: 'SELECT', attributes: { 'db.statement': 'SELECT * FROM items WHERE id = ?' } },
      { id: 'a2', parent: '1', start: 5, dur: 3, service: 'db', operation: 'SELECT', status: 'error', statusMessage: 'timeout' },
      { id: 'a3', parent: 'a2', start: 6, dur: 1, service: 'db', operation: 'fetch' },
      { id: 'a4', parent: '1', start: 9, dur: 1, service: 'db', operation: 'SELECT' },
      { id: 'b', parent: '1', start: 12, dur: 8, service: 'cache', operation: 'get' },
      { id: 'c', parent: '1', start: 22, dur: 0.5, service: 'db', operation: 'SELECT' },
    ]);

  it('--collapse, --attrs and --min-duration: summary and attribute lines, hidden and folded counts', () => {
    const w = buildWaterfall(nPlusOne(), { collapse: true, minDurationNs: 1e6, attrs: ['db.statement', 'http.status_code'] });
    expect(renderWaterfall(w, plain, 80, { minDuration: '1ms' }).slice(2)).toEqual([
      '                        0          10ms       20ms       30ms       40ms',
      '                        ┬──────────┬──────────┬──────────┬──────────┬──────────┬',
      'api GET /orders  50.0ms ████████████████████████████████████████████████████████',
      '│ http.status_code=200',
      '├─✗ db SELECT ×3 8.00ms   █████████',
      '│   ✗ timeout',
      '│   3 spans · total 6.00ms · avg 2.00ms · max 3.00ms · 1 error · 1 span below f…',
      '│   db.statement=SELECT * FROM items WHERE id = ?',
      '└─cache get      8.00ms              █████████',
      '',
      '1 of 7 spans hidden: 1 shorter than 1ms',
      '--collapse folded 3 more spans into 1 row (×N)',
      '✗ error',
    ]);
  });

  it('says why spans are missing when filters hide them', () => {
    const w = buildWaterfall(nPlusOne(), { service: 'cache', maxDepth: 0 });
    expect(renderWaterfall(w, plain, 60, { picking: '--service cache', maxDepth: 0 }).slice(5)).toEqual([
      'api GET /orders 50.0ms █████████████████████████████████████',
      '',
      '6 of 7 spans hidden: 5 not matching --service cache',
      '1 deeper than --depth 0',
    ]);
  });

  it('escapes control characters from the dump', () => {
    const t = makeTrace([{ id: '1', start: 0, dur: 1, service: 'evil\u001b[2J', operation: 'op\nnext', status: 'error', statusMessage: 'bad\u0007' }]);
    const lines = renderWaterfall(buildWaterfall(t), plain, 80);
    expect(lines.slice(4, 6)).toEqual(['✗ evil\\x1b[2J op\\nnext 1.00ms ██████████████████████████████████████████████████', '  ✗ bad\\x07']);
    expect(lines.join('\n')).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  });

  it('colours: services get the palette in sorted order (db is the second of api, db, ...), errors are red', () => {
    const t = base();
    const lines = renderWaterfall(buildWaterfall(t), createTheme(1), 80);
    const green = '\u001b[32m';
    expect([...new Set(t.nodes.map((n) => n.span.service))].sort()[1]).toBe('db');
    expect(lines[5]).toContain(`${green}db\u001b[39m query`);
    expect(lines[7]).toContain('\u001b[31m✗\u001b[39m');
    expect(lines[7]).toMatch(/\u001b\[31m +██\u001b\[39m$/);
    // Alone in its trace, db is the first service: cyan.
    const other = makeTrace([{ id: '9', start: 0, dur: 1, service: 'db', operation: 'x' }]);
    expect(renderWaterfall(buildWaterfall(other), createTheme(1), 80)[4]).toContain('\u001b[36mdb\u001b[39m x');
  });
});

describe('renderWaterfall fits every width', () => {
  // Long names, wide (CJK) characters, many flags, a 60-deep chain, a collapsed run and an error with
  // a long message: everything that could push a line past the edge.
  const specs: SpanSpec[] = [{ id: '1', start: 0, dur: 1000, service: 'frontend-with-a-very-long-service-name', operation: 'GET /api/v1/a/very/long/path/that/never/ends' }];
  for (let i = 2; i <= 61; i++) specs.push({ id: i.toString(16), parent: (i - 1).toString(16), start: i, dur: 900 - i * 10, service: i % 2 ? 'サービス' : 'db', operation: `操作-${i}-with-a-long-tail` });
  for (let i = 0; i < 5; i++) specs.push({ id: `f${i}`, parent: '1', start: 950 + i, dur: 1, service: 'db', operation: 'SELECT 1' });
  specs.push({ id: 'e1', parent: '1', start: 980, dur: 10, status: 'error', statusMessage: 'x'.repeat(300), attributes: { k: 'v'.repeat(300) } });
  specs.push({ id: 'o1', parent: 'dead', start: 990, dur: 100 });
  const t = makeTrace(specs);
  const variants = [
    buildWaterfall(t, { critical: criticalPath(t).onPath, attrs: ['k'] }),
    buildWaterfall(t, { collapse: true, critical: criticalPath(t).onPath, minDurationNs: 5e6, attrs: ['k'] }),
  ];

  it('no line is wider than the width, 40 to 200 columns, with and without colour', () => {
    const over: string[] = [];
    for (let width = 40; width <= 200; width++) {
      for (const w of variants) {
        for (const theme of [plain, createTheme(3)]) {
          for (const line of renderWaterfall(w, theme, width, { minDuration: '5ms' })) {
            const used = cells(stripAnsi(line));
            if (used > width) over.push(`${width}: ${used} ${stripAnsi(line)}`);
          }
        }
      }
    }
    expect(over.slice(0, 5)).toEqual([]);
  });

  it('every span has a row and a bar at 40 columns', () => {
    const lines = renderWaterfall(variants[0]!, plain, 40);
    const rows = lines.filter((l) => /[▏▎▍▌▋▊▉█]$/.test(l));
    expect(rows).toHaveLength(t.nodes.length);
  });
});

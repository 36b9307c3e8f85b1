/** `tracectl span` text: exact output without colour, values escaped and wrapped to the width, never cut. */
import { describe, expect, it } from 'vitest';
import { findSpans } from '../../src/analyses/find-span.js';
import { selfTimes } from '../../src/analyses/self-time.js';
import { spanDetail } from '../../src/analyses/span-detail.js';
import type { Trace } from '../../src/model/trace.js';
import { renderSpanDetails } from '../../src/render/span-detail.js';
import { cells } from '../helpers/cells.js';
import { createTheme } from '../../src/render/theme.js';
import { BASE_NS, makeTrace } from '../helpers/make-span.js';

// 1 |0--------------------------20|
// a    |2--------10|   ✗ boom        self 4ms: children cover 3..7
// a1     |3-5|
// a2      |4---7|
// e ~                   |15--25|     follows from 1, links to a1 and to another trace
const trace = (): Trace =>
  makeTrace([
    { id: '1', start: 0, dur: 20, service: 'gw', operation: 'GET /' },
    {
      id: 'a',
      parent: '1',
      start: 2,
      dur: 8,
      service: 'api',
      operation: 'work',
      kind: 'server',
      status: 'error',
      statusMessage: 'boom\nsecond line',
      attributes: { 'http.status_code': 500, tags: ['x', 'y'], 'db.statement': `SELECT ${'x, '.repeat(40)}FROM t` },
      resource: { 'service.name': 'api', 'host.name': 'h1' },
      host: 'h1',
      events: [{ timeNs: BASE_NS + 6_500_000n, name: 'exception', attributes: { 'exception.type': 'IOError' } }],
    },
    { id: 'a1', parent: 'a', start: 3, dur: 2 },
    { id: 'a2', parent: 'a', start: 4, dur: 3 },
    {
      id: 'e',
      parent: '1',
      parentType: 'follows_from',
      start: 15,
      dur: 10,
      refs: [
        { type: 'link', traceId: 'aaaaaaaaaaaaaaaa', spanId: '00000000000000a1' },
        { type: 'link', traceId: 'bbbbbbbbbbbbbbbb', spanId: '0000000000000001', attributes: { reason: 'batch' } },
      ],
    },
  ]);

function render(id: string, width: number): string[] {
  const t = trace();
  const self = selfTimes(t);
  return renderSpanDetails({ traceId: t.traceId, spans: findSpans(t, id).map((n) => spanDetail(t, n, self[n.index]!)) }, createTheme(0), width);
}

describe('renderSpanDetails', () => {
  it('an error span: facts, long values wrapped in their column (line breaks kept), resource, events', () => {
    expect(render('a', 72)).toEqual([
      'Span 000000000000000a  api work  ✗ error',
      '  trace      aaaaaaaaaaaaaaaa',
      '  parent     0000000000000001  gw GET /',
      '  service    api',
      '  operation  work',
      '  kind       server',
      '  start      2023-11-14 22:13:20.002000 UTC  (+2.00ms into the trace)',
      '  duration   8.00ms',
      '  self time  4.00ms',
      '  status     error: boom',
      '             second line',
      '  depth      1 · 2 children',
      '  host       h1',
      '  format     otlp',
      '',
      'Attributes (3)',
      '  http.status_code  500',
      '  tags              ["x","y"]',
      '  db.statement      SELECT x, x, x, x, x, x, x, x, x, x, x, x, x, x, x,',
      '                    x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x,',
      '                    x, x, x, x, x, x, x, x, FROM t',
      '',
      'Resource (2)',
      '  service.name  api',
      '  host.name     h1',
      '',
      'Events (1)',
      '  +4.50ms  exception  (2023-11-14 22:13:20.006500 UTC)',
      '      exception.type  IOError',
      '',
      'Links and references (0)',
    ]);
  });

  it('an async span with links: resolved in the trace, or naming the other trace', () => {
    expect(render('e', 72).slice(2)).toEqual([
      '  parent     0000000000000001  gw GET /  (follows from)',
      '  service    svc',
      '  operation  op-e',
      '  kind       internal',
      '  start      2023-11-14 22:13:20.015000 UTC  (+15.0ms into the trace)',
      '  duration   10.0ms',
      '  self time  10.0ms',
      '  status     unset',
      '  depth      1 · 0 children · async (does not block its parent)',
      '  format     otlp',
      '',
      'Attributes (0)',
      '',
      'Resource (0)',
      '',
      'Events (0)',
      '',
      'Links and references (2)',
      '  link  00000000000000a1  svc op-a1',
      '  link  0000000000000001  in trace bbbbbbbbbbbbbbbb',
      '      reason  batch',
    ]);
  });

  it('no line is wider than the width, 40 to 160 columns', () => {
    for (let width = 40; width <= 160; width += 3) {
      for (const line of render('a', width)) expect(cells(line), `${width}: ${line}`).toBeLessThanOrEqual(width);
    }
  });
});

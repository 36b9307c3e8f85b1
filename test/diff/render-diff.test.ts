import { describe, expect, it } from 'vitest';
import { diffDumps } from '../../src/diff/diff-dumps.js';
import { diffTraces } from '../../src/diff/diff-traces.js';
import { profileDump } from '../../src/diff/dump-profile.js';
import { renderDumpDiff, renderTraceDiff } from '../../src/render/diff.js';
import { cells } from '../helpers/cells.js';
import { createTheme } from '../../src/render/theme.js';
import { makeTrace, type SpanSpec } from '../helpers/make-span.js';

// Names and ids from a dump are untrusted: escape sequences, bidi overrides, wide characters.
const EVIL = 'pay\u001b[2J\u202eménts 支払い';
const spec = (traceId: string, dur: number, extra: Partial<SpanSpec> = {}): SpanSpec[] => [
  { traceId, id: '1', start: 0, dur: dur * 2, service: 'frontend', operation: 'GET /x', kind: 'server' },
  { traceId, id: '2', parent: '1', start: 1, dur, service: EVIL, operation: `${EVIL} op`, kind: 'server', ...extra },
];

describe('diff renderers', () => {
  it('escape dump strings and fit every width (two traces)', () => {
    const d = diffTraces(makeTrace(spec('ab\u001bc', 10)), makeTrace([...spec('cd', 30, { status: 'error', statusMessage: `boom\u001b]0;x\u0007` }), { traceId: 'cd', id: '3', parent: '2', start: 2, dur: 1, service: EVIL, operation: 'child' }]));
    for (const width of [120, 80, 40]) {
      const lines = renderTraceDiff(d, createTheme(0), width);
      const text = lines.join('\n');
      expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
      expect(text).toContain('\\x1b');
      for (const line of lines) expect(cells(line), line).toBeLessThanOrEqual(width);
    }
  });

  it('escape dump strings and fit every width (two dumps)', () => {
    const base = profileDump([makeTrace(spec('a1', 10)), makeTrace(spec('a2', 11))]);
    const head = profileDump([makeTrace(spec('b1', 30)), makeTrace([{ traceId: 'b2', id: '1', start: 0, dur: 5, service: EVIL, operation: 'new', kind: 'server' }])]);
    const d = diffDumps(base, head);
    for (const width of [120, 80, 40]) {
      const lines = renderDumpDiff(d, createTheme(0), width);
      const text = lines.join('\n');
      expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
      for (const line of lines) expect(cells(line), line).toBeLessThanOrEqual(width);
    }
    expect(renderDumpDiff(d, createTheme(0), 120)).toContain('appeared (only in head)');
  });

  it('a change too small to show is 0%, never -0.00%, and such a row is left out unless --all', () => {
    const same = profileDump([makeTrace(spec('a1', 10)), makeTrace(spec('a2', 11))]);
    const d = diffDumps(same, same);
    // A float a hair below zero (ms from ns divided differently on each side) must print as zero.
    const tiny = { ...d, operations: d.operations.map((o) => ({ ...o, latencyChange: -1e-9, errorRateDelta: -1e-12 })) };
    const quiet = renderDumpDiff(tiny, createTheme(0), 120);
    expect(quiet.slice(2, 3)).toEqual(['no operation changed: 2 operations with the same percentiles and error rate (--all lists them)']);
    const all = renderDumpDiff(tiny, createTheme(0), 120, { all: true }).join('\n');
    expect(all).not.toMatch(/-0\.0|\+0\.0/);
    expect(all.split('\n').filter((l) => / 0%$/.test(l))).toHaveLength(2);
  });
});

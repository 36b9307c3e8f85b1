/**
 * The Trace screen opens a trace without building its rows: columns measured in one pass, rows built
 * as they come into view, the critical path worked out for the rows drawn, errors and search matches
 * found when asked. These tests hold that model to the whole waterfall `tracectl waterfall` builds
 * (every row, line for line, on the bundled fixtures and on generated deep and wide trees), and check
 * folding, search into folded subtrees, error jumps and the critical-path view on it.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { criticalPath } from '../../src/analyses/critical-path.js';
import { buildWaterfall } from '../../src/analyses/waterfall.js';
import type { Trace } from '../../src/model/trace.js';
import { createTheme } from '../../src/render/theme.js';
import { renderWaterfall } from '../../src/render/waterfall.js';
import { TraceScreen } from '../../src/ui/trace-screen.js';
import { fixture } from '../helpers/cli.js';
import { buildTraces, readGroupsFromFile } from '../helpers/convert.js';
import { makeTrace, type SpanSpec } from '../helpers/make-span.js';

const theme = createTheme(0);

/** `tracectl waterfall`'s lines for the trace at this width, and where its rows start. */
function waterfallLines(trace: Trace, width: number): { lines: string[]; axisAt: number } {
  const lines = renderWaterfall(buildWaterfall(trace, { critical: criticalPath(trace).onPath }), theme, width);
  const axisAt = lines.findIndex((l, i) => i > 0 && l.trim().length > 0 && /^[ ─┬┼|]+$/.test(l.trim()) && l.includes('┬'));
  return { lines, axisAt };
}

/** The screen, details hidden, tall enough for every row; its row lines without the cursor marks. */
function screenRows(screen: TraceScreen, width: number, rows: number): { rows: string[]; axis: string } {
  const lines = screen.draw(width, rows + 10);
  const axisAt = lines.findIndex((l) => l.includes('┬'));
  return { rows: lines.slice(axisAt + 1, axisAt + 1 + rows).map((l) => l.slice(2)), axis: lines[axisAt]!.slice(2) };
}

function open(trace: Trace): TraceScreen {
  const screen = new TraceScreen(trace, theme);
  screen.press('d');
  return screen;
}

/** The waterfall's row lines: its lines after the axis that the screen also shows, in order (messages under error rows are not rows). */
function expectSameRows(trace: Trace, width: number): void {
  const screen = open(trace);
  const { rows, axis } = screenRows(screen, width, trace.nodes.length);
  const { lines, axisAt } = waterfallLines(trace, width - 2);
  expect(axis).toBe(lines[axisAt]);
  // Every screen row is the waterfall's next row line; only error messages lie between them.
  let at = axisAt + 1;
  for (const row of rows) {
    while (at < lines.length && lines[at] !== row) {
      expect(lines[at]).toMatch(/✗ /);
      at++;
    }
    expect(lines[at]).toBe(row);
    at++;
  }
}

async function fixtureTraces(): Promise<Trace[]> {
  const traces: Trace[] = [];
  for (const dir of ['waterfall', 'errors', 'critical-path', 'trees', 'why']) {
    for (const file of readdirSync(fixture(dir)).filter((f) => f.endsWith('.json'))) traces.push(...buildTraces(await readGroupsFromFile(join(fixture(dir), file))));
  }
  for (const file of ['escapes.otlp.json', 'escapes.jaeger.json', 'durations.otlp.json', 'parent-cycle.zipkin.json']) traces.push(...buildTraces(await readGroupsFromFile(fixture(`hostile/${file}`))));
  return traces;
}

/** A chain `depth` deep under a root with `wide` leaf children; every 7th span failed, one deep span searched for. */
function generated(depth: number, wide: number): Trace {
  const specs: SpanSpec[] = [{ id: 'r0', start: 0, dur: depth + 10, service: 'gateway' }];
  for (let i = 1; i < depth; i++) {
    specs.push({ id: `c${i}`, parent: i === 1 ? 'r0' : `c${i - 1}`, start: i * 0.5, dur: depth - i, service: `svc-${i % 5}`, ...(i % 7 === 0 ? { status: 'error' as const, statusMessage: `failed ${i}` } : {}), ...(i === depth - 3 ? { attributes: { 'db.statement': 'SELECT Needle' } } : {}) });
  }
  for (let i = 0; i < wide; i++) specs.push({ id: `w${i}`, parent: 'r0', start: 1 + i * 0.01, dur: 0.5 + (i % 3), service: 'worker', kind: 'client' });
  return makeTrace(specs);
}

describe('Trace screen: the rows `tracectl waterfall` draws', () => {
  it('every row of every fixture trace, at 60, 100 and 140 columns', async () => {
    const traces = await fixtureTraces();
    expect(traces.length).toBeGreaterThan(20);
    for (const trace of traces) for (const width of [60, 100, 140]) expectSameRows(trace, width);
  });

  it('a trace 3,000 deep beside 2,000 siblings: every row, guides cut as the waterfall cuts them', () => {
    const trace = generated(3000, 2000);
    expectSameRows(trace, 120);
  });
});

describe('Trace screen: keys on the lazy model', () => {
  const trace = generated(400, 50);
  const W = 120;
  const H = 30;
  const cursor = (screen: TraceScreen): string => screen.selected!.span.spanId.replace(/^0+/, '');

  it('fold hides a subtree behind ▸N; unfolding gives back the very same rows', () => {
    const screen = open(trace);
    const before = screenRows(screen, W, trace.nodes.length).rows;
    expect(before).toHaveLength(450);
    screen.press('j'); // c1: the chain of 398 spans below it
    expect(screen.press('enter')).toBeUndefined();
    const folded = screenRows(screen, W, 52).rows;
    expect(folded[0]).toBe(before[0]);
    expect(folded[1]).toMatch(/^◆ ├─svc-1 op-c1 ▸398 +399ms /);
    // The siblings after it keep their rows: the columns were measured over every span.
    expect(folded.slice(2)).toEqual(before.slice(400));
    expect(screen.press('left')).toBeUndefined(); // folded already: to the parent
    expect(cursor(screen)).toBe('r0');
    screen.press('j');
    screen.press('right');
    expect(screenRows(screen, W, trace.nodes.length).rows).toEqual(before);
  });

  it('search finds a span inside a folded subtree and unfolds it; n / N go through the matches, wrapping', () => {
    const screen = open(trace);
    screen.press('enter'); // the root folded: one row
    expect(screenRows(screen, W, 3).rows.filter((r) => r !== '')).toHaveLength(1);
    expect(screen.search('needle')).toEqual({ type: 'message', text: "1 span match 'needle' (n / N: next / previous)" });
    expect(cursor(screen)).toBe('c397');
    expect(screen.draw(W, H).find((l) => l.startsWith('›'))).toMatch(/svc-2 op-c397 /);
    expect(screen.search('SVC-3')).toEqual({ type: 'message', text: "80 spans match 'SVC-3' (n / N: next / previous)" });
    expect(cursor(screen)).toBe('c398'); // the first at or after the cursor (c397)
    expect(screen.press('n')).toEqual({ type: 'message', text: 'match 1 of 80' }); // wrapping to the top
    expect(cursor(screen)).toBe('c3');
    expect(screen.press('N')).toEqual({ type: 'message', text: 'match 80 of 80' });
    expect(cursor(screen)).toBe('c398');
    screen.press('n');
    expect(cursor(screen)).toBe('c3');
    screen.press('n');
    expect(cursor(screen)).toBe('c8');
    screen.press('g');
    screen.press('j');
    screen.press('enter'); // c1 folded: every match but none is hidden
    expect(screen.press('n')).toEqual({ type: 'message', text: 'match 1 of 80' });
    expect(cursor(screen)).toBe('c3');
    expect(screen.search('no such thing')).toEqual({ type: 'message', text: "no span matches 'no such thing'" });
    expect(screen.press('n')).toEqual({ type: 'message', text: "no span matches 'no such thing'" });
  });

  it('search ignores case beyond ASCII too, in operations and attribute values', () => {
    const small = makeTrace([
      { id: 'r', start: 0, dur: 10, operation: 'Überweisung' },
      { id: 'a', parent: 'r', start: 1, dur: 2, attributes: { note: 'ÉCOLE', retries: 3 } },
    ]);
    const screen = open(small);
    expect(screen.search('über')).toEqual({ type: 'message', text: "1 span match 'über' (n / N: next / previous)" });
    expect(screen.search('École')).toEqual({ type: 'message', text: "1 span match 'École' (n / N: next / previous)" });
    expect(cursor(screen)).toBe('a');
    expect(screen.search('3')).toEqual({ type: 'message', text: "1 span match '3' (n / N: next / previous)" });
  });

  it('e / E go through the error spans in tree order, wrapping, unfolding what hides them', () => {
    const screen = open(trace);
    screen.press('j');
    screen.press('enter'); // c1 folded
    expect(screen.press('e')).toEqual({ type: 'message', text: 'error 1 of 57' });
    expect(cursor(screen)).toBe('c7');
    expect(screen.draw(W, H).find((l) => l.startsWith('›'))).toMatch(/✗ svc-2 op-c7/);
    expect(screen.press('E')).toEqual({ type: 'message', text: 'error 57 of 57' });
    expect(cursor(screen)).toBe('c399');
    expect(screen.press('e')).toEqual({ type: 'message', text: 'error 1 of 57' });
    screen.press('e');
    expect(cursor(screen)).toBe('c14');
  });

  it('c shows the critical path (and its ancestors) only, marked ◆ as the analysis finds it', () => {
    const screen = open(trace);
    const onPath = criticalPath(trace).onPath;
    const full = screenRows(screen, W, trace.nodes.length).rows;
    expect(full.filter((r) => r.startsWith('◆'))).toHaveLength(onPath.size);
    expect(screen.press('c')).toEqual({ type: 'message', text: 'showing the critical path only (c: all spans)' });
    const keep = new Set<number>();
    for (const i of onPath) for (let n = trace.nodes[i]; n !== undefined; n = n.parent) keep.add(n.index);
    const shown = screenRows(screen, W, keep.size + 1).rows;
    expect(shown.slice(0, keep.size).every((r) => r !== '')).toBe(true);
    expect(shown[keep.size]).toBe('');
    // The same spans in the same order (their tree guides are those of the rows shown).
    const label = (row: string): string => /op-\w+/.exec(row)![0];
    expect(shown.slice(0, keep.size).map(label)).toEqual(full.filter((_, i) => keep.has(i)).map(label));
    screen.press('c');
    expect(screenRows(screen, W, trace.nodes.length).rows).toEqual(full);
  });
});

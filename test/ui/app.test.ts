/**
 * The screens as models: keys in, the lines a terminal would show out, with no terminal. The
 * dump is fixtures/errors/otlp-shop.json (5 traces; e3… is frontend → catalog with three children,
 * one of them failed).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTheme } from '../../src/render/theme.js';
import { UiApp } from '../../src/ui/app.js';
import { TraceCatalog } from '../../src/ui/catalog.js';
import { fixture, runCli } from '../helpers/cli.js';
import { buildTraces, readGroupsFromFile } from '../helpers/convert.js';

const DUMP = fixture('errors/otlp-shop.json');
const W = 100;
const H = 30;

let catalog: TraceCatalog;
beforeAll(async () => {
  catalog = new TraceCatalog();
  for (const trace of buildTraces(await readGroupsFromFile(DUMP))) catalog.addTrace(trace);
});

function app(): UiApp {
  return new UiApp(catalog, createTheme(0));
}

function keys(ui: UiApp, ...pressed: string[]): void {
  for (const key of pressed) expect(ui.press(key)).toBeUndefined();
}

/** The row under the cursor (marked ›), without the mark. */
function cursorRow(lines: readonly string[]): string {
  const rows = lines.filter((l) => l.startsWith('› '));
  expect(rows).toHaveLength(1);
  return rows[0]!.slice(2).trimEnd();
}

describe('tracectl ui screens', () => {
  it('Traces: the list as `tracectl traces` prints it, a cursor, a title and the keys', async () => {
    const lines = app().draw(W, H);
    expect(lines).toHaveLength(H);
    expect(lines[0]).toBe('tracectl Traces · 5 traces, 21 spans · ? keys · q quit');
    const listed = (await runCli(['traces', DUMP, '-q', '--width', String(W - 2)])).stdout.split('\n');
    expect(lines[1]).toBe(`  ${listed[0]}`);
    expect(lines[2]).toBe(`› ${listed[1]}`);
    expect(lines.slice(3, 7)).toEqual(listed.slice(2, 6).map((l) => `  ${l}`));
    expect(lines[H - 2]).toBe('  5 traces on 2023-11-14 (UTC) · sorted by start');
    expect(lines[H - 1]).toBe('↑↓ move · Enter open · s sort · / filter · : where · ? keys · q quit');
  });

  it('s cycles the sort: duration, spans, errors, start; the cursor keeps its trace', () => {
    const ui = app();
    keys(ui, 'j', 'j', 'j'); // e4…: 40 ms, 3 spans, 3 errors
    keys(ui, 's');
    let lines = ui.draw(W, H);
    expect(lines[H - 1]).toBe('sorted by duration');
    expect(cursorRow(lines)).toMatch(/^e4e4e4e4e4e4e4e4  frontend GET \/home/);
    expect(lines[5]).toMatch(/^› e4e4/); // after 100, 100, 60 ms
    keys(ui, 's', 's');
    lines = ui.draw(W, H);
    expect(lines[H - 1]).toBe('sorted by errors');
    expect(lines.slice(2, 7).map((l) => l.slice(2, 6))).toEqual(['e1e1', 'e2e2', 'e4e4', 'e3e3', 'e5e5']);
    keys(ui, 's');
    expect(ui.draw(W, H)[H - 1]).toBe('sorted by start');
  });

  it('/ narrows the list as the text is typed; Esc in the prompt puts the old filter back, Enter keeps it', () => {
    const ui = app();
    keys(ui, '/', 'h', 'o');
    let lines = ui.draw(W, H);
    expect(lines[H - 1]).toBe('/ho_ (filter: Enter applies, Esc cancels)');
    expect(lines.filter((l) => /^[› ] e\d/.test(l)).map((l) => l.slice(2, 6))).toEqual(['e4e4']);
    keys(ui, 'escape');
    expect(ui.draw(W, H).filter((l) => /^[› ] e\d/.test(l))).toHaveLength(5);
    keys(ui, '/', 'p', 'r', 'o', 'd', 'enter');
    lines = ui.draw(W, H);
    expect(lines.filter((l) => /^[› ] e\d/.test(l)).map((l) => l.slice(2, 6))).toEqual(['e3e3']);
    expect(lines[H - 2]).toBe('  1 trace on 2023-11-14 (UTC) · sorted by start · /prod');
    keys(ui, '/', 'ctrl-u', 'z', 'z', 'enter');
    expect(ui.draw(W, H)[1]).toBe('no trace matches /zz');
    keys(ui, 'escape'); // Esc on the list clears the filter
    expect(ui.draw(W, H).filter((l) => /^[› ] e\d/.test(l))).toHaveLength(5);
  });

  it(': filters by a --where expression; a bad one is one line on the status line', () => {
    const ui = app();
    keys(ui, ':', ...'service = "payments"', 'enter');
    const lines = ui.draw(W, H);
    expect(lines.filter((l) => /^[› ] e\d/.test(l)).map((l) => l.slice(2, 6))).toEqual(['e1e1', 'e2e2']);
    keys(ui, ':', 'ctrl-u', ...'duration >', 'enter');
    expect(ui.draw(W, H)[H - 1]).toMatch(/^--where: /);
  });

  it('Trace: the waterfall rows `tracectl waterfall` prints, the span detail `tracectl span` prints', async () => {
    const ui = app();
    keys(ui, 'j', 'j', 'enter');
    expect(ui.current).toBe('trace');
    const lines = ui.draw(W, H);
    expect(lines[0]).toBe('tracectl Trace · 5 traces, 21 spans · ? keys · q quit');
    const id = 'e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3';
    const waterfall = (await runCli(['waterfall', DUMP, '--trace', id, '--width', String(W - 2)])).stdout.split('\n');
    // Header at the full width; axis and rows two cells in, after the cursor mark.
    expect(lines[1]).toBe(`Trace ${id}`);
    expect(lines[2]).toBe('2023-11-14 22:13:20.000 UTC · 60.0ms · 5 spans · 2 services · 1 error');
    const axisAt = waterfall.findIndex((l) => l.includes('┬'));
    expect(lines[4]).toBe(`  ${waterfall[axisAt]}`);
    const rows = waterfall.slice(axisAt + 1).filter((l) => l.includes('█'));
    expect(rows).toHaveLength(5);
    expect(lines.slice(5, 10)).toEqual(rows.map((r, i) => `${i === 0 ? '›' : ' '} ${r}`));
    // The pane below: `tracectl span` for the root, as far as it fits.
    const span = (await runCli(['span', DUMP, '--trace', id, '--span', 'b300000000000001', '--width', String(W)])).stdout.split('\n');
    const pane = lines.indexOf('─'.repeat(W));
    expect(pane).toBeGreaterThan(10);
    expect(lines.slice(pane + 1, H - 1)).toEqual(span.slice(0, H - 1 - pane - 1));
    expect(lines[H - 1]).toBe('↑↓ move · ←→ fold · e/E errors · / search · n/N matches · d details · Esc back · ? keys · q quit');
  });

  it('Trace: fold, next error (unfolding), search with n, previous error, back, quit', () => {
    const ui = app();
    keys(ui, 'j', 'j', 'enter', 'j');
    expect(cursorRow(ui.draw(W, H))).toMatch(/^◆ └─catalog GetProduct +55\.0ms/);
    keys(ui, 'enter'); // fold: its three children hidden
    let lines = ui.draw(W, H);
    expect(cursorRow(lines)).toMatch(/^◆ └─catalog GetProduct ▸3 55\.0ms/);
    expect(lines.filter((l) => l.includes('█'))).toHaveLength(2);
    keys(ui, 'e');
    lines = ui.draw(W, H);
    expect(cursorRow(lines)).toMatch(/^◆   ├─✗ catalog cache Get 20\.0ms/);
    expect(lines.filter((l) => l.includes('█'))).toHaveLength(5);
    expect(lines[H - 1]).toBe('error 1 of 1');
    expect(lines).toContain('Span b300000000000003  catalog cache Get  ✗ error');
    keys(ui, '/', 'q', 'u', 'e', 'r', 'y');
    expect(ui.draw(W, H)[H - 1]).toBe('/query_ (search: Enter applies, Esc cancels)');
    keys(ui, 'enter');
    lines = ui.draw(W, H);
    expect(cursorRow(lines)).toMatch(/^◆   └─catalog db Query +25\.0ms/);
    expect(lines[H - 1]).toBe("1 span match 'query' (n / N: next / previous)");
    keys(ui, 'g', 'n');
    expect(cursorRow(ui.draw(W, H))).toMatch(/catalog db Query/);
    keys(ui, 'E');
    expect(cursorRow(ui.draw(W, H))).toMatch(/✗ catalog cache Get/);
    keys(ui, 'left'); // a leaf: to its parent
    expect(cursorRow(ui.draw(W, H))).toMatch(/└─catalog GetProduct/);
    keys(ui, 'left', 'right');
    expect(ui.draw(W, H).filter((l) => l.includes('█'))).toHaveLength(5);
    keys(ui, 'escape');
    expect(ui.current).toBe('traces');
    expect(cursorRow(ui.draw(W, H))).toMatch(/^e3e3e3e3e3e3e3e3/);
    keys(ui, '2'); // back to the open trace, as it was left
    expect(cursorRow(ui.draw(W, H))).toMatch(/└─catalog GetProduct/);
    expect(ui.press('q')).toBe('quit');
  });

  it('Trace: a trace with no error says so; G and PgUp move to the ends; d hides the details', () => {
    const ui = app();
    keys(ui, 'G', 'enter'); // e5…: one span, no error
    keys(ui, 'e');
    expect(ui.draw(W, H)[H - 1]).toBe('no error spans in this trace');
    keys(ui, 'n');
    expect(ui.draw(W, H)[H - 1]).toBe('no search: press / to search');
    keys(ui, 'd');
    expect(ui.draw(W, H).some((l) => l.startsWith('Span '))).toBe(false);
  });

  it('? shows every key; any key closes it; q there still quits; Ctrl-C quits anywhere, even in a prompt', () => {
    const ui = app();
    keys(ui, '?');
    const lines = ui.draw(W, H);
    expect(lines[1]).toBe('Keys');
    expect(lines.join('\n')).toContain('e / E              next / previous error span');
    keys(ui, 'x');
    expect(ui.draw(W, H)[1]).toMatch(/^ {2}TRACE/);
    keys(ui, '?');
    expect(ui.press('q')).toBe('quit');
    const prompting = app();
    keys(prompting, '/', 'q');
    expect(prompting.draw(W, H)[H - 1]).toMatch(/^\/q_/);
    expect(prompting.press('ctrl-c')).toBe('quit');
  });

  it('a small terminal still shows the title, the cursor row and the status line', () => {
    const ui = app();
    keys(ui, 'j', 'j', 'enter', 'G');
    const lines = ui.draw(60, 10);
    expect(lines).toHaveLength(10);
    expect(lines[0]).toMatch(/^tracectl Trace/);
    expect(cursorRow(lines)).toMatch(/catalog db Query/);
  });
});

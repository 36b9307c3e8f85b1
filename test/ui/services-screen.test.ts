/**
 * The Services screen as a model: its sections are `tracectl latency`, `errors` and `deps` on the
 * same dump, line for line (two cells in, after the cursor mark); keys move the cursor, `o` regroups
 * the latency table, Enter lists a row's traces, Esc comes back. The dump is
 * fixtures/errors/otlp-shop.json (5 traces; frontend calls checkout → payments, catalog, ads, recs).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SpanGroup } from '../../src/formats/encode/contract.js';
import { displayWidth } from '../../src/render/text.js';
import { createTheme } from '../../src/render/theme.js';
import { UiApp } from '../../src/ui/app.js';
import { TraceCatalog } from '../../src/ui/catalog.js';
import { fixture, runCli, runJson } from '../helpers/cli.js';
import { buildTraces, readGroupsFromFile } from '../helpers/convert.js';

const DUMP = fixture('errors/otlp-shop.json');
const W = 100;
/** Tall enough for the whole page: every section in view. */
const TALL = 60;
const H = 30;

let groups: SpanGroup[];
let catalog: TraceCatalog;
beforeAll(async () => {
  groups = await readGroupsFromFile(DUMP);
  catalog = new TraceCatalog();
  for (const trace of buildTraces(groups)) catalog.addTrace(trace);
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

/** The screen's lines without the cursor mark (every line is two cells in). */
function unmarked(lines: readonly string[]): string[] {
  return lines.map((l) => (l.startsWith('› ') ? `  ${l.slice(2)}` : l));
}

async function command(...args: string[]): Promise<string[]> {
  const { stdout, status } = await runCli([...args, DUMP, '--width', String(W - 2)]);
  expect(status).toBe(0);
  return stdout.replace(/\n$/, '').split('\n');
}

const indented = (lines: readonly string[]): string[] => lines.map((l) => (l === '' ? '' : `  ${l}`));

/** The trace ids listed on the Traces screen (their first four characters). */
function listed(lines: readonly string[]): string[] {
  return lines.filter((l) => /^[› ] e\d/.test(l)).map((l) => l.slice(2, 6));
}

describe('tracectl ui: the Services screen', () => {
  it('3: latency, error signatures and dependencies exactly as the commands print them', async () => {
    const ui = app();
    keys(ui, '3');
    expect(ui.current).toBe('services');
    const lines = ui.draw(W, TALL);
    expect(lines[0]).toBe('tracectl Services · 5 traces, 21 spans · ? keys · q quit');
    expect(lines[TALL - 1]).toBe('↑↓ move · Enter traces · o service/operation · ] [ sections · ? keys · q quit');
    const page = unmarked(lines.slice(1, TALL - 1));
    const latency = await command('latency');
    const errors = await command('errors');
    const deps = await command('deps');
    // `tracectl errors` lists the signatures first, three lines each, then a blank line.
    const signatures = errors.slice(0, errors.indexOf(''));
    expect(signatures).toHaveLength(9);
    const expected = ['  Latency by service  (o: by operation)', ...indented(latency), '', '  Error signatures', ...indented(signatures), '', '  Dependencies', ...indented(deps)];
    expect(expected.length).toBeLessThan(TALL - 2);
    expect(page).toEqual([...expected, ...new Array<string>(TALL - 2 - expected.length).fill('')]);
    expect(cursorRow(lines)).toBe('Latency by service  (o: by operation)');
  });

  // Sampled input (the commands weight it by default: so does the screen), and hostile strings.
  it.each(['sample/jaeger-probabilistic.json', 'hostile/escapes.otlp.json'])('%s: the same lines as the commands', async (name) => {
    const dump = fixture(name);
    const other = new TraceCatalog();
    for (const trace of buildTraces(await readGroupsFromFile(dump))) other.addTrace(trace);
    const ui = new UiApp(other, createTheme(0));
    keys(ui, '3');
    const run = async (...args: string[]): Promise<string[]> => (await runCli([...args, dump, '-q', '--width', String(W - 2)])).stdout.replace(/\n$/, '').split('\n');
    const errors = await run('errors');
    // Three lines a signature, before the failed traces.
    const groups = (await runJson<{ groups: unknown[] }>(['errors', dump, '-q'])).json.groups.length;
    const signatures = groups > 0 ? errors.slice(0, 3 * groups) : [`no error chains in ${other.snapshot().entries.length} traces`];
    const expected = ['  Latency by service  (o: by operation)', ...indented(await run('latency')), '', '  Error signatures', ...indented(signatures), '', '  Dependencies', ...indented(await run('deps'))];
    const page = unmarked(ui.draw(W, expected.length + 2).slice(1, -1));
    expect(page).toEqual(expected);
  });

  it('o: the latency table by service and operation (`latency --by operation`), the cursor on the same service; o again: back', async () => {
    const ui = app();
    keys(ui, '3', 'j', 'j'); // checkout
    expect(cursorRow(ui.draw(W, TALL))).toMatch(/^checkout +2 +2 +100%/);
    keys(ui, 'o');
    let lines = ui.draw(W, TALL);
    expect(lines[TALL - 1]).toBe('latency by operation');
    const byOperation = await command('latency', '--by', 'operation');
    expect(unmarked(lines.slice(1, 2 + byOperation.length))).toEqual(['  Latency by operation  (o: by service)', ...indented(byOperation)]);
    expect(cursorRow(lines)).toMatch(/^checkout +PlaceOrder +2 +2 +100%/);
    expect(ui.servicesScreen.grouping).toBe('operation');
    keys(ui, 'j', 'j', 'o'); // frontend GET /product → frontend
    lines = ui.draw(W, TALL);
    expect(lines[1]).toBe('  Latency by service  (o: by operation)');
    expect(cursorRow(lines)).toMatch(/^frontend +5 +3 +60%/);
  });

  it('Enter on a service lists its traces, the filter named above the list; Esc clears it and goes back to the same row', () => {
    const ui = app();
    keys(ui, '3', 'j', 'j', 'j'); // payments
    keys(ui, 'enter');
    expect(ui.current).toBe('traces');
    let lines = ui.draw(W, H);
    expect(lines[0]).toBe('tracectl Traces · 5 traces, 21 spans · ? keys · q quit');
    expect(lines[1]).toBe('Traces with service payments · Esc clears');
    expect(lines[2]).toMatch(/^ {2}TRACE +ROOT/);
    expect(listed(lines)).toEqual(['e1e1', 'e2e2']);
    expect(lines[H - 2]).toBe('  2 traces on 2023-11-14 (UTC) · sorted by start');
    // The narrowed list works as the whole one does: open a trace, come back to the narrowed list.
    keys(ui, 'j', 'enter');
    expect(ui.openTrace?.trace.traceId).toBe('e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2');
    keys(ui, 'escape');
    lines = ui.draw(W, H);
    expect(listed(lines)).toEqual(['e1e1', 'e2e2']);
    expect(cursorRow(lines)).toMatch(/^e2e2/);
    keys(ui, 'escape');
    expect(ui.current).toBe('services');
    expect(cursorRow(ui.draw(W, H))).toMatch(/^payments +2 +2 +100%/);
    keys(ui, 'escape'); // Esc on Services: the list, whole again
    expect(ui.current).toBe('traces');
    lines = ui.draw(W, H);
    expect(lines[1]).toMatch(/^ {2}TRACE/);
    expect(listed(lines)).toHaveLength(5);
  });

  it('Enter on an operation, an error signature, a service of the tree and a call lists the traces that counted towards it', () => {
    const ui = app();
    const choose = (...pressed: string[]): { header: string; traces: string[] } => {
      keys(ui, '3', ...pressed, 'enter');
      const lines = ui.draw(W, H);
      keys(ui, 'escape');
      return { header: lines[1]!, traces: listed(lines) };
    };
    // By operation, the 6th row: frontend GET /home.
    expect(choose('g', 'o', 'j', 'j', 'j', 'j', 'j', 'j')).toEqual({ header: 'Traces with operation frontend GET /home · Esc clears', traces: ['e4e4'] });
    keys(ui, 'o');
    // The first error signature, then the second.
    expect(choose('g', ']', 'j')).toEqual({ header: 'Traces with error payments Charge: TimeoutError · Esc clears', traces: ['e1e1', 'e2e2'] });
    expect(choose('g', ']', 'j', 'j')).toEqual({
      header: 'Traces with error ads GetAds: ads backend down: connect ECONNREFUSED <ip>:<n> · Esc clears',
      traces: ['e4e4'],
    });
    // The tree's root (a service), a call in the tree, a call in the edge table.
    expect(choose('g', ']', ']', 'j')).toEqual({ header: 'Traces with service frontend · Esc clears', traces: ['e1e1', 'e2e2', 'e3e3', 'e4e4', 'e5e5'] });
    expect(choose('g', ']', ']', 'j', 'j', 'j')).toEqual({ header: 'Traces with calls checkout → payments · Esc clears', traces: ['e1e1', 'e2e2'] });
    expect(choose('G', 'k')).toEqual({ header: 'Traces with calls frontend → catalog · Esc clears', traces: ['e3e3'] });
    // A section's title stands for no traces: Enter says so and stays.
    keys(ui, '3', 'g', 'enter');
    expect(ui.current).toBe('services');
    expect(ui.draw(W, H)[H - 1]).toBe('Enter on a row of the latency lists its traces');
  });

  it('moves: j/k by row, ] and [ by section, g/G to the ends, PgDn/PgUp by a page; only the lines in view are drawn', () => {
    const ui = app();
    keys(ui, '3');
    let lines = ui.draw(80, 12);
    expect(lines).toHaveLength(12);
    expect(lines[1]).toBe('› Latency by service  (o: by operation)');
    keys(ui, ']');
    lines = ui.draw(80, 12);
    expect(lines[1]).toBe('› Error signatures'); // a section starts at the top
    expect(lines[2]).toBe('  2 traces fail in payments Charge: TimeoutError');
    keys(ui, ']');
    expect(ui.draw(80, 12)[1]).toBe('› Dependencies');
    keys(ui, ']'); // the last section: stays
    expect(ui.servicesScreen.selected).toBe('section:deps');
    keys(ui, 'j', '[', '[');
    expect(ui.servicesScreen.selected).toBe('section:errors');
    keys(ui, 'G');
    lines = ui.draw(80, 12);
    expect(cursorRow(lines)).toMatch(/^frontend +recs +1/);
    // Below the last row: the rest of the page (the summary), at the bottom of the screen.
    expect(lines[10]).toBe('  6 services, 5 edges, 7 calls in 5 traces');
    keys(ui, 'g');
    expect(ui.draw(80, 12)[1]).toBe('› Latency by service  (o: by operation)');
    keys(ui, 'pagedown'); // 10 lines in view: 9 lines down (the latency footer), then the next row
    expect(ui.servicesScreen.selected).toBe('section:errors');
    keys(ui, 'pagedown');
    expect(ui.servicesScreen.selected).toBe('section:deps');
    keys(ui, 'pageup'); // 9 lines up: the second line of the first signature, so the signature
    expect(ui.servicesScreen.selected).toBe('errors:frontend:GET /checkout > frontend:POST checkout > checkout:PlaceOrder > checkout:charge-card > payments:Charge | TimeoutError');
    keys(ui, 'pageup', 'pageup');
    expect(ui.servicesScreen.selected).toBe('section:latency');
    keys(ui, 'k', 'k'); // the first row: stays
    expect(ui.servicesScreen.selected).toBe('section:latency');
  });

  it('80 columns: every line fits; with colour, the cursor row is in reverse video and the text is the same', () => {
    const plain = app();
    keys(plain, '3');
    const lines = plain.draw(80, TALL);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(80);
    expect(lines.join('\n')).not.toContain('\x1b');
    const coloured = new UiApp(catalog, createTheme(1));
    keys(coloured, '3');
    const drawn = coloured.draw(80, TALL);
    expect(drawn[1]).toContain('\x1b[7m');
    // eslint-disable-next-line no-control-regex
    expect(drawn.map((l) => l.replace(/\x1b\[[0-9;]*m/g, ''))).toEqual(lines);
  });

  it('figures that change (a live catalog): the next frame shows them, the cursor stays on its row', () => {
    const live = new TraceCatalog();
    const byId = new Map(groups.map((g) => [g.traceId.slice(0, 4), g.spans]));
    live.addSpans(byId.get('e3e3')!);
    live.addSpans(byId.get('e5e5')!);
    const ui = new UiApp(live, createTheme(0));
    keys(ui, '3', 'j', 'j');
    let lines = ui.draw(W, TALL);
    expect(cursorRow(lines)).toMatch(/^catalog +1 +0 +0%/);
    expect(lines).toContain('  no error chains in 2 traces');
    live.addSpans([...byId.get('e1e1')!, ...byId.get('e2e2')!, ...byId.get('e4e4')!]);
    lines = ui.draw(W, TALL);
    // checkout, payments, recs and ads are slower than catalog: listed above it now.
    expect(lines.slice(3, 9).map((l) => l.slice(2, 12).trim())).toEqual(['frontend', 'checkout', 'payments', 'catalog', 'recs', 'ads']);
    expect(cursorRow(lines)).toMatch(/^catalog +1 +0 +0%/);
    expect(lines).toContain('  2 traces fail in payments Charge: TimeoutError');
    keys(ui, 'enter');
    expect(listed(ui.draw(W, H))).toEqual(['e3e3']);
  });

  it('no spans yet (a live session just started): the three sections say so; the keys still work', () => {
    const ui = new UiApp(new TraceCatalog(), createTheme(0));
    keys(ui, '3', 'j', 'G', 'pagedown', 'o', 'enter');
    const lines = ui.draw(80, 14);
    expect(lines.slice(1, 12)).toEqual([
      '  Latency by operation  (o: by service)',
      '  no entry spans with a duration',
      '',
      '  Error signatures',
      '  no error chains in 0 traces',
      '',
      '› Dependencies',
      '  no spans',
      '',
      '',
      '',
    ]);
    expect(lines[13]).toBe('Enter on a row of the dependencies lists its traces');
  });

  it('Tab and Shift-Tab cycle Traces → Trace → Services (no Trace screen before a trace is opened)', () => {
    const ui = app();
    const order = (key: string, n: number): string[] => {
      const seen: string[] = [];
      for (let i = 0; i < n; i++) {
        keys(ui, key);
        seen.push(ui.current);
      }
      return seen;
    };
    expect(order('tab', 2)).toEqual(['services', 'traces']);
    keys(ui, 'enter', '1');
    expect(order('tab', 3)).toEqual(['trace', 'services', 'traces']);
    expect(order('shift-tab', 3)).toEqual(['services', 'trace', 'traces']);
  });

  it('? lists the Services keys (the help scrolls when the terminal is short); another key closes it', () => {
    const ui = app();
    keys(ui, '3', '?');
    let lines = ui.draw(W, H);
    expect(lines[1]).toBe('Keys');
    expect(lines).toContain('  1 / 2 / 3          Traces / Trace / Services screen');
    expect(lines[H - 1]).toBe('↑↓ PgUp PgDn scroll · any other key closes the help');
    keys(ui, 'pagedown', 'pagedown');
    lines = ui.draw(W, H);
    // Scrolled to the end: the last lines of the help just above the status line.
    expect(lines.slice(H - 5, H - 1)).toEqual([
      'Services',
      "  Enter, →           the row's traces: a service, operation, error signature or call",
      '  o                  latency by service / by service and operation',
      '  ] / [              next / previous section: latency, errors, dependencies',
    ]);
    keys(ui, 'x');
    expect(ui.current).toBe('services');
    expect(ui.draw(W, H)[1]).toBe('› Latency by service  (o: by operation)');
  });
});

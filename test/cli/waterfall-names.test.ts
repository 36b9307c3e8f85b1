/**
 * Names before bars: at any width the label column takes what it needs, the bar shrinking to its
 * minimum (a quarter of the width, at least 12 cells) first; then services are shortened, the same on
 * every row and with a legend; only then are operations cut. Widths are measured with string-width
 * (test/helpers/cells.ts), not with the renderer's own arithmetic.
 *
 * fixtures/waterfall/long-names.json: a checkout 8 levels deep, services up to 21 characters
 * (recommendationservice, productcatalogservice) and gRPC operations up to 52
 * (hipstershop.RecommendationService/ListRecommendations).
 */
import { describe, expect, it } from 'vitest';
import { cells, linesWiderThan } from '../helpers/cells.js';
import { fixture, runCli, runJson } from '../helpers/cli.js';

const LONG = fixture('waterfall/long-names.json');

interface Row {
  service: string;
  operation: string;
}

/** The rows of the text, the ruler's bar width, and the legend's short forms. */
function layout(stdout: string): { rows: string[]; barWidth: number; short: Map<string, string> } {
  const lines = stdout.split('\n');
  const ruler = lines.findIndex((l) => l.includes('┬'));
  const barWidth = cells(lines[ruler]!.trim());
  const end = lines.indexOf('', ruler);
  const short = new Map<string, string>();
  const legend = lines.slice(end).join('  ').replace(/^.*services: /, '');
  for (const m of legend.matchAll(/(\S+) = (\S+)/g)) short.set(m[2]!, m[1]!);
  return { rows: lines.slice(ruler + 1, end), barWidth, short };
}

describe('waterfall names at 60, 80, 100 and 200 columns', async () => {
  const rows = (await runJson<{ spans: Row[] }>(['waterfall', LONG])).json.spans;

  for (const width of [60, 80, 100, 200]) {
    it(`${width}: every line fits; full names where they fit, else a shortened service, else a cut operation`, async () => {
      const r = await runCli(['waterfall', LONG, '--width', String(width), '-q']);
      expect([r.status, linesWiderThan(r.stdout, width)]).toEqual([0, []]);
      const { rows: text, barWidth, short } = layout(r.stdout);
      const minimum = Math.max(12, Math.floor(width / 4));
      expect(barWidth).toBeGreaterThanOrEqual(minimum);
      expect(text.length).toBe(rows.length);
      let cut = 0;
      for (let i = 0; i < rows.length; i++) {
        const { service, operation } = rows[i]!;
        const line = text[i]!;
        const shown = short.get(service) ?? service;
        if (line.includes(`${shown} ${operation} `)) continue;
        // Cut: only after the service was shortened (when it could be), and only with the bar at its minimum.
        cut++;
        expect(line).toMatch(new RegExp(`${shown} ${operation.slice(0, 3).replace('.', '\\.')}[^ ]*… `));
        if (service.length > 6) expect(short.has(service)).toBe(true);
        expect(barWidth).toBe(minimum);
      }
      // A service is shortened everywhere or nowhere.
      for (const [service, abbreviation] of short) {
        for (let i = 0; i < rows.length; i++) if (rows[i]!.service === service) expect(text[i]).toMatch(new RegExp(`[ ─→←↑↓]${abbreviation} `));
      }
      expect([width, cut, short.size]).toEqual([width, ...{ 60: [12, 6], 80: [7, 6], 100: [2, 3], 200: [0, 0] }[width]!]);
    });
  }

  it('80: the bar gives way to names, down to 20 cells (a quarter of the width)', async () => {
    const r = await runCli(['waterfall', LONG, '--width', '80', '-q']);
    expect(r.stdout.split('\n').slice(2, 7)).toEqual([
      '                                                            0         200ms',
      '                                                            ┬─────────┬────────┬',
      '◆ ← fro HTTP POST /cart/checkout                      400ms ████████████████████',
      '◆ └─→ fro hipstershop.CheckoutService/PlaceOrder      385ms ███████████████████▎',
      '◆   └─← che hipstershop.CheckoutService/PlaceOrder    375ms ██████████████████▊',
    ]);
    expect(r.stdout.split('\n').slice(-3)).toEqual([
      'services: che = checkoutservice  cur = currencyservice  fro = frontend',
      'pro = productcatalogservice  rec = recommendationservice  shi = shippingservice',
      '',
    ]);
  });

  it('200: nothing is shortened or cut, and the bar takes the rest of the line', async () => {
    const r = await runCli(['waterfall', LONG, '--width', '200', '-q']);
    const { rows: text, barWidth, short } = layout(r.stdout);
    expect(short.size).toBe(0);
    expect(r.stdout).not.toContain('…');
    for (let i = 0; i < rows.length; i++) expect(text[i]).toContain(`${rows[i]!.service} ${rows[i]!.operation}`);
    expect(barWidth).toBe(200 - cells(text[0]!.slice(0, text[0]!.indexOf('█'))));
  });
});

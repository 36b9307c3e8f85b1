/**
 * Service colours within one output: distinct while the palette lasts, and the same for the same set
 * of services whatever order they appear in (sorted, then the palette in order, as Jaeger UI hands
 * out its colours). Checked on the theme and on the colours the commands print.
 */
import { describe, expect, it } from 'vitest';
import { createTheme } from '../../src/render/theme.js';
import { serviceTheme } from '../../src/render/service-theme.js';
import { fixture, runCli } from '../helpers/cli.js';

/** The SGR colour code the theme paints a service's name with. */
function colourOf(theme: ReturnType<typeof createTheme>, name: string): string {
  const painted = theme.service(name);
  const m = /^\u001b\[(\d+)m/.exec(painted);
  if (m === null) throw new Error(`not coloured: ${JSON.stringify(painted)}`);
  return m[1]!;
}

const FIVE = ['cart', 'db', 'checkout', 'frontend', 'payment'];
const TEN = [...FIVE, 'email', 'shipping', 'currency', 'ads', 'recommendation'];

describe('service colours', () => {
  it('5 and 10 services of one output all get distinct colours', () => {
    for (const set of [FIVE, TEN]) {
      const theme = createTheme(1).withServices(set);
      expect(new Set(set.map((s) => colourOf(theme, s))).size, set.join(',')).toBe(set.length);
    }
  });

  it('the hash alone gave two of these five services one colour (why sets are assigned)', () => {
    const hashed = createTheme(1);
    expect(new Set(FIVE.map((s) => colourOf(hashed, s))).size).toBeLessThan(5);
  });

  it('the same set gets the same colours whatever the order; colours follow the sorted names', () => {
    const a = createTheme(1).withServices(TEN);
    const b = createTheme(1).withServices([...TEN].reverse());
    const c = createTheme(1).withServices([...TEN, ...TEN].sort((x, y) => x.length - y.length));
    for (const s of TEN) expect([colourOf(b, s), colourOf(c, s)], s).toEqual([colourOf(a, s), colourOf(a, s)]);
    // ads, cart, checkout, currency, db, ...: cyan, green, yellow, blue, magenta, ...
    expect(['ads', 'cart', 'checkout', 'currency', 'db'].map((s) => colourOf(a, s))).toEqual(['36', '32', '33', '34', '35']);
  });

  it('past the palette (10 colours) the order wraps around', () => {
    const eleven = [...TEN, 'zz-last'];
    const theme = createTheme(1).withServices(eleven);
    expect(colourOf(theme, 'zz-last')).toBe(colourOf(theme, 'ads'));
  });

  it('serviceTheme finds the services under every `service` key of a result; no colour stays no colour', () => {
    const result = { rows: [{ service: 'b', child: { service: 'a' } }], other: { service: 'c', list: [[{ service: 'd' }]] } };
    const theme = serviceTheme(createTheme(1), result);
    expect(['a', 'b', 'c', 'd'].map((s) => colourOf(theme, s))).toEqual(['36', '32', '33', '34']);
    expect(serviceTheme(createTheme(0), result).service('a')).toBe('a');
  });
});

describe('service colours in command output', () => {
  /** Service name → the colour code it is printed with, for every coloured service name in the text. */
  function printed(text: string, services: readonly string[]): Map<string, string> {
    const out = new Map<string, string>();
    for (const s of services) {
      const codes = new Set([...text.matchAll(new RegExp(`\\u001b\\[(\\d+)m${s}\\u001b\\[39m`, 'g'))].map((m) => m[1]!));
      if (codes.size > 0) out.set(s, [...codes].join('|'));
    }
    return out;
  }
  const SERVICES = ['bank', 'cart', 'checkout', 'email', 'frontend', 'orders-db', 'payment'];

  for (const command of ['waterfall', 'deps', 'critical-path', 'stats', 'latency']) {
    it(`${command}: each service of the checkout trace in one colour of its own`, async () => {
      const r = await runCli([command, fixture('waterfall/checkout.json'), '--color', '--width', '120', '-q']);
      expect(r.status).toBe(0);
      const colours = printed(r.stdout, SERVICES);
      expect(colours.size, command).toBeGreaterThanOrEqual(5);
      for (const c of colours.values()) expect(c, command).toMatch(/^\d+$/);
      expect(new Set(colours.values()).size, `${command}: ${JSON.stringify([...colours])}`).toBe(colours.size);
    });
  }

  it('waterfall and deps of the same trace (same seven services) colour them alike', async () => {
    const [w, d] = await Promise.all(['waterfall', 'deps'].map((c) => runCli([c, fixture('waterfall/checkout.json'), '--color', '-q'])));
    const fromWaterfall = printed(w!.stdout, SERVICES);
    const fromDeps = printed(d!.stdout, SERVICES);
    expect(fromWaterfall.size).toBe(7);
    for (const [s, c] of fromDeps) expect(c, s).toBe(fromWaterfall.get(s));
  });
});

/**
 * The trace list below 60 columns: SVCS, SPANS and START are left out in turn so every line fits
 * the width (measured with string-width), while the id, root, duration and errors stay.
 */
import { describe, expect, it } from 'vitest';
import { widest } from '../helpers/cells.js';
import { fixture, runCli } from '../helpers/cli.js';

const SHOP = fixture('errors/otlp-shop.json');

describe('tracectl traces at narrow widths', () => {
  it.each([
    [40, 'TRACE             ROOT  DURATION  ERRORS'],
    [45, 'TRACE             ROOT       DURATION  ERRORS'],
    [50, 'TRACE         ROOT  START         DURATION  ERRORS'],
    [58, 'TRACE          ROOT  START         DURATION  SPANS  ERRORS'],
    [59, 'TRACE     ROOT  START         DURATION  SPANS  SVCS  ERRORS'],
    [60, 'TRACE      ROOT  START         DURATION  SPANS  SVCS  ERRORS'],
  ])('at %i columns every line fits, with the columns that do', async (width, header) => {
    const r = await runCli(['traces', SHOP, '--width', String(width)]);
    expect(r.status).toBe(0);
    expect(widest(r.stdout)).toBeLessThanOrEqual(width);
    expect(r.stdout.split('\n')[0]).toBe(header);
  });

  it('at 40 columns a row keeps its id whole, its root cut, its duration and errors', async () => {
    const r = await runCli(['traces', SHOP, '--width', '40']);
    expect(r.stdout.split('\n').slice(1, 3)).toEqual(['e1e1e1e1e1e1e1e1  fro…     100ms       4', 'e2e2e2e2e2e2e2e2  fro…     100ms       4']);
  });
});

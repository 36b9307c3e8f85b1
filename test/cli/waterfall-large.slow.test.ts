/**
 * Big traces: a generated 100,000-span trace renders with --collapse, every span accounted for (a
 * row, or folded into one); a 100,000-deep chain renders without recursion and within the width.
 * In the slow tier (`npm run test:slow`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { widest } from '../helpers/cells.js';
import { writeGeneratedTrace } from '../helpers/generate-trace.js';
import { runCli } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'tracectl-waterfall-'));
const BUSHY = join(tmp, 'bushy-100k.json');
const CHAIN = join(tmp, 'chain-100k.json');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

beforeAll(() => {
  expect(writeGeneratedTrace(BUSHY, { spans: 100_000 })).toEqual({ spans: 100_000, depth: 11 });
  expect(writeGeneratedTrace(CHAIN, { spans: 100_000, shape: 'chain' })).toEqual({ spans: 100_000, depth: 99_999 });
});

describe('waterfall on 100,000 spans', () => {
  it('--collapse renders within 120 columns; text and JSON agree on what was folded', async () => {
    const r = await runCli(['waterfall', BUSHY, '--collapse', '--width', '120', '-q']);
    expect(r.status).toBe(0);
    expect(widest(r.stdout)).toBeLessThanOrEqual(120);

    const j = await runCli(['waterfall', BUSHY, '--collapse', '--json', '-q']);
    const json = JSON.parse(j.stdout) as { spanCount: number; spans: { depth: number; collapsed?: boolean; count?: number }[]; hidden: { folded: number } };
    expect(json.spanCount).toBe(100_000);
    // Every span is a row or folded into one.
    expect(json.spans.length + json.hidden.folded).toBe(100_000);
    const collapsed = json.spans.filter((s) => s.collapsed === true);
    expect(collapsed.length).toBeGreaterThan(1000); // the generator makes N+1 loops under every service
    expect(r.stdout).toContain(`\n--collapse folded ${json.hidden.folded} more spans into ${collapsed.length} rows (×N)\n`);
    // Depth-first rows with every ancestor shown: depth never rises by more than one.
    expect(json.spans.filter((s, i) => i > 0 && s.depth > json.spans[i - 1]!.depth + 1)).toEqual([]);
  });

  it('a 100,000-deep chain: every level a row, no line over 80 columns', async () => {
    const r = await runCli(['waterfall', CHAIN, '--width', '80', '-q']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').filter((l) => /[▏▎▍▌▋▊▉█]$/.test(l))).toHaveLength(100_000);
    expect(widest(r.stdout)).toBeLessThanOrEqual(80);
  });
});

/**
 * One run exported as OTLP and as Zipkin (fixtures/merge/generate.mjs: the OpenTelemetry JS SDK's
 * two exporters' shapes; Zipkin times rounded to the microsecond) and read together: one span per
 * id, the OTLP copy kept, one quiet note — on the full path (waterfall, span) and the compact one
 * (traces), whichever file comes first.
 */
import { describe, expect, it } from 'vitest';
import { fixture, runCli, runJson } from '../helpers/cli.js';

const OTLP = fixture('merge/run.otlp.json');
const ZIPKIN = fixture('merge/run.zipkin.json');
const NOTE = 'note merged-duplicate ×3: span eee19b7ec3c1b174 was read from an OTLP and a Zipkin export; the OTLP copy was kept (and 2 more)\n';

describe('the same spans from an OTLP and a Zipkin export', () => {
  for (const order of [[OTLP, ZIPKIN], [ZIPKIN, OTLP]]) {
    const names = order.map((p) => p.split('/').pop()).join(' then ');
    it(`${names}: three spans, not three duplicate-span-id pairs; a note, no warning`, async () => {
      const traces = await runCli(['traces', ...order, '--width', '100']);
      expect(traces.stdout.split('\n')[1]).toMatch(/^5b8efff798038103 +frontend GET \/cart +22:13:20\.000 +40\.0ms +3 +2 +1$/);
      expect(traces.stderr).toBe(NOTE);
      const waterfall = await runCli(['waterfall', ...order, '--width', '100']);
      expect(waterfall.stdout).toContain('40.0ms · 3 spans · 2 services · 1 error');
      expect(waterfall.stderr).toBe(NOTE);
      const { json } = await runJson<{ spans: { format: string; startTime: string; durationMs: number; events: unknown[] }[]; warningCounts: unknown[] }>(['span', ...order, '--span', 'eee19b7ec3c1b176']);
      // The OTLP copy: nanosecond times, its event's attributes.
      expect(json.spans.map((s) => [s.format, s.startTime, s.durationMs])).toEqual([['otlp', '2023-11-14T22:13:20.003100Z', 25.9996]]);
      expect(json.spans[0]!.events).toEqual([expect.objectContaining({ name: 'exception', attributes: { 'exception.message': 'out of stock' } })]);
      expect(json.warningCounts).toEqual([{ code: 'merged-duplicate', count: 3 }]);
    });
  }

  it('a Zipkin span a microsecond or more away from the OTLP one stays a different span', async () => {
    const { readFileSync, writeFileSync, mkdtempSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'tracectl-merge-'));
    try {
      const spans = JSON.parse(readFileSync(ZIPKIN, 'utf8')) as { timestamp: number }[];
      spans[2]!.timestamp += 2;
      const moved = join(dir, 'moved.zipkin.json');
      writeFileSync(moved, JSON.stringify(spans));
      const r = await runCli(['traces', OTLP, moved, '--width', '100']);
      expect(r.stderr).toContain('note merged-duplicate ×2');
      expect(r.stderr).toContain('warning duplicate-span-id ×1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

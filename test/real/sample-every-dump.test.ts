/**
 * `tracectl sample` on every real dump: a ratio and a whole Collector policy run with exit 0, keep
 * at most what was read, and write a dump (as OTLP) that reads back with exactly the traces and
 * spans the report says were kept; the ratio's kept spans carry its threshold.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/cli.js';
import { REAL, realDumps } from '../helpers/real-dumps.js';

const dir = mkdtempSync(join(tmpdir(), 'tracectl-real-sample-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface SampleJson {
  report: { traces: { before: number; after: number }; spans: { before: number; after: number } };
  output: { traces: number; spans: number };
}

const files = realDumps();

describe.each(files.map((f) => [relative(REAL, f), f]))('%s', (_name, file) => {
  for (const args of [['--ratio', '0.5'], ['--policy', fixture('sample/collector.yaml')]]) {
    it(`sample ${args[0]}`, async () => {
      const out = join(dir, `${relative(REAL, file).replace(/\W/g, '_')}${args[0]}.json`);
      const r = await runCli(['sample', ...args, file, '-o', out, '--to', 'otlp', '--json', '-q']);
      expect(r.status).toBe(0);
      const json = JSON.parse(r.stdout) as SampleJson;
      expect(json.report.traces.after).toBeLessThanOrEqual(json.report.traces.before);
      expect(json.output).toMatchObject({ traces: json.report.traces.after, spans: json.report.spans.after });
      // An empty dump reads as no traces (and `traces` says so with exit 2): nothing to read back.
      if (json.report.traces.after === 0) return;
      const back = await runCli(['traces', out, '--json', '-q']);
      const traces = (JSON.parse(back.stdout) as { traces: { spans: number }[] }).traces;
      expect(traces.length).toBe(json.report.traces.after);
      if (args[0] === '--ratio') {
        const text = readFileSync(out, 'utf8');
        const states = [...text.matchAll(/"traceState":"([^"]*)"/g)].map((m) => m[1]!);
        expect(states).toHaveLength(json.report.spans.after);
        expect(states.every((s) => /(^|,)ot=th:8(;|,|$)/.test(s))).toBe(true);
      }
    });
  }
});

/**
 * The Collector file of the otel-tui project (JSON lines, traces among logs and metrics) cut as a
 * file still being written is: `head -c 600000 otlp.jsonl | tracectl traces` reads the whole
 * records before the cut and says so once; `--strict` refuses it. Every real dump cut at two thirds
 * either reads with one truncated-input warning or, cut inside its first record, is the one-line
 * error it always was.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { EXPECTED_DUMPS, realDump } from '../helpers/real-dumps.js';

interface TracesJson {
  traces: { traceId: string; spans: number }[];
  warnings: { code: string; message: string }[];
}

describe('a real Collector file cut mid-line', () => {
  const whole = readFileSync(realDump('otlp/otel-tui__test_data.filtered.jsonl'));
  const cut = whole.subarray(0, 600_000);

  it('head -c 600000 | tracectl traces: exit 0, the whole records read, one warning', async () => {
    const r = await runCli(['traces', '--json'], { input: cut });
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as TracesJson;
    const full = JSON.parse((await runCli(['traces', '--json'], { input: whole })).stdout) as TracesJson;
    expect(doc.traces.length).toBeGreaterThan(100);
    // Every trace read from the cut has at most the spans it has in the whole file.
    const spans = new Map(full.traces.map((t) => [t.traceId, t.spans]));
    for (const t of doc.traces) expect(t.spans).toBeLessThanOrEqual(spans.get(t.traceId)!);
    const cuts = doc.warnings.filter((w) => w.code === 'truncated-input');
    expect(cuts.map((w) => w.message)).toEqual([expect.stringMatching(/^stdin: the input ends inside a record at byte 600000; read up to byte \d+, where the last whole record ends/)]);
    const wholeUntil = Number(/read up to byte (\d+)/.exec(cuts[0]!.message)![1]);
    // The last whole record ends with the `}` of a ResourceSpans or of a span, before the cut.
    expect(wholeUntil).toBeLessThan(600_000);
    expect(String.fromCharCode(cut[wholeUntil - 1]!)).toBe('}');
  });

  it('--strict refuses it, as before', async () => {
    const r = await runCli(['traces', '--strict'], { input: cut });
    const lines = cut.toString().split('\n');
    expect(r).toEqual({ stdout: '', stderr: `tracectl: stdin: malformed JSON at line ${lines.length}, column ${Buffer.byteLength(lines.at(-1)!) + 1}: unexpected end of input (the file looks truncated)\n`, status: 2 });
  });
});

describe('every real dump cut at two thirds', () => {
  it.each(EXPECTED_DUMPS)('%s', async (name) => {
    const bytes = readFileSync(realDump(name));
    const cut = bytes.subarray(0, Math.floor((bytes.length * 2) / 3));
    const r = await runCli(['traces', '--json'], { input: cut });
    if (r.status === 2) {
      expect(r.stderr).toMatch(/^tracectl: stdin: (malformed JSON at line \d+, column \d+: unexpected end of input \(the file looks truncated\)|gzip data is corrupt or truncated .*)\n$/);
      return;
    }
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as TracesJson;
    expect(doc.warnings.filter((w) => w.code === 'truncated-input')).toHaveLength(1);
  });
});

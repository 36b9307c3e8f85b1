/**
 * Times that cannot be right: negative and zero durations, start times in seconds, milliseconds or
 * nanoseconds where microseconds belong, start times of 0, numbers beyond any clock. Each is kept or
 * placed, flagged by reason, and never turns into NaN, Infinity or a wrapped-around date.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBin, runCli } from '../helpers/cli.js';
import { commandNames } from './support/commands.js';
import { failuresOf, problemsOf, runEveryCommand, warningsOf } from './support/every-command.js';
import { fixture, tempDir } from './support/files.js';

const dir = tempDir('times');

interface WaterfallRow {
  spanId: string;
  operation: string;
  startOffsetMs: number;
  durationMs: number;
  flags: string[];
}

async function rows(path: string): Promise<WaterfallRow[]> {
  const r = await runCli(['waterfall', path, '--json']);
  return (JSON.parse(r.stdout) as { spans: WaterfallRow[] }).spans;
}

describe('times', () => {
  it('negative and zero durations (Zipkin): clamped to 0 and flagged; a 0 duration is "no duration" in Zipkin', async () => {
    const path = fixture('hostile/durations.zipkin.json');
    const runs = await runEveryCommand({ paths: [path] });
    expect(problemsOf(runs)).toEqual([]);
    expect(failuresOf(runs)).toEqual([]);
    const w = await warningsOf({ paths: [path] });
    expect(w.counts).toEqual({ 'suspect-timestamp': 1, 'missing-duration': 1 });
    expect((await rows(path)).map((r) => `${r.operation} ${r.startOffsetMs} ${r.durationMs}`)).toEqual(['root 0 10', 'negative 0.1 0', 'zero 0.2 0']);
  });

  it('an OTLP span that ends before it starts: duration 0, flagged; one that ends as it starts is fine', async () => {
    const path = fixture('hostile/durations.otlp.json');
    const runs = await runEveryCommand({ paths: [path] });
    expect(problemsOf(runs)).toEqual([]);
    expect(failuresOf(runs)).toEqual([]);
    const w = await warningsOf({ paths: [path] });
    expect(w.counts).toEqual({ 'suspect-timestamp': 1 });
    expect(w.summary).toBe('warning suspect-timestamp ×1: endTimeUnixNano is before startTimeUnixNano: duration set to 0\n');
    expect((await rows(path)).map((r) => `${r.operation} ${r.startOffsetMs} ${r.durationMs}`)).toEqual(['root 0 10', 'ends-before-start 0.5 0', 'zero 0.6 0']);
  });

  it('start times in seconds, milliseconds and nanoseconds where microseconds belong: each flagged as suspect-timestamp', async () => {
    const path = fixture('hostile/timestamp-units.jaeger.json');
    const runs = await runEveryCommand({ paths: [path], args: { span: ['--span', '0000000000000001', '--trace', '0000000000000008'] } });
    expect(problemsOf(runs)).toEqual([]);
    expect(failuresOf(runs)).toEqual([]);
    const w = await warningsOf({ paths: [path] });
    expect(w.counts).toEqual({ 'suspect-timestamp': 3 });
    expect(w.summary).toBe('warning suspect-timestamp ×3: span 0000000000000001: startTime 1700000000 lies outside 2000-2100 (wrong unit?) (and 2 more)\n');
    const starts = Object.fromEntries(
      (w.json as { traces: { rootOperation: string; startTime: string }[] }).traces.map((t) => [t.rootOperation, t.startTime]),
    );
    expect(starts.seconds).toBe('1970-01-01T00:28:20.000000Z');
    expect(starts.milliseconds).toBe('1970-01-20T16:13:20.000000Z');
    expect(starts.microseconds).toBe('2023-11-14T22:13:20.000000Z');
  });

  // In the built program `traces` parses in a worker into compact spans: a start of 1.7e21 ns (1.7e18
  // written in a microsecond field) must not wrap around 64 bits into a plausible-looking 2061 date
  // while `waterfall` (full spans) shows year 55840. (In-process the worker is not used: this spawns.)
  it('a start time in nanoseconds where microseconds belong is the same date in traces as in waterfall (no 64-bit wraparound)', async () => {
    const path = fixture('hostile/timestamp-units.jaeger.json');
    const list = JSON.parse((await runBin(['traces', path, '--json'])).stdout) as { traces: { traceId: string; startTime: string }[] };
    const fromTraces = list.traces.find((t) => t.traceId === '0000000000000007')!.startTime;
    const fromWaterfall = (JSON.parse((await runBin(['waterfall', path, '--trace', '0000000000000007', '--json'])).stdout) as { startTime: string }).startTime;
    expect(fromWaterfall).toBe('+055840-11-08T22:13:20.000000Z');
    expect(fromTraces).toBe(fromWaterfall);
  });

  it('start times of 0 (OTLP "unset"): placed at the trace start and counted as missing-timestamp', async () => {
    const path = fixture('hostile/zero-start.otlp.json');
    const runs = await runEveryCommand({ paths: [path] });
    expect(problemsOf(runs)).toEqual([]);
    expect(failuresOf(runs)).toEqual([]);
    const w = await warningsOf({ paths: [path] });
    expect(w.counts).toEqual({ 'missing-timestamp': 2 });
    expect(w.summary).toBe("warning missing-timestamp ×2: span 0000000000000001 (epoch root) has no timestamp; placed at the trace's start (and 1 more)\n");
  });

  // Bug (formats: a time or duration of 1e308 µs becomes Infinity ns, which reaches BigInt() in
  // src/model/tree.ts, or a warning's text): found by test/fuzz/fields.test.ts. Such a span should be
  // skipped or clamped with a warning, like any other impossible time.
  it('a duration or start time of 1e308 is skipped or flagged, not an internal error', async () => {
    const problems: string[] = [];
    let runs = 0;
    for (const [name, span] of [
      ['duration', { duration: 1e308, timestamp: 1_700_000_000_000_000 }],
      ['start', { duration: 5, timestamp: 1e308 }],
    ] as const) {
      const path = join(dir, `huge-${name}.json`);
      writeFileSync(path, JSON.stringify([{ traceId: '00000000000000ff', id: '0000000000000001', name: 'x', localEndpoint: { serviceName: 's' }, ...span }]));
      const every = await runEveryCommand({ paths: [path], modes: ['plain', 'json'] });
      runs += every.length;
      problems.push(...problemsOf(every).map((p) => `${name}: ${p}`));
    }
    expect(problems).toEqual([]);
    expect(runs).toBe(2 * 2 * commandNames().length);
  });
});

describe('one garbage time among good ones', () => {
  // Found by test/fuzz/fields.test.ts: one Zipkin timestamp of 1e308 µs made latency's time window
  // (and so its rate) Infinity, which --json wrote as null.
  it('keeps every figure finite: the window, rates, offsets', async () => {
    const path = join(dir, 'one-huge.zipkin.json');
    const span = (id: string, timestamp: number): object => ({ traceId: '00000000000000aa', id, name: 'op', kind: 'SERVER', timestamp, duration: 1000, localEndpoint: { serviceName: 's' } });
    writeFileSync(path, JSON.stringify([span('0000000000000001', 1_700_000_000_000_000), { ...span('0000000000000002', 1e308), traceId: '00000000000000bb' }]));
    for (const command of [['latency'], ['traces'], ['waterfall', '--trace', '00000000000000bb'], ['span', '--span', '0000000000000002']]) {
      const r = await runCli([...command, path, '--json']);
      expect([command[0], r.status, r.stderr.split('\n').filter((line) => line.startsWith('tracectl'))]).toEqual([command[0], 0, []]);
    }
    const latency = JSON.parse((await runCli(['latency', path, '--json'])).stdout) as { windowSec: number };
    expect(latency.windowSec).toBe(Number.MAX_VALUE / 1e9);
  });
});

describe('every number of a dump beyond any clock', () => {
  // Found by test/fuzz/fields.test.ts "every '*' huge-number": a Jaeger duration of 1e308 µs became an
  // Infinity that reached BigInt() in clock skew, latency streaming and the OTLP encoder. Such a
  // duration is now ignored with a warning (src/formats/jaeger/timing.ts), as a Zipkin one already was.
  it('Jaeger startTime, duration and tag numbers all 1e308: no internal error in any command', async () => {
    const source = JSON.parse(readFileSync(fixture('equivalent/checkout.jaeger.json'), 'utf8')) as unknown;
    const huge = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(huge) : typeof v === 'object' && v !== null ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, huge(x)])) : typeof v === 'number' ? 1e308 : v;
    const path = join(dir, 'all-huge.jaeger.json');
    writeFileSync(path, JSON.stringify(huge(source)));
    const runs = await runEveryCommand({ paths: [path], modes: ['plain', 'json'] });
    expect(runs.filter((r) => r.result.status === 3).map((r) => `${r.command} (${r.mode}): ${r.result.stderr.split('\n')[0]}`)).toEqual([]);
  });
});

/**
 * How trees come out of odd dumps, as a user sees them (fixtures/trees/): Zipkin pieces merged,
 * 64-bit and 128-bit Zipkin trace ids joined, a Jaeger start of 0 read as no time, reader warnings
 * on the span's row, untimed spans placed from corrected times, and what --no-adjust says.
 * docs/internals/trees.md gives the rules; test/reference holds the cases from Jaeger and Zipkin.
 */
import { describe, expect, it } from 'vitest';
import { fixture, runCli, runJson } from '../helpers/cli.js';

interface Row {
  spanId: string;
  depth: number;
  service: string;
  operation: string;
  kind: string;
  startOffsetMs: number;
  durationMs: number;
  skewMs: number;
  flags: string[];
}

interface Waterfall {
  traceId: string;
  durationMs: number;
  spans: Row[];
  warnings: { code: string; message: string }[];
}

const rows = (w: Waterfall): string[] => w.spans.map((r) => `${'  '.repeat(r.depth)}${r.service} ${r.operation} ${r.kind} @${r.startOffsetMs} ${r.durationMs}ms${r.flags.length > 0 ? ` [${r.flags.join(' ')}]` : ''}`);

describe('Zipkin pieces', () => {
  it('a client sent in two parts (start, then duration) is one client span with both, its annotations and the late tags of its server merged', async () => {
    //  web     get /      |==============================|   0..300
    //  web     get /api     |====================|           10..210  (start in one piece, duration in another)
    //  api     get /api        |===============|             20..170  (shared server; late tags sent alone)
    const { json, stderr } = await runJson<Waterfall>(['waterfall', fixture('trees/finagle-pieces.json')]);
    expect(rows(json)).toEqual(['web get / server @0 300ms', '  web get /api client @10 200ms', '    api get /api server @20 150ms']);
    expect(json.warnings).toEqual([]);
    expect(stderr).toBe('');
    const detail = await runJson<{ spans: { kind: string; events: { name: string; offsetMs: number }[]; attributes: Record<string, string> }[] }>([
      'span',
      fixture('trees/finagle-pieces.json'),
      '--span',
      '6b221d5bc9e6496c',
    ]);
    const [client, server] = detail.json.spans;
    expect(client!.events.map((e) => [e.name, e.offsetMs])).toEqual([
      ['ws', 0.5],
      ['wr', 199],
    ]);
    expect(server!.attributes).toEqual({ 'late.tag': 'sent after the span' });
  });

  it('a 64-bit trace id that is the low half of a 128-bit one joins that trace, with a warning', async () => {
    const listed = await runCli(['traces', fixture('trees/mixed-trace-ids.json'), '--width', '100']);
    expect(listed.stdout.split('\n')[1]).toMatch(/^463ac35c9f6413ad +frontend get \/ .* 3 +2 +0$/);
    expect(listed.stderr).toBe(
      'warning joined-trace-id ×1: trace 48485a3953bb6124 is the low 64 bits of trace 463ac35c9f6413ad48485a3953bb6124: its 1 span(s) joined that trace, as Zipkin reads them\n',
    );
    const { json } = await runJson<Waterfall>(['waterfall', fixture('trees/mixed-trace-ids.json'), '-q']);
    expect(rows(json)).toEqual(['frontend get / server @0 100ms', '  frontend get /stock client @10 50ms', '    inventory get /stock server @15 40ms']);
  });
});

describe('times', () => {
  it('a Jaeger startTime of 0 is no time: placed at its parent start, [no-time], keeping its duration', async () => {
    const { json } = await runJson<Waterfall>(['waterfall', fixture('trees/jaeger-zero-start.json')]);
    expect(json.durationMs).toBe(100);
    expect(rows(json)).toEqual(['shop checkout unspecified @0 100ms', '  shop no clock unspecified @0 25ms [missing-timestamp]', '  shop reserve unspecified @40 30ms']);
    const text = await runCli(['waterfall', fixture('trees/jaeger-zero-start.json'), '--width', '100', '-q']);
    expect(text.stdout).toContain('├─shop no clock [no-time] 25.0ms');
  });

  it('an untimed extra root is placed at the corrected start of the trace, and the timed root stands for the trace', async () => {
    //  web      get /report   |==========|          100..110
    //  reports  get /report |=|                      38..40: 66 ms early (skew), centred: 104..106
    //  batch    untimed extra root: at the corrected trace start (100), not at 38
    const { json } = await runJson<Waterfall>(['waterfall', fixture('trees/untimed-root-skew.json')]);
    expect(json.durationMs).toBe(10);
    expect(rows(json)).toEqual([
      'web get /report client @0 10ms',
      '  reports get /report server @4 2ms [clock-skew]',
      'batch untimed extra root internal @0 0ms [missing-timestamp]',
    ]);
    const listed = await runCli(['traces', fixture('trees/untimed-root-skew.json'), '--width', '100', '-q']);
    expect(listed.stdout.split('\n')[1]).toMatch(/^00000000000000e1 +web get \/report +22:13:20\.100 +10\.0ms +3 +3 +0$/);
  });

  it('--no-adjust keeps the raw times and says what the correction would have been', async () => {
    const { json } = await runJson<Waterfall>(['waterfall', fixture('trees/untimed-root-skew.json'), '--no-adjust']);
    // Raw times: the trace starts at the skewed server's recorded start, and so does the untimed root.
    expect(rows(json)).toEqual([
      'batch untimed extra root internal @0 0ms [missing-timestamp]',
      'web get /report client @62 10ms',
      '  reports get /report server @0 2ms [clock-skew]',
    ]);
    expect(json.warnings.filter((w) => w.code === 'clock-skew').map((w) => w.message)).toEqual([
      'span 0000000000000001 (reports get /report) starts before its parent, on another host: not shifted (--no-adjust); the correction would be +66.000ms',
    ]);
  });
});

describe('what the readers found, on the span', () => {
  it('a timestamp in an unlikely unit and an id kept as written are tagged on their rows and in --json', async () => {
    const text = await runCli(['waterfall', fixture('trees/read-flags.json'), '--width', '100', '-q']);
    expect(text.stdout).toContain('├─svc milliseconds [odd-time] 2.00ms');
    expect(text.stdout).toContain('└─svc odd id [bad-id]         3.00ms');
    expect(text.stdout).toContain('odd-time: a timestamp in an unlikely unit  bad-id: id is not hex');
    const { json } = await runJson<Waterfall>(['waterfall', fixture('trees/read-flags.json')]);
    expect(json.spans.map((r) => [r.spanId, r.flags])).toEqual([
      ['0000000000000001', []],
      ['0000000000000002', ['suspect-timestamp']],
      ['not-hex!', ['invalid-id']],
    ]);
  });
});

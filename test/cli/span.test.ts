/** `tracectl span` as a user runs it: exact text and JSON, ids by prefix, exit codes. */
import { describe, expect, it } from 'vitest';
import { fixture, runCli, runJson } from '../helpers/cli.js';

const CHECKOUT = fixture('waterfall/checkout.json');
const TWO = fixture('waterfall/two-traces.json');
const STACK = fixture('span/stack-trace.json');

interface SpanJson {
  traceId: string;
  spans: Record<string, unknown>[];
  warnings: unknown[];
}

describe('tracectl span', () => {
  it('prints everything about an error span (id without leading zeros)', async () => {
    const r = await runCli(['span', CHECKOUT, '--span', 'a8', '--width', '80']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        'Span 00000000000000a8  payment Charge  ✗ error',
        '  trace      4bf92f3577b34da6',
        '  parent     00000000000000a2  checkout POST /orders',
        '  service    payment',
        '  operation  Charge',
        '  kind       server',
        '  start      2023-11-14 22:13:20.045000 UTC  (+45.0ms into the trace)',
        '  duration   60.0ms',
        '  self time  40.0ms',
        '  status     error: card declined: insufficient funds',
        '  depth      2 · 1 child',
        '  host       pay-1',
        '  format     jaeger',
        '',
        'Attributes (2)',
        '  span.kind  server',
        '  error      true',
        '',
        'Resource (2)',
        '  hostname         pay-1',
        '  service.version  2.4.1',
        '',
        'Events (1)',
        '  +53.0ms  error  (2023-11-14 22:13:20.098000 UTC)',
        '      event    error',
        '      message  card declined: insufficient funds',
        '',
        'Links and references (0)',
        '',
      ].join('\n'),
    );
  });

  it('a clock-skewed span shows its recorded start; --no-adjust shows it raw', async () => {
    const adjusted = await runCli(['span', CHECKOUT, '--span', '00000000000000a9', '--width', '80', '-q']);
    expect(adjusted.stdout.split('\n').filter((l) => /^ {2}(start|clock skew|flags) /.test(l))).toEqual([
      '  start       2023-11-14 22:13:20.065000 UTC  (+65.0ms into the trace)',
      '  clock skew  +35.0ms to fit its parent (recorded start 22:13:20.030000 UTC)',
      '  flags       clock-skew',
    ]);
    const raw = (await runJson<SpanJson>(['span', CHECKOUT, '--span', 'a9', '--no-adjust'])).json.spans[0]!;
    // Not moved, and still flagged: the warning says by how much it would be.
    expect([raw.startTime, raw.rawStartTime, raw.skewMs, raw.flags]).toEqual(['2023-11-14T22:13:20.030000Z', null, 0, ['clock-skew']]);
  });

  it('--json: the span detail object', async () => {
    const { json } = await runJson<SpanJson>(['span', CHECKOUT, '--span', '00000000000000aa']);
    expect(json.traceId).toBe('4bf92f3577b34da6');
    expect(json.spans).toEqual([
      {
        traceId: '4bf92f3577b34da6',
        spanId: '00000000000000aa',
        parentId: '00000000000000a1',
        parent: { spanId: '00000000000000a1', service: 'frontend', operation: 'GET /checkout' },
        relation: 'follows_from',
        async: true,
        depth: 1,
        children: 0,
        service: 'email',
        operation: 'send-receipt',
        kind: 'consumer',
        startTime: '2023-11-14T22:13:20.115000Z',
        rawStartTime: null,
        skewMs: 0,
        startOffsetMs: 115,
        durationMs: 40,
        selfMs: 40,
        timing: 'exact',
        status: 'unset',
        error: false,
        statusMessage: null,
        host: 'mail-1',
        shared: false,
        format: 'jaeger',
        flags: [],
        warnings: [],
        attributes: { 'span.kind': 'consumer' },
        resource: { hostname: 'mail-1' },
        events: [],
        refs: [],
      },
    ]);
  });

  it('without --trace, finds the one trace holding the span; a span in several traces needs --trace', async () => {
    const one = (await runJson<SpanJson>(['span', TWO, '--span', '202'])).json;
    expect([one.traceId, one.spans[0]!.operation]).toEqual(['a1b2c3d4e5f60002', 'render']);
    expect(await runCli(['span', TWO, '--span', '102'])).toMatchObject({
      status: 2,
      stdout: '',
      stderr: "tracectl: --span '102' is in 2 traces: a1b2c3d4e5f60001, a1b2c3d4e5f60002; choose one with --trace\n",
    });
    const picked = (await runJson<SpanJson>(['span', TWO, '--span', '102', '--trace', 'a1b2c3d4e5f60001'])).json;
    expect([picked.traceId, picked.spans[0]!.parentId]).toEqual(['a1b2c3d4e5f60001', '0000000000000101']);
  });

  it('no such span, or no --span at all, exits 2', async () => {
    expect(await runCli(['span', CHECKOUT, '--span', 'ffff'])).toMatchObject({
      status: 2,
      stderr: "tracectl: no span matches --span 'ffff' in the input (1 trace)\n",
    });
    expect(await runCli(['span', TWO, '--span', 'ffff', '--trace', 'a1b2c3d4e5f60002'])).toMatchObject({
      status: 2,
      stderr: "tracectl: no span matches --span 'ffff' in trace a1b2c3d4e5f60002 (3 spans)\n",
    });
    const missing = await runCli(['span', CHECKOUT]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("required option '--span <id>' not specified");
  });

  // shop POST /pay    |0------------------50|      host shop-1
  // payments charge |-10---10|  recorded          host pay-7: starts before its parent
  //                    shifted +25ms: |15---35|   exception recorded at 5, shown at 30
  it('a stack trace in an exception event wraps in its column, nothing cut, at 60, 80, 100 and 200 columns', async () => {
    const stack = (await runJson<SpanJson>(['span', STACK, '--span', 'c2'])).json.spans[0]!.events as { attributes: Record<string, string> }[];
    const raw = stack[0]!.attributes['exception.stacktrace']!;
    for (const width of [60, 80, 100, 200]) {
      const r = await runCli(['span', STACK, '--span', 'c2', '--width', String(width), '-q']);
      expect(r.status).toBe(0);
      const lines = r.stdout.split('\n');
      for (const line of lines) expect(line.length, `${width}: ${line}`).toBeLessThanOrEqual(width);
      const from = lines.findIndex((l) => l.startsWith('      exception.stacktrace  '));
      const to = lines.indexOf('', from);
      const shown = lines.slice(from, to).map((l) => l.slice(28)).join('');
      // Every character is there (only the spaces a line was broken at are dropped).
      expect(shown.replace(/\s/g, ''), String(width)).toBe(raw.replace(/\s/g, ''));
      expect(lines.slice(from, to).some((l) => l.endsWith('HttpGatewayClient.java:412)') || l.endsWith('ayClient.java:412)') || /java:412\)$/.test(l)), String(width)).toBe(true);
    }
    const at100 = (await runCli(['span', STACK, '--span', 'c2', '--width', '100', '-q'])).stdout.split('\n');
    expect(at100.slice(at100.indexOf('Events (1)'))).toEqual([
      'Events (1)',
      '  +15.0ms  exception  (2023-11-14 22:13:20.030000 UTC; recorded 22:13:20.005000 UTC)',
      '      event                 exception',
      '      exception.type        java.io.IOException',
      '      exception.stacktrace  java.io.IOException: connection reset by peer while reading the response',
      '                            body of POST /v1/charges',
      '                                at com.example.payments.gateway.HttpGatewayClient.readBody(HttpGatew',
      '                            ayClient.java:412)',
      '                                at com.example.payments.gateway.HttpGatewayClient.charge(HttpGateway',
      '                            Client.java:187)',
      '                                at com.example.payments.ChargeService.authorizeAndCapture(ChargeServ',
      '                            ice.java:96)',
      '',
      'Links and references (0)',
      '',
    ]);
  });

  it('event times move with the clock-skew correction, the recorded time beside; --no-adjust shows them as recorded', async () => {
    const moved = (await runJson<SpanJson>(['span', STACK, '--span', 'c2'])).json.spans[0]!;
    expect([moved.skewMs, moved.events]).toEqual([
      25,
      [expect.objectContaining({ name: 'exception', time: '2023-11-14T22:13:20.030000Z', rawTime: '2023-11-14T22:13:20.005000Z', offsetMs: 15 })],
    ]);
    const raw = (await runJson<SpanJson>(['span', STACK, '--span', 'c2', '--no-adjust'])).json.spans[0]!;
    expect(raw.events).toEqual([expect.objectContaining({ time: '2023-11-14T22:13:20.005000Z', rawTime: null, offsetMs: 15 })]);
    const text = (await runCli(['span', STACK, '--span', 'c2', '--no-adjust', '--width', '100', '-q'])).stdout;
    expect(text).toContain('\n  +15.0ms  exception  (2023-11-14 22:13:20.005000 UTC)\n');
  });

  it("Jaeger's per-span warnings are shown and in --json", async () => {
    const json = (await runJson<SpanJson>(['span', STACK, '--span', 'c2'])).json.spans[0]!;
    expect(json.warnings).toEqual([
      'clock skew adjustment disabled; not applying calculated delta of -15ms',
      'invalid parent span IDs=00000000000000c0; skipping clock skew adjustment',
    ]);
    const lines = (await runCli(['span', STACK, '--span', 'c2', '--width', '60', '-q'])).stdout.split('\n');
    expect(lines.slice(lines.indexOf('Warnings from the producer (2)'), lines.indexOf('Attributes (2)'))).toEqual([
      'Warnings from the producer (2)',
      '  - clock skew adjustment disabled; not applying',
      '    calculated delta of -15ms',
      '  - invalid parent span IDs=00000000000000c0; skipping',
      '    clock skew adjustment',
      '',
    ]);
    // A span without warnings has no such block.
    expect((await runCli(['span', STACK, '--span', 'c1', '-q'])).stdout).not.toContain('Warnings from the producer');
  });

  it('without --trace, only the warnings of the trace shown are reported', async () => {
    // checkout.json has a clock-skew warning (span a9); span 202 is in a trace of two-traces.json.
    const other = await runCli(['span', CHECKOUT, TWO, '--span', '202', '--width', '80']);
    expect([other.status, other.stderr]).toEqual([0, '']);
    const json = (await runJson<SpanJson>(['span', CHECKOUT, TWO, '--span', '202'])).json;
    expect(json.warnings).toEqual([]);
    const own = await runCli(['span', CHECKOUT, TWO, '--span', 'a9', '--width', '80']);
    expect(own.stderr).toBe('warning clock-skew ×1: span 00000000000000a9 (bank authorize) starts before its parent, on another host: shifted by +35.000ms\n');
  });
});

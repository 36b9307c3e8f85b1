/**
 * A dump written by the real OpenTelemetry JS SDK from services on one machine, so on one clock:
 * clock-skew correction must find nothing to correct. The instrumented fixture app
 * (fixtures/record/instrumented-app.mjs: frontend -> cart -> payment over HTTP on 127.0.0.1, a
 * tracer provider per service) runs under `tracectl record`, its SERVER spans ending a moment after
 * their response is flushed (APP_SERVER_END_MS), as HTTP server instrumentation ends them: each then
 * ends after its CLIENT span, which one clock produces all the time and which is no evidence of skew.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSpans } from '../../src/input/read-spans.js';
import { TraceAssembler } from '../../src/model/assemble.js';
import type { SpanNode, Trace } from '../../src/model/trace.js';
import { buildTrace } from '../../src/model/tree.js';
import { WarningLog } from '../../src/model/warning-log.js';
import { fixture, runCli } from '../helpers/cli.js';

/** End of a node's effective interval, as an offset from the trace start (ns). */
const endOffsetNs = (node: SpanNode): number => node.offsetNs + node.durationNs;

let dir: string;
let dump: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tracectl-one-clock-'));
  dump = join(dir, 'one-clock.jsonl');
  const run = await runCli(['record', '-o', dump, '--port', '0', '--grace', '0.2', '--', process.execPath, fixture('record/instrumented-app.mjs')], {
    env: { APP_REQUESTS: '20', APP_PARALLEL: '4', APP_SERVER_END_MS: '2' },
  });
  expect(run.status, run.stderr).toBe(0);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function traces(adjust: boolean): Promise<Trace[]> {
  const assembler = new TraceAssembler();
  await readSpans([dump], (s) => assembler.add(s), { stdin: process.stdin, warnings: new WarningLog() });
  const out: Trace[] = [];
  for (const [traceId, spans] of assembler.finish([])) out.push(buildTrace(traceId, spans, { adjustClockSkew: adjust }).result);
  return out;
}

describe('a dump from the OpenTelemetry JS SDK on one machine', () => {
  it('has servers that end after their clients, and not one span moved for clock skew', async () => {
    const all = await traces(true);
    expect(all).toHaveLength(20);
    const nodes = all.flatMap((t) => t.nodes);
    expect(nodes).toHaveLength(20 * 6);
    // The pattern Jaeger's adjuster takes for skew: a server ending after the client that called it.
    const late = nodes.filter((n) => n.span.kind === 'server' && n.parent?.span.kind === 'client' && endOffsetNs(n) > endOffsetNs(n.parent));
    // How many depends on scheduling (about one server in two, on this app); that there are some is the point.
    expect(late.length).toBeGreaterThan(0);
    expect(nodes.filter((n) => n.skewNs !== 0 || n.flags.includes('clock-skew'))).toEqual([]);
    // Raw times are the effective ones.
    const raw = (await traces(false)).flatMap((t) => t.nodes);
    expect(raw.map((n) => n.startNs)).toEqual(nodes.map((n) => n.startNs));
  });

  it('reads without a clock-skew warning, by the commands that read compact spans too', async () => {
    for (const command of ['latency', 'traces', 'critical-path']) {
      const run = await runCli([command, dump, '--json']);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).not.toContain('clock-skew');
      expect(JSON.parse(run.stdout).warnings ?? []).not.toContainEqual(expect.objectContaining({ code: 'clock-skew' }));
    }
  });
});

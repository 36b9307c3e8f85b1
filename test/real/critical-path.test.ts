/**
 * The critical-path invariants on every trace of every real dump in ../shared/real-traces, and of a
 * generated dump: each trace's sections tile its root's interval exactly (contiguous, positive, from
 * the root's start to its end), and over a dump the total critical time is the sum of the roots'
 * durations, which the per-operation times add up to. Also: `critical-path` and `stats` read every
 * real dump with exit 0.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { aggregateCriticalPaths } from '../../src/analyses/critical-path-aggregate.js';
import { criticalPath } from '../../src/analyses/critical-path.js';
import { readSpans } from '../../src/input/read-spans.js';
import { TraceAssembler } from '../../src/model/assemble.js';
import { nsToMs } from '../../src/model/time.js';
import type { Trace } from '../../src/model/trace.js';
import { buildTrace } from '../../src/model/tree.js';
import { WarningLog } from '../../src/model/warning-log.js';
import { runCli } from '../helpers/cli.js';
import { REAL, realDumps } from '../helpers/real-dumps.js';

const GENERATOR = fileURLToPath(new URL('../../bench/generate.js', import.meta.url));


/** The project's own reading path (as src/cli/load.ts does it), with and without clock-skew correction. */
async function loadTraces(path: string, adjustClockSkew: boolean): Promise<Trace[]> {
  const assembler = new TraceAssembler();
  await readSpans([path], (span) => assembler.add(span), { stdin: new PassThrough(), warnings: new WarningLog() });
  const traces: Trace[] = [];
  for (const [traceId, spans] of assembler.finish([])) traces.push(buildTrace(traceId, spans, { adjustClockSkew }).result);
  return traces;
}

/** Problems with one trace's path, as readable strings (empty when it tiles the root exactly). */
function partitionProblems(trace: Trace): string[] {
  const cp = criticalPath(trace);
  const root = cp.root;
  const where = `trace ${trace.traceId}`;
  if (root !== trace.root) return [`${where}: walked ${root.span.spanId}, not trace.root`];
  if (root.durationNs === 0) return cp.sections.length === 0 ? [] : [`${where}: a 0 ns root has ${cp.sections.length} sections`];
  const problems: string[] = [];
  let cursor = root.offsetNs;
  for (const s of cp.sections) {
    if (s.startNs !== cursor) problems.push(`${where}: section of ${s.node.span.spanId} starts at ${s.startNs}, expected ${cursor}`);
    if (s.endNs <= s.startNs) problems.push(`${where}: empty section of ${s.node.span.spanId}`);
    if (!cp.onPath.has(s.node.index)) problems.push(`${where}: ${s.node.span.spanId} owns time but is not in onPath`);
    cursor = s.endNs;
  }
  if (cursor !== root.offsetNs + root.durationNs) problems.push(`${where}: sections end at ${cursor}, the root at ${root.offsetNs + root.durationNs}`);
  return problems;
}

function checkDump(traces: Trace[]): void {
  const problems = traces.flatMap(partitionProblems);
  expect(problems).toEqual([]);
  const rootsNs = traces.reduce((sum, t) => sum + t.root.durationNs, 0);
  const aggregate = aggregateCriticalPaths(traces);
  expect(aggregate.traces).toBe(traces.length);
  expect(aggregate.totalCriticalMs).toBe(nsToMs(rootsNs));
  const opsMs = aggregate.operations.reduce((sum, o) => sum + o.criticalMs, 0);
  expect(Math.abs(opsMs - aggregate.totalCriticalMs)).toBeLessThanOrEqual(1e-9 * Math.max(1, aggregate.totalCriticalMs));
  const byRoot = aggregateCriticalPaths(traces, { byRoot: true });
  expect(byRoot.roots!.reduce((sum, g) => sum + g.traces, 0)).toBe(traces.length);
}

const files = realDumps();

describe('critical path over every real dump', () => {
  it('finds the dumps', () => {
    expect(files.length).toBeGreaterThanOrEqual(45);
  });

  for (const file of files) {
    const name = file.slice(REAL.length);
    it(`${name}: sections partition each root; the total is the sum of root durations`, async () => {
      for (const adjust of [true, false]) {
        const traces = await loadTraces(file, adjust);
        expect(traces.length).toBeGreaterThan(0);
        checkDump(traces);
      }
    });
  }

  it('critical-path and stats read every real dump with exit 0', async () => {
    const failures: string[] = [];
    for (const file of files) {
      for (const args of [['critical-path'], ['critical-path', '--by-root'], ['stats', '--by', 'operation']]) {
        const r = await runCli([...args, file, '--json', '-q']);
        if (r.status !== 0) failures.push(`${args.join(' ')} ${file.slice(REAL.length)}: exit ${r.status}: ${r.stderr.trim()}`);
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);
});

describe('critical path over a generated dump', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'tracectl-cp-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  for (const format of ['jaeger', 'otlp', 'zipkin']) {
    it(`${format}, 3 MB: sections partition each root; the total is the sum of root durations`, async () => {
      const { generateFile } = (await import(GENERATOR)) as { generateFile: (path: string, o: { format: string; mb: number; seed: number }) => Promise<unknown> };
      const path = join(tmp, `dump.${format}.json`);
      await generateFile(path, { format, mb: 3, seed: 4 });
      const traces = await loadTraces(path, true);
      expect(traces.length).toBeGreaterThan(50);
      checkDump(traces);
    });
  }
});

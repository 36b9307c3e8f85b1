/**
 * Legal but enormous trees: a chain 1,000,000 spans deep (every walk must use an explicit stack) and
 * one span with 100,000 children (no quadratic work per child). The deepest span fails, so an error
 * chain is a million spans long too.
 *
 * Reading and building a million-span trace takes most of a minute, so it is done once: the trace is
 * built in the test and handed to every command through a stand-in for `loadDump` (the commands'
 * analyses and renderers are what depth can break; the reader is depth-blind). `latency` streams the
 * generated file itself, and the real binary (parse workers and all) reads the file end to end once.
 * In the slow tier (`npm run test:slow`).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { LoadedDump } from '../../src/cli/load.js';
import type { RunContext } from '../../src/cli/run-context.js';
import type { Span } from '../../src/model/span.js';
import type { Trace } from '../../src/model/trace.js';
import { buildTrace } from '../../src/model/tree.js';
import type { WithWarnings } from '../../src/model/warnings.js';
import { commandNames } from './support/commands.js';
import { failuresOf, problemsOf, runEveryCommand } from './support/every-command.js';
import { tempDir } from './support/files.js';
import { runBin } from '../helpers/cli.js';

const { prebuilt } = vi.hoisted(() => ({ prebuilt: new Map<string, { built: WithWarnings<Trace>; spans: number }>() }));

vi.mock('../../src/cli/load.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/cli/load.js')>();
  return {
    ...real,
    loadDump: async (paths: readonly string[], ctx: RunContext, options?: unknown): Promise<LoadedDump> => {
      const hits = paths.map((p) => prebuilt.get(p));
      if (paths.length === 0 || hits.some((h) => h === undefined)) return real.loadDump(paths, ctx, options as never);
      const { built, spans } = hits[0]!;
      return {
        inputs: paths.map((name) => ({ name, gzip: false, formats: ['zipkin'], records: spans, spans })),
        traceCount: 1,
        spanCount: spans,
        *traces() {
          ctx.warnings.addAll(built.warnings);
          yield built.result;
        },
      };
    },
  };
});

const dir = tempDir('huge-trees');
const DEEP = 1_000_000;
const WIDE = 100_000;
const T_US = 1_700_000_000_000_000;

interface Gen {
  id: number;
  parent?: number;
  service: string;
  name: string;
  startUs: number;
  durationUs: number;
  error: boolean;
}

const hex16 = (n: number): string => n.toString(16).padStart(16, '0');

/** The span the Zipkin decoder makes of the generated line (the stand-in's input). */
function toSpan(traceId: string, g: Gen): Span {
  return {
    traceId,
    spanId: hex16(g.id),
    ...(g.parent !== undefined ? { parentId: hex16(g.parent), parentType: 'child_of' as const } : {}),
    refs: [],
    service: g.service,
    operation: g.name,
    kind: 'internal',
    startNs: BigInt(g.startUs) * 1000n,
    durationNs: g.durationUs * 1000,
    timing: 'exact',
    status: g.error ? 'error' : 'unset',
    ...(g.error ? { statusMessage: 'deepest' } : {}),
    attributes: g.error ? { error: 'deepest' } : {},
    resource: { 'service.name': g.service },
    events: [],
    format: 'zipkin',
  };
}

/** Writes the spans as a Zipkin v2 list, one a line, and builds the trace; registers both. */
async function generate(path: string, traceId: string, count: number, gen: (i: number) => Gen): Promise<void> {
  const out = createWriteStream(path);
  const spans: Span[] = new Array<Span>(count);
  out.write('[');
  let chunk: string[] = [];
  for (let i = 0; i < count; i++) {
    const g = gen(i);
    spans[i] = toSpan(traceId, g);
    chunk.push(
      `${i === 0 ? '' : ',\n'}{"traceId":"${traceId}","id":"${hex16(g.id)}"${g.parent !== undefined ? `,"parentId":"${hex16(g.parent)}"` : ''},"name":"${g.name}","timestamp":${g.startUs},"duration":${g.durationUs},"localEndpoint":{"serviceName":"${g.service}"}${g.error ? ',"tags":{"error":"deepest"}' : ''}}`,
    );
    if (chunk.length === 10_000) {
      if (!out.write(chunk.join(''))) await once(out, 'drain');
      chunk = [];
    }
  }
  out.end(`${chunk.join('')}]\n`);
  await once(out, 'finish');
  prebuilt.set(path, { built: buildTrace(traceId, spans), spans: count });
}

const deepPath = join(dir, 'deep-chain.zipkin.json');
const widePath = join(dir, 'wide.zipkin.json');

beforeAll(async () => {
  // Span i+1 is the child of span i and lies inside it; the deepest one fails.
  await generate(deepPath, '000000000000dee9', DEEP, (i) => ({
    id: i + 1,
    ...(i > 0 ? { parent: i } : {}),
    service: i % 3 === 0 ? 'a' : 'b',
    name: `op${i % 7}`,
    startUs: T_US + i,
    durationUs: 2 * (DEEP - i),
    error: i === DEEP - 1,
  }));
  // Span 1 is the parent of all the others; one child in a thousand fails.
  await generate(widePath, '000000000000a1de', WIDE + 1, (i) => ({
    id: i + 1,
    ...(i > 0 ? { parent: 1 } : {}),
    service: `s${i % 5}`,
    name: `op${i % 11}`,
    startUs: T_US + i,
    durationUs: i === 0 ? 10 * WIDE : 5,
    error: i % 1000 === 7,
  }));
});

/** A span to show (diff gets the dump twice from runEveryCommand). */
const twice = (_path: string): Record<string, string[]> => ({ span: ['--span', '0000000000000002'] });

describe('a chain 1,000,000 spans deep', () => {
  it('every command exits 0, no stack overflow (text and JSON)', async () => {
    // critical-path: its own test below. latency (which streams the file itself), convert
    // (whose --json is only its summary) and report (which writes the same page either way) run as
    // text only: each reads the whole file. redact rewrites record by record, blind to depth: the
    // wide tree below covers it.
    const slow = ['latency', 'convert', 'report'];
    const runs = [
      ...(await runEveryCommand({ paths: [deepPath], modes: ['plain'], args: twice(deepPath), skip: ['critical-path', 'redact'] })),
      ...(await runEveryCommand({ paths: [deepPath], modes: ['json'], args: twice(deepPath), skip: ['critical-path', 'redact', ...slow] })),
    ];
    expect(problemsOf(runs)).toEqual([]);
    expect(failuresOf(runs)).toEqual([]);
    expect(runs.length).toBe(2 * commandNames().length - 4 - slow.length);
  });

  it('the real binary reads the file end to end: traces --json shows one trace of 1,000,000 spans, 1,000,000 deep', async () => {
    const r = await runBin(['traces', deepPath, '--json'], { timeoutMs: 3_000_000 });
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as { traces: { spans: number; errors: number }[]; warningCounts: unknown[] };
    expect(json.traces).toEqual([expect.objectContaining({ spans: DEEP, errors: 1 })]);
    expect(json.warningCounts).toEqual([]);
  });

  // Was a bug: a million sections went through cli-table3 and lines.push(...rows), which overflowed
  // the stack. Tables past 1,000 rows are now laid out in one pass and appended line by line.
  it('critical-path exits 0', async () => {
    const runs = await runEveryCommand({ paths: [deepPath], modes: ['plain'], skip: commandNames().filter((c) => c !== 'critical-path') });
    expect(runs.map((r) => r.command)).toEqual(['critical-path']);
    expect(problemsOf(runs)).toEqual([]);
  });
});

describe('one span with 100,000 children', () => {
  // critical-path was a bug: cli-table3's layout is quadratic in the rows, and this trace's critical
  // path has 100,000 sections. How long it takes is the benchmark's business; here, that it ends.
  it('every command exits 0 (text and JSON)', async () => {
    const runs = await runEveryCommand({ paths: [widePath], modes: ['plain', 'json'], args: twice(widePath) });
    expect(problemsOf(runs)).toEqual([]);
    expect(failuresOf(runs)).toEqual([]);
    expect(runs.length).toBe(2 * commandNames().length);
  });
});

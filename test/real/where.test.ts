/**
 * `--where` on every real dump in ../shared/real-traces: whatever the producer wrote, a condition
 * and its negation split the spans exactly; `error` selects exactly the failed spans; the structural
 * conditions agree with a naive walk up and down the tree; numeric comparisons read every stored
 * status code that is a number or a numeric string. And `traces --where error` through the CLI
 * lists exactly the traces with errors.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readSpans } from '../../src/input/read-spans.js';
import { TraceAssembler } from '../../src/model/assemble.js';
import type { SpanNode, Trace } from '../../src/model/trace.js';
import { buildTrace } from '../../src/model/tree.js';
import { WarningLog } from '../../src/model/warning-log.js';
import { compileWhere } from '../../src/query/where.js';
import { runJson } from '../helpers/cli.js';
import { REAL, realDumps } from '../helpers/real-dumps.js';



async function loadTraces(path: string): Promise<Trace[]> {
  const assembler = new TraceAssembler();
  await readSpans([path], (span) => assembler.add(span), { stdin: new PassThrough(), warnings: new WarningLog() });
  const traces: Trace[] = [];
  for (const [traceId, spans] of assembler.finish([])) traces.push(buildTrace(traceId, spans).result);
  return traces;
}

const count = (traces: readonly Trace[], q: string): number => {
  const match = compileWhere(q);
  let n = 0;
  for (const t of traces) for (const node of t.nodes) if (match(node, t)) n++;
  return n;
};

const CONDITIONS = [
  'error',
  'kind = server',
  'root',
  'duration > 1ms',
  'attr.http.status_code >= 400',
  'attr.http.status_code = nil',
  '.http.method = "GET"',
  'resource.service.name =~ ".*-.*"',
  'name =~ "(?i).*get.*"',
  'service = parent.service',
  'has descendant (error)',
  'has ancestor (kind = server) and not has child (kind = client)',
  'trace.duration > 10ms or depth >= 3',
];

/** Naive answers, one walk per span (explicit stacks), to check the one-pass structural evaluation. */
function hasMatchingDescendant(node: SpanNode, trace: Trace, match: (n: SpanNode, t: Trace) => boolean): boolean {
  const stack = [...node.children];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (match(n, trace)) return true;
    stack.push(...n.children);
  }
  return false;
}
function hasMatchingAncestor(node: SpanNode, trace: Trace, match: (n: SpanNode, t: Trace) => boolean): boolean {
  for (let p = node.parent; p !== undefined; p = p.parent) if (match(p, trace)) return true;
  return false;
}

const FILES = realDumps();

describe.each(FILES.map((f) => [f.slice(REAL.length), f]))('%s', (_name, path) => {
  it('a condition and its negation split the spans; error is exactly the failed spans', async () => {
    const traces = await loadTraces(path);
    const spans = traces.reduce((sum, t) => sum + t.nodes.length, 0);
    expect(spans).toBeGreaterThan(0);
    for (const q of CONDITIONS) expect([q, count(traces, q) + count(traces, `not (${q})`)]).toEqual([q, spans]);
    expect(count(traces, 'error')).toBe(traces.reduce((sum, t) => sum + t.errorCount, 0));
    expect(count(traces, 'status = error')).toBe(count(traces, 'error'));
  });

  it('has descendant / has ancestor agree with a walk per span', async () => {
    const traces = await loadTraces(path);
    const inner = compileWhere('error or kind = client');
    const desc = compileWhere('has descendant (error or kind = client)');
    const anc = compileWhere('has ancestor (error or kind = client)');
    for (const t of traces) {
      for (const node of t.nodes) {
        expect(desc(node, t)).toBe(hasMatchingDescendant(node, t, inner));
        expect(anc(node, t)).toBe(hasMatchingAncestor(node, t, inner));
      }
    }
  });

  it('numeric comparisons read every stored status code that is a number or a numeric string', async () => {
    const traces = await loadTraces(path);
    const match = compileWhere('attr.http.status_code >= 0 or attr.http.status_code < 0');
    for (const t of traces) {
      for (const node of t.nodes) {
        const v = node.span.attributes['http.status_code'];
        const numeric = typeof v === 'number' || (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v));
        expect(match(node, t)).toBe(numeric);
      }
    }
  });
});

describe('traces --where error through the CLI', () => {
  it.each(FILES.map((f) => [f.slice(REAL.length), f]))('%s', async (_name, path) => {
    interface TracesJson {
      traces: { traceId: string; errors: number }[];
    }
    const all = (await runJson<TracesJson>(['traces', path, '-q'])).json.traces;
    const failed = (await runJson<TracesJson>(['traces', path, '-q', '--where', 'error'])).json.traces;
    expect(failed).toEqual(all.filter((t) => t.errors > 0));
  });
});

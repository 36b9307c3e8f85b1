/**
 * Nothing lost silently: in a span list with values that are not spans (objects without ids, an
 * object that is no span at all, numbers, a string, null, a nested list of numbers) and a span
 * given twice, everything kept is shown and everything else is counted in the warnings, by reason.
 */
import { describe, expect, it } from 'vitest';
import { failuresOf, problemsOf, runEveryCommand, warningsOf } from './support/every-command.js';
import { fixture } from './support/files.js';

const path = fixture('hostile/skipped.zipkin.json');

describe('skipped records and spans', () => {
  it('two spans kept, the copy of one dropped as duplicate-span, the rest skipped as skipped-record; every command exits 0', async () => {
    const runs = await runEveryCommand({ paths: [path] });
    expect(problemsOf(runs)).toEqual([]);
    expect(failuresOf(runs)).toEqual([]);
    const w = await warningsOf({ paths: [path] });
    expect((w.json as { traces: { spans: number }[] }).traces.map((t) => t.spans)).toEqual([2]);
    expect(w.counts['duplicate-span']).toBe(1);
    expect(w.summary).toContain('warning duplicate-span ×1: span 0000000000000003 was read more than once; the copy was dropped');
    // The three objects that are no spans are listed one by one; the five scalars in one warning.
    const messages = (w.json as { warnings: { code: string; message: string }[] }).warnings.filter((x) => x.code === 'skipped-record').map((x) => x.message);
    expect(messages).toEqual([
      `${path}: line 3: a JSON value that is no Jaeger, Zipkin or OTLP trace data was skipped`,
      `${path}: line 4: a JSON value that is no Jaeger, Zipkin or OTLP trace data was skipped`,
      `${path}: line 5: a JSON value that is no Jaeger, Zipkin or OTLP trace data was skipped`,
      `${path}: 5 values that are not objects skipped where spans or traces were expected`,
    ]);
  });

  // The values that are not objects are one message, counted as the five values it stands for.
  it('the warnings summary counts every skipped value: skipped-record ×8', async () => {
    const w = await warningsOf({ paths: [path] });
    expect(w.counts['skipped-record']).toBe(8);
  });
});

/**
 * Ids of every wrong length: too short (producers drop leading zeros: padded, no warning), between
 * 64 and 128 bits (padded to 128), too long or not hex at all (kept as written, counted as
 * invalid-id). Every span is kept; every command works.
 */
import { describe, expect, it } from 'vitest';
import { failuresOf, problemsOf, runEveryCommand, warningsOf } from './support/every-command.js';
import { fixture } from './support/files.js';

describe('ids of every wrong length', () => {
  it('trace ids of 1 to 40 hex digits, span ids of 1 to 20, and ids that are not hex: all 61 spans kept, 14 counted as invalid-id', async () => {
    const path = fixture('hostile/id-lengths.otlp.json');
    const runs = await runEveryCommand({ paths: [path] });
    expect(problemsOf(runs)).toEqual([]);
    expect(failuresOf(runs)).toEqual([]);

    const w = await warningsOf({ paths: [path] });
    // 8 trace ids of 33-40 digits, 4 span ids of 17-20 digits, "not-a-hex-id" and "xyz".
    expect(w.counts).toEqual({ 'invalid-id': 14, 'multiple-roots': 1 });
    expect(w.summary).toBe(
      [
        'warning invalid-id ×14: invalid traceId "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa": kept as written (and 13 more)',
        'warning multiple-roots ×1: trace has 20 spans without a parent',
        '',
      ].join('\n'),
    );
    const traces = (w.json as { traces: { traceId: string; spans: number }[] }).traces;
    expect(traces.reduce((n, t) => n + t.spans, 0)).toBe(61);
    const ids = traces.map((t) => t.traceId);
    // Short ids padded to 64 bits, 17-32 digits to 128 bits, longer ones kept as written.
    expect(ids).toContain('000000000000000a');
    expect(ids).toContain('000000000000000aaaaaaaaaaaaaaaaa');
    expect(ids).toContain('a'.repeat(40));
    expect(ids).toContain('not-a-hex-id');
    expect(ids).toHaveLength(42);
  });
});

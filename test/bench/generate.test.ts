import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript module without types (bench/ has no build step)
import { FORMATS, generate } from '../../bench/generate.js';
import { readSpans } from '../../src/input/read-spans.js';
import { TraceAssembler } from '../../src/model/assemble.js';
import { WarningLog } from '../../src/model/warning-log.js';
import type { Span } from '../../src/model/span.js';

interface Counts {
  traces: number;
  spans: number;
  bytes: number;
}

async function dump(format: string, bytes: number, seed = 1, oneTrace = 0): Promise<{ text: string; counts: Counts }> {
  const parts: string[] = [];
  const counts = (await generate({ format, bytes, seed, oneTrace, write: (t: string) => void parts.push(t) })) as Counts;
  return { text: parts.join(''), counts };
}

/** Reads a generated dump the way tracectl does (through stdin). */
async function read(text: string): Promise<{ spans: Span[]; warnings: WarningLog }> {
  const spans: Span[] = [];
  const warnings = new WarningLog();
  const stdin = Object.assign(Readable.from([Buffer.from(text)]), { isTTY: false });
  await readSpans(['-'], (s) => spans.push(s), { stdin, warnings });
  return { spans, warnings };
}

describe('bench/generate.js', () => {
  it('is deterministic: the same seed gives the same bytes, another seed other bytes', async () => {
    for (const format of FORMATS as string[]) {
      const a = await dump(format, 60_000, 7);
      const b = await dump(format, 60_000, 7);
      const c = await dump(format, 60_000, 8);
      expect(a.text).toBe(b.text);
      expect(c.text).not.toBe(a.text);
    }
  });

  it.each(FORMATS as string[])('writes %s that tracectl reads with the counts the generator reports', async (format) => {
    const { text, counts } = await dump(format, 300_000);
    expect(counts.bytes).toBe(Buffer.byteLength(text));
    expect(counts.bytes).toBeGreaterThanOrEqual(300_000);
    const { spans, warnings } = await read(text);
    const assembler = new TraceAssembler();
    for (const s of spans) assembler.add(s);
    expect(assembler.spans).toBe(counts.spans);
    expect(assembler.traces).toBe(counts.traces);
    // Realistic content: several services, errors, events, attributes, every span kind of an RPC.
    expect(new Set(spans.map((s) => s.service)).size).toBeGreaterThan(10);
    expect(spans.some((s) => s.status === 'error')).toBe(true);
    expect(spans.some((s) => s.events.length > 0)).toBe(true);
    expect(spans.every((s) => Object.keys(s.attributes).length > 0)).toBe(true);
    expect(new Set(spans.map((s) => s.kind))).toEqual(new Set(['server', 'client', 'producer', 'consumer', 'internal']));
    // Consistent trees: no clock skew, orphans or cycles for the tree builder to repair.
    expect(warnings.total).toBe(0);
  });

  it('scatters OTLP traces: a trace is spread over several resource records', async () => {
    const { text } = await dump('otlp', 300_000);
    const records = text.split('{"resource":');
    expect(records.length).toBeGreaterThan(20);
    const linesOf = new Map<string, Set<number>>();
    records.forEach((line, i) => {
      for (const m of line.matchAll(/"traceId":"([0-9a-f]{32})"/g)) {
        const set = linesOf.get(m[1]!) ?? new Set<number>();
        set.add(i);
        linesOf.set(m[1]!, set);
      }
    });
    const spread = [...linesOf.values()].filter((s) => s.size > 1).length;
    expect(spread).toBeGreaterThan(linesOf.size / 2);
  });

  it('writes one trace of exactly the spans asked for', async () => {
    const { text, counts } = await dump('otlp', 0, 3, 5000);
    expect(counts).toMatchObject({ traces: 1, spans: 5000 });
    const { spans } = await read(text);
    expect(spans).toHaveLength(5000);
    expect(new Set(spans.map((s) => s.traceId)).size).toBe(1);
  });
});

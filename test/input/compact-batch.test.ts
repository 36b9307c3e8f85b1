import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BatchEncoder, hexId, spanFromWords, STRIDE } from '../../src/input/compact-batch.js';
import { readSpans } from '../../src/input/read-spans.js';
import { SpanStore } from '../../src/input/span-store.js';
import type { Span } from '../../src/model/span.js';
import { WarningLog } from '../../src/model/warning-log.js';
import { makeSpan } from '../helpers/make-span.js';

const FIXTURES = new URL('../../fixtures/', import.meta.url);

/** What compact spans keep: everything but attributes, resource, events, links and the producer's warnings. */
function compactView(span: Span): Span {
  const { warnings: _warnings, ...kept } = span;
  return { ...kept, attributes: {}, resource: {}, events: [], refs: [] };
}

async function fixtureSpans(dir: string): Promise<Span[]> {
  const spans: Span[] = [];
  for (const name of readdirSync(new URL(`${dir}/`, FIXTURES))) {
    const path = new URL(`${dir}/${name}`, FIXTURES).pathname;
    await readSpans([path], (s) => spans.push(s), { stdin: process.stdin, warnings: new WarningLog() });
  }
  return spans;
}

describe('compact spans', () => {
  it('hexId writes 64-bit ids as 16 lower-case hex digits', () => {
    expect(hexId(0, 1)).toBe('0000000000000001');
    expect(hexId(0xdeadbeef, 0x0badf00d)).toBe('deadbeef0badf00d');
    expect(hexId(0xffffffff, 0xffffffff)).toBe('ffffffffffffffff');
  });

  it.each(['jaeger', 'zipkin', 'otlp'])('a %s fixture span comes back from its 11 words as it was (minus details)', async (dir) => {
    const spans = await fixtureSpans(dir);
    expect(spans.length).toBeGreaterThan(20);
    const encoder = new BatchEncoder();
    for (const s of spans) encoder.add(s);
    const batch = encoder.take();
    expect(batch.words.length).toBe(spans.length * STRIDE);
    const rebuilt = spans.map((_, i) =>
      spanFromWords(batch.traceIds[batch.words[i * STRIDE]!]!, batch.words, i * STRIDE, batch.starts[i]!, batch.durations[i]!, batch.strings, batch.local),
    );
    expect(rebuilt).toEqual(spans.map(compactView));
  });

  it('keeps what does not fit the words: odd ids, starts beyond 64 bits, status messages, the reader\'s flags', () => {
    const odd = {
      ...makeSpan({ traceId: 'not-hex-trace', id: 'span-1', parent: 'parent-x', service: 'a', operation: 'op', start: 0, dur: 1 }),
      startNs: 1700000000000000000000n,
      status: 'error' as const,
      statusMessage: 'boom',
      host: '10.0.0.1 fe80::1',
      shared: true,
      flags: ['suspect-timestamp', 'invalid-id'] as const,
    };
    const encoder = new BatchEncoder();
    encoder.add(odd);
    const b = encoder.take();
    const back = spanFromWords(b.traceIds[0]!, b.words, 0, b.starts[0]!, b.durations[0]!, b.strings, b.local);
    expect(back).toEqual(compactView(odd));
  });

  it('the store gives traces in first-seen order, spans in read order, across batches and sources', () => {
    const s = (traceId: string, spanId: string, service: string): Span =>
      makeSpan({ traceId, id: spanId, service, operation: 'op', start: 0, dur: 1 });
    const store = new SpanStore();
    const a = new BatchEncoder();
    const b = new BatchEncoder();
    a.add(s('00000000000000000000000000000002', '0000000000000001', 'front'));
    a.add(s('00000000000000000000000000000001', '0000000000000002', 'back'));
    store.add(a.take(), 0);
    b.add(s('00000000000000000000000000000001', '0000000000000003', 'front'));
    b.add(s('00000000000000000000000000000002', '0000000000000004', 'db'));
    store.add(b.take(), 1);
    const got = [...store.byTrace()].map(([id, spans]) => [id.slice(-1), spans.map((x) => `${x.spanId.slice(-1)}:${x.service}`)]);
    expect(got).toEqual([
      ['2', ['1:front', '4:db']],
      ['1', ['2:back', '3:front']],
    ]);
    expect(store.spans).toBe(4);
    expect(store.traces).toBe(2);
  });

  it('the store drops an exact repeat of a span and says so; a different span with the same id stays', () => {
    const span = makeSpan({ traceId: '0000000000000000000000000000000a', id: '1', service: 's', operation: 'op', start: 0, dur: 5 });
    const other = { ...span, operation: 'other' };
    const encoder = new BatchEncoder();
    encoder.add(span);
    encoder.add(span);
    encoder.add(other);
    const store = new SpanStore();
    store.add(encoder.take(), 0);
    const warnings: { code: string; message: string }[] = [];
    const [[, spans]] = [...store.byTrace(warnings as never)] as [[string, Span[]]];
    expect(spans.map((x) => x.operation)).toEqual(['op', 'other']);
    expect(warnings).toEqual([
      { code: 'duplicate-span', message: 'span 0000000000000001 was read more than once; the copy was dropped', traceId: '0000000000000000000000000000000a', spanId: '0000000000000001' },
    ]);
  });
});

describe('malformed records read compactly (lean framing, cut attributes) are placed like full reads', () => {
  const pretty = (bad: string) =>
    `{"resourceSpans":[{"resource":{},"scopeSpans":[{"spans":[{\n  "traceId":"0102030405060708090a0b0c0d0e0f10","spanId":"0102030405060708",\n  "attributes":[\n    {"key":"a",\n     "value":{"stringValue":"x"}}\n  ],\n  "name":"op"${bad}\n}]}]}]}\n`;
  // Zipkin spans (not cut), with the error after multi-line tags or inside them.
  const zipkin = (bad: string, tags = '{\n    "http.path": "/x",\n    "component": "net"\n  }') =>
    `[{"traceId":"0102030405060708","id":"0102030405060708","tags":{"a":"b"}},\n {\n  "traceId":"0102030405060708","id":"0102030405060709",\n  "tags":${tags}${bad}\n}]\n`;
  const cases = [
    pretty(',\n  "kind": tru'),
    pretty(', "startTimeUnixNano": 12,, "x":1'),
    pretty('}'),
    pretty(',"events":[{"name":"e"}],"status":{"code":}'),
    pretty(',\n  "note": "é✓日本", "kind": tru'),
    zipkin(',\n  "name": nul'),
    zipkin(', "duration": 12,, "x":1'),
    zipkin('', '{\n    "error": "boom",\n    "x": tru\n  }'),
  ];

  /** The error message of a full read and of a compact (lean) read of `text` written to a file. */
  async function readErrors(text: string): Promise<{ path: string; full: string; lean: string }> {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { readCompact } = await import('../../src/input/read-spans.js');
    const path = join(mkdtempSync(join(tmpdir(), 'tracectl-lean-')), 'bad.json');
    writeFileSync(path, text);
    const message = (read: Promise<unknown>): Promise<string> => read.then(() => 'no error', (e: Error) => e.message);
    const full = await message(readSpans([path], () => undefined, { stdin: process.stdin, warnings: new WarningLog() }));
    const lean = await message(readCompact([path], () => undefined, { stdin: process.stdin, warnings: new WarningLog(), workers: 0 }));
    return { path, full, lean };
  }

  it.each(cases.map((c, i) => [i, c]))('case %i', async (_i, text) => {
    const { full, lean } = await readErrors(text as string);
    expect(full).toMatch(/malformed JSON at line \d+, column \d+/);
    expect(lean).toBe(full);
  });

  // Multi-byte characters before the error on its line: before the record, inside it, and (OTLP,
  // read lean) inside attributes that are cut out. The column counts bytes, as the framer's do.
  const span = (id: string, name: string, rest = '') => `{"traceId":"0102030405060708","id":"010203040506070${id}","name":"${name}"${rest}}`;
  const oneLine = [
    `[${span('1', 'é✓')},${span('2', '日本', ',"x":}')}]`,
    `{"resourceSpans":[{"resource":{},"scopeSpans":[{"spans":[{"traceId":"0102030405060708090a0b0c0d0e0f10","spanId":"0102030405060708","name":"é","attributes":[{"key":"ü","value":{"stringValue":"日本"}}],"kind":}]}]}]}`,
    `{"data":[{"traceID":"01","spans":[{"traceID":"01","spanID":"02","operationName":"☃","x":}]}]}`,
  ];
  it.each(oneLine.map((c, i) => [i, c]))('a malformed value after multi-byte characters: the same byte column, read whole or lean (%i)', async (_i, text) => {
    const line = text as string;
    const column = Buffer.byteLength(line.slice(0, line.indexOf(':}') + 1)) + 1;
    const { path, full, lean } = await readErrors(`\n${line}\n`);
    expect(full).toBe(`${path}: malformed JSON at line 2, column ${column}: unexpected "}": expected a JSON value`);
    expect(lean).toBe(full);
  });
});

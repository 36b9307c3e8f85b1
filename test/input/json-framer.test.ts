import { describe, expect, it } from 'vitest';
import type { FramedRecord } from '../../src/input/framed-record.js';
import { FrameError, JsonFramer, type FramerOptions } from '../../src/input/json-framer.js';

/** Frames `text`, feeding it in chunks of `chunk` bytes (every size must give the same records). */
function frame(text: string, chunk = 1 << 20): { records: FramedRecord[]; framer: JsonFramer } {
  const records: FramedRecord[] = [];
  const framer = new JsonFramer((r) => records.push(r));
  const buf = Buffer.from(text, 'utf8');
  for (let i = 0; i < buf.length; i += chunk) framer.push(buf.subarray(i, i + chunk));
  framer.end();
  return { records, framer };
}

const brief = (records: FramedRecord[]): [string, string][] => records.map((r) => [r.hint, r.text]);

function frameError(text: string, chunk?: number): FrameError {
  try {
    frame(text, chunk);
  } catch (err) {
    if (err instanceof FrameError) return err;
    throw err;
  }
  throw new Error('expected a FrameError');
}

describe('JsonFramer: where records are', () => {
  it('streams the elements of a Jaeger data array, skipping the envelope fields', () => {
    const text = '{"total":2,"data":[{"traceID":"a","spans":[]},{"traceID":"b","spans":[{"x":"]"}]}],"errors":null}';
    expect(brief(frame(text).records)).toEqual([
      ['jaeger-trace', '{"traceID":"a","spans":[]}'],
      ['jaeger-trace', '{"traceID":"b","spans":[{"x":"]"}]}'],
    ]);
  });

  it('streams OTLP resourceSpans, Tempo batches and the result/trace wrappers', () => {
    expect(brief(frame('{"resourceSpans":[{"a":1},{"b":2}]}').records)).toEqual([
      ['otlp-resource-spans', '{"a":1}'],
      ['otlp-resource-spans', '{"b":2}'],
    ]);
    expect(brief(frame('{"batches":[{"a":1}]}').records)).toEqual([['otlp-resource-spans', '{"a":1}']]);
    expect(brief(frame('{"result":{"resourceSpans":[{"a":1}]}}').records)).toEqual([['otlp-resource-spans', '{"a":1}']]);
    expect(brief(frame('{"status":"complete","trace":{"resourceSpans":[{"a":1}]}}').records)).toEqual([['otlp-resource-spans', '{"a":1}']]);
  });

  it("streams jaeger-ui's internal data.spans", () => {
    expect(brief(frame('{"data":{"services":[{"name":"x"}],"spans":[{"spanID":"1"}]}}').records)).toEqual([['jaeger-span', '{"spanID":"1"}']]);
  });

  it('gives each object of a top-level array, and of arrays inside it (Zipkin lists of traces)', () => {
    expect(brief(frame('[{"id":"1"},[{"id":"2"},{"id":"3"}],[]]').records)).toEqual([
      ['element', '{"id":"1"}'],
      ['element', '{"id":"2"}'],
      ['element', '{"id":"3"}'],
    ]);
  });

  it('gives a top-level object without a record container whole (bare trace, single span)', () => {
    const text = '{"traceID":"a","spans":[{"spanID":"1"}],"processes":{"p1":{"serviceName":"s"}}}';
    expect(brief(frame(text).records)).toEqual([['document', text]]);
  });

  it('frames JSON lines, one document per line, and counts OTLP logs/metrics lines without emitting them', () => {
    const text = '{"resourceSpans":[{"a":1}]}\n{"resourceLogs":[{"l":1}]}\r\n{"resourceMetrics":[]}\n{"resourceSpans":[{"b":2}]}\n';
    const { records, framer } = frame(text);
    expect(brief(records)).toEqual([
      ['otlp-resource-spans', '{"a":1}'],
      ['otlp-resource-spans', '{"b":2}'],
    ]);
    expect(framer.counts).toEqual({ nonTraceDocuments: 2, scalarRecords: 0, documents: 4 });
    expect(records.map((r) => r.line)).toEqual([1, 4]);
  });

  it('counts values that cannot be records', () => {
    const { records, framer } = frame('[1, "x", null, {"id":"1"}]');
    expect(records).toHaveLength(1);
    expect(framer.counts.scalarRecords).toBe(3);
  });

  it('reports the line and column where each record starts', () => {
    const text = '{\n  "data": [\n    {"a": 1},\n      {"b": 2}\n  ]\n}';
    expect(frame(text).records.map((r) => [r.line, r.column, r.offset])).toEqual([
      [3, 5, 18],
      [4, 7, 34],
    ]);
  });
});

describe('JsonFramer: strings and chunk boundaries', () => {
  const tricky = '{"data":[{"s":"a \\" } ] \\\\","t":"\\\\"},{"u":"{[\\"]}"}]}';

  it('is not fooled by brackets and escaped quotes inside strings', () => {
    expect(brief(frame(tricky).records)).toEqual([
      ['jaeger-trace', '{"s":"a \\" } ] \\\\","t":"\\\\"}'],
      ['jaeger-trace', '{"u":"{[\\"]}"}'],
    ]);
  });

  it('gives the same records whatever the chunk size, down to one byte', () => {
    const whole = brief(frame(tricky).records);
    for (const size of [1, 2, 3, 5, 7, 11]) expect(brief(frame(tricky, size).records)).toEqual(whole);
  });

  it('reads keys written with escapes and keys split across chunks', () => {
    const text = '{"res\\u006furceSpans":[{"a":1}]}';
    expect(brief(frame(text, 1).records)).toEqual([['otlp-resource-spans', '{"a":1}']]);
  });

  it('keeps multi-byte UTF-8 split across chunks intact', () => {
    const text = '[{"name":"héllo ✓ 日本"}]';
    expect(frame(text, 1).records[0]!.text).toBe('{"name":"héllo ✓ 日本"}');
  });
});

describe('JsonFramer: malformed input', () => {
  it('says where a truncated file ends', () => {
    const err = frameError('{"data":[{"traceID":"a"');
    expect(err.message).toBe('unexpected end of input (the file looks truncated)');
    expect([err.line, err.column]).toEqual([1, 24]);
  });

  it('names an unexpected character with its line and column', () => {
    const err = frameError('{\n  "data" [\n');
    expect(err.message).toBe("unexpected '[': expected ':'");
    expect([err.line, err.column]).toEqual([2, 10]);
  });

  it('rejects a missing comma between records', () => {
    expect(frameError('[{"a":1} {"b":2}]').message).toBe("unexpected '{': expected ',' or ']'");
  });

  it('rejects a bare word', () => {
    const err = frameError('hello');
    expect(err.message).toBe('unexpected \'h\': expected a JSON value');
  });

  it('rejects an invalid literal in the envelope', () => {
    expect(frameError('{"total": nul, "data": []}').message).toBe("invalid JSON value 'nul'");
  });

  it('rejects a trailing comma in the envelope', () => {
    expect(frameError('{"data": [],}').message).toBe("unexpected '}': expected a property name");
  });

  it('shows a control byte by its hex code', () => {
    expect(frameError('\u0001').message).toBe('unexpected byte 0x01: expected a JSON value');
  });
});

describe('JsonFramer leanOtlp: span attributes and events cut before parsing', () => {
  const span = (extra: string) => `{"traceId":"t","spanId":"s","name":"attributes","attributes":[{"key":"a","value":{"stringValue":"]"}}],"events":[{"name":"e"}]${extra}}`;
  const doc = (spans: string) => `{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"x"}}]},"scopeSpans":[{"spans":[${spans}]}]}]}`;

  function leanFrame(text: string, chunk = 1 << 20, options: FramerOptions = {}): FramedRecord[] {
    const records: FramedRecord[] = [];
    const framer = new JsonFramer((r) => records.push(r), { leanOtlp: true, ...options });
    const buf = Buffer.from(text, 'utf8');
    for (let i = 0; i < buf.length; i += chunk) framer.push(buf.subarray(i, i + chunk));
    framer.end();
    return records;
  }

  it('empties span-level attributes and events, keeps resource attributes, names and links', () => {
    const [record] = leanFrame(doc(span(',"links":[{"traceId":"u","spanId":"v","attributes":[{"key":"k"}]}]')));
    const parsed = JSON.parse(record!.text);
    expect(parsed.resource.attributes).toHaveLength(1);
    const s = parsed.scopeSpans[0].spans[0];
    expect(s).toEqual({ traceId: 't', spanId: 's', name: 'attributes', attributes: [], events: [], links: [{ traceId: 'u', spanId: 'v', attributes: [{ key: 'k' }] }] });
  });

  it('gives the same parsed record whatever the chunk size (a key split across chunks is just not cut)', () => {
    const text = doc(`${span('')},${span('')}`);
    const whole = JSON.parse(leanFrame(text)[0]!.text);
    for (const chunk of [1, 7, 64]) {
      const parsed = JSON.parse(leanFrame(text, chunk)[0]!.text);
      const spans = parsed.scopeSpans[0].spans.map((s: Record<string, unknown>) => ({ ...s, attributes: [], events: [] }));
      expect(spans).toEqual(whole.scopeSpans[0].spans);
    }
  });

  it('lists each cut so a parse error after it is placed in the input', () => {
    const text = doc(span(''));
    const [record] = leanFrame(text);
    expect(record!.cuts).toHaveLength(8);
    expect(record!.text.length).toBeLessThan(Buffer.byteLength(text) - 50);
  });

  it('with otlpBytes, hands on the same record as bytes: its text, and its cuts placed in the bytes', async () => {
    const { textOfBytes } = await import('../../src/input/byte-runs.js');
    const text = doc(`${span(',"name2":"Grüße ☃"')},\n${span('')}`);
    for (const chunk of [1 << 20, 1, 13]) {
      const [asText] = leanFrame(text, chunk);
      const [record] = leanFrame(text, chunk, { otlpBytes: true });
      expect(record!.text).toBe('');
      expect(record!.bytes![record!.bytes!.length - 1]).toBe(0); // the fast reader's sentinel
      const decoded = textOfBytes(record!.bytes!.subarray(0, record!.bytes!.length - 1), record!.byteCuts ?? null);
      expect(decoded.text).toBe(asText!.text);
      expect(decoded.cuts ?? undefined).toEqual(asText!.cuts);
      expect([record!.line, record!.column, record!.offset]).toEqual([asText!.line, asText!.column, asText!.offset]);
    }
  });

  it('leaves Jaeger and Zipkin records alone', () => {
    const jaeger = '{"data":[{"traceID":"a","spans":[{"spanID":"1","tags":[{"key":"k"}],"logs":[],"attributes":[1]}]}]}';
    expect(leanFrame(jaeger)[0]!.text).toBe('{"traceID":"a","spans":[{"spanID":"1","tags":[{"key":"k"}],"logs":[],"attributes":[1]}]}');
  });
});

describe('JsonFramer runs: consecutive small records of one array handed on as one text', () => {
  function frameRuns(text: string, chunk = 1 << 20): FramedRecord[] {
    const records: FramedRecord[] = [];
    const framer = new JsonFramer((r) => records.push(r), { runs: true });
    const buf = Buffer.from(text, 'utf8');
    for (let i = 0; i < buf.length; i += chunk) framer.push(buf.subarray(i, i + chunk));
    framer.end();
    return records;
  }
  const shape = (r: FramedRecord): unknown => ({ text: r.text, hint: r.hint, line: r.line, column: r.column, elements: r.elements });

  it('Zipkin spans of one array: one record, each span\'s line and column listed; the text parses as their array', () => {
    const records = frameRuns('[{"id":"1"},\n {"id":"2"} , {"id":"é"}]');
    expect(records.map(shape)).toEqual([{ text: '{"id":"1"},\n {"id":"2"} , {"id":"é"}', hint: 'element', line: 1, column: 2, elements: [1, 2, 2, 2, 2, 15] }]);
    expect(JSON.parse(`[${records[0]!.text}]`)).toEqual([{ id: '1' }, { id: '2' }, { id: 'é' }]);
  });

  it('a value that is no record (a string, a number, an empty list) ends the run; so does another inner list', () => {
    const records = frameRuns('[{"id":"1"},"x",{"id":"2"},7,{"id":"3"},[],{"id":"4"},[{"id":"5"},{"id":"6"}],[{"id":"7"}]]');
    expect(records.map((r) => [r.text, r.elements])).toEqual([
      ['{"id":"1"}', [1, 2]],
      ['{"id":"2"}', [1, 17]],
      ['{"id":"3"}', [1, 30]],
      ['{"id":"4"}', [1, 44]],
      ['{"id":"5"},{"id":"6"}', [1, 56, 1, 67]],
      ['{"id":"7"}', [1, 80]],
    ]);
  });

  it('a run never crosses a chunk: a record split across chunks travels alone, and the order is kept', () => {
    const text = `[${Array.from({ length: 12 }, (_, i) => `{"id":"${i}"}`).join(',')}]`;
    for (const chunk of [7, 16, 40]) {
      const records = frameRuns(text, chunk);
      const ids = records.flatMap((r) => (JSON.parse(`[${r.text}]`) as { id: string }[]).map((x) => x.id));
      expect(ids).toEqual(Array.from({ length: 12 }, (_, i) => String(i)));
      for (const r of records) expect(r.elements === undefined ? 1 : r.elements.length / 2).toBe((JSON.parse(`[${r.text}]`) as unknown[]).length);
    }
  });

  it('Jaeger traces and OTLP ResourceSpans are not run together; Jaeger spans of a bare list are', () => {
    expect(frameRuns('{"data":[{"traceID":"a","spans":[]},{"traceID":"b","spans":[]}]}').map((r) => r.elements)).toEqual([undefined, undefined]);
    expect(frameRuns('{"resourceSpans":[{"scopeSpans":[]},{"scopeSpans":[]}]}').map((r) => r.elements)).toEqual([undefined, undefined]);
    expect(frameRuns('{"data":{"spans":[{"spanID":"1"},{"spanID":"2"}]}}').map(shape)).toEqual([{ text: '{"spanID":"1"},{"spanID":"2"}', hint: 'jaeger-span', line: 1, column: 19, elements: [1, 19, 1, 34] }]);
  });
});

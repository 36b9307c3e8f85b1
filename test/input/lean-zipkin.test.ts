import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZipkinLeanReader } from '../../src/formats/zipkin/lean-span.js';
import { BatchEncoder } from '../../src/input/compact-batch.js';
import { runJob, type JobResult, type RecordJob } from '../../src/input/decode-records.js';
import { ByteReader, NOT_FAST } from '../../src/json/byte-reader.js';
import { newLeanSpan } from '../../src/model/lean-span.js';

/**
 * The fast lean reading of Zipkin runs (byte-runs.ts, formats/zipkin/lean-span.ts) must give what
 * the ordinary path gives — JSON.parse and decodeV2Span — for every record: the same compact words,
 * strings, warnings, counts and error message. Each case reads one run both ways and compares.
 */

const SPAN = {
  traceId: '9555e66a49b6f7123a8c3a39b5775cb7',
  id: 'fc777c4d89074dd3',
  kind: 'SERVER',
  name: 'post /review',
  timestamp: 1700000801911742,
  duration: 86770,
  localEndpoint: { serviceName: 'frontend', ipv4: '10.0.63.39' },
  tags: { 'request.id': '59ee0f595004' },
};
const CHILD = {
  traceId: '9555e66a49b6f7123a8c3a39b5775cb7',
  parentId: 'fc777c4d89074dd3',
  id: 'c469be0016cab6a4',
  name: 'serialize',
  timestamp: 1700000801916080,
  duration: 58080,
  localEndpoint: { serviceName: 'frontend', ipv6: '::1', port: 8080 },
  remoteEndpoint: { serviceName: 'db', ipv4: '10.0.0.2' },
  annotations: [
    { timestamp: 1700000801953457, value: 'retry' },
    { timestamp: 1700000801921598, value: 'acquired lock' },
  ],
  tags: { 'http.status_code': '500', error: 'boom', 'thread.name': 'worker-18' },
};

/** A run of the records' texts, on one line or one a line; each record's line and column (in bytes). */
function run(texts: readonly string[], sep = ','): { text: string; elements: number[] } {
  const text = texts.join(sep);
  const elements: number[] = [];
  let offset = 0;
  for (const t of texts) {
    const before = Buffer.from(text.slice(0, offset), 'utf8');
    const lastNl = before.lastIndexOf(0x0a);
    let line = 1;
    for (const b of before) if (b === 0x0a) line++;
    elements.push(line, before.length - lastNl);
    offset += t.length + sep.length;
  }
  return { text, elements };
}

function job(text: string, elements: number[], asBytes: boolean, format?: 'zipkin' | 'jaeger'): RecordJob {
  const base = { seq: 0, name: 'spans.json', format, fastRuns: true, hints: ['element' as const], places: [elements[0]!, elements[1]!], cuts: [null], runs: [elements] };
  if (!asBytes) return { ...base, texts: [text] };
  const utf8 = Buffer.from(text, 'utf8');
  const bytes = new Uint8Array(utf8.length + 1);
  bytes.set(utf8);
  return { ...base, texts: [''], bytes: [bytes] };
}

/** What a read gives, less how it took its records (fast or not). */
function plain(result: JobResult): unknown {
  const { batch, fast: _fast, slow: _slow, ...rest } = result;
  return {
    ...rest,
    batch: { ...batch, words: [...batch.words], starts: [...batch.starts].map(String), durations: [...batch.durations] },
  };
}

/** Reads the records both ways; returns the fast result after checking it equals the ordinary one. */
function both(texts: readonly string[], sep = ',', format?: 'zipkin' | 'jaeger'): JobResult {
  const { text, elements } = run(texts, sep);
  const slow = runJob(job(text, elements, false, format), new BatchEncoder());
  const fast = runJob(job(text, elements, true, format), new BatchEncoder());
  // A malformed record fails the whole input, so only the message counts then (the ordinary path
  // parses a run at once and has decoded nothing of it; the fast one has read the records before).
  if (slow.error !== undefined) expect(fast.error).toBe(slow.error);
  else expect(plain(fast)).toEqual(plain(slow));
  return fast;
}

const json = (v: unknown): string => JSON.stringify(v);

/**
 * Whether the framer could hand `text` on as one record: an object whose brackets (outside strings)
 * close exactly at its last byte. Corruptions that break that end the record elsewhere in a real read.
 */
function framable(text: string): boolean {
  if (text[0] !== '{') return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i === text.length - 1;
    }
  }
  return false;
}
const withSpan = (patch: Record<string, unknown>): string => json({ ...SPAN, ...patch });

describe('the fast lean Zipkin reader', () => {
  it('reads a span as Zipkin writes it without falling back', () => {
    const text = json(CHILD);
    const bytes = new Uint8Array(Buffer.byteLength(text) + 1);
    bytes.set(Buffer.from(text));
    const reader = new ByteReader();
    reader.begin(bytes, 0);
    const out = newLeanSpan();
    new ZipkinLeanReader(reader).read(out);
    expect(out).toMatchObject({
      traceId: CHILD.traceId,
      hasParent: true,
      parentType: 1,
      kind: 5, // internal: no kind
      status: 2,
      message: 'boom',
      timing: 0,
      service: 'frontend',
      operation: 'serialize',
      host: '::1',
      startNs: 1700000801916080000n,
      durationNs: 58080000,
    });
    expect(reader.pos).toBe(text.length);
  });

  it.each([
    ['a v1 span', json({ ...SPAN, binaryAnnotations: [{ key: 'error', value: 'x' }] })],
    ['an upper-case id', withSpan({ id: 'FC777C4D89074DD3' })],
    ['a timestamp in a string', withSpan({ timestamp: '1700000801911742' })],
    ['no timestamp', withSpan({ timestamp: undefined })],
    ['a key it does not know', withSpan({ extra: 1 })],
  ])('leaves %s to the ordinary path', (_what, text) => {
    const bytes = new Uint8Array(Buffer.byteLength(text) + 1);
    bytes.set(Buffer.from(text));
    const reader = new ByteReader();
    reader.begin(bytes, 0);
    expect(() => new ZipkinLeanReader(reader).read(newLeanSpan())).toThrow(NOT_FAST);
  });

  it('gives the same batch as JSON.parse and decodeV2Span for spans as Zipkin writes them', () => {
    const result = both([json(SPAN), json(CHILD), json({ ...CHILD, id: 'a0bd4f7af28c62dd', kind: 'CLIENT', tags: {} })]);
    expect(result.spans).toBe(3);
    expect(result.batch.strings).toEqual(['frontend', 'post /review', '10.0.63.39', 'serialize', '::1']);
  });

  it.each([
    ['status from otel tags', withSpan({ tags: { 'otel.status_code': 'error', 'otel.status_description': 'timed out' } })],
    ['an OK otel status', withSpan({ tags: { 'otel.status_code': 'Ok' } })],
    ['a bare error tag', withSpan({ tags: { error: '' } })],
    ['error "true"', withSpan({ tags: { error: 'true', 'otel.status_description': 'why' } })],
    ['a status tag repeated', '{"traceId":"9555e66a49b6f712","id":"fc777c4d89074dd3","timestamp":1700000801911742,"tags":{"error":"a","error":"b"}}'],
    ['a status tag that is a number', withSpan({ tags: { error: 500 } })],
    ['a status tag that is an object', withSpan({ tags: { error: { code: 1 } } })],
    ['other tags of any kind', withSpan({ tags: { n: 1, b: true, o: { x: [1, 2] }, l: null } })],
    ['tags that are a list', withSpan({ tags: ['error'] })],
    ['tags null', withSpan({ tags: null })],
    ['a status key spelled with an escape', '{"traceId":"9555e66a49b6f712","id":"fc777c4d89074dd3","timestamp":1700000801911742,"tags":{"err\\u006fr":"x"}}'],
    ['a 16-digit trace id', withSpan({ traceId: '9555e66a49b6f712' })],
    ['a padded 64-bit trace id', withSpan({ traceId: '00000000000000009555e66a49b6f712' })],
    ['a short trace id', withSpan({ traceId: '9555e66a' })],
    ['upper-case ids', withSpan({ traceId: '9555E66A49B6F7123A8C3A39B5775CB7', id: 'FC777C4D89074DD3', parentId: 'C469BE0016CAB6A4' })],
    ['a base64 id', withSpan({ id: '/Hd8TYkHTdM=' })],
    ['an id that is no id', withSpan({ id: 'not-an-id' })],
    ['a numeric id', withSpan({ id: 12345 })],
    ['no span id', withSpan({ id: undefined })],
    ['parentId ""', withSpan({ parentId: '' })],
    ['parentId null', withSpan({ parentId: null })],
    ['parentId of zeros', withSpan({ parentId: '0000000000000000' })],
    ['parentId short', withSpan({ parentId: 'abc' })],
    ['parentId junk', withSpan({ parentId: 'xyz!' })],
    ['no timestamp, times from annotations', withSpan({ timestamp: undefined, annotations: [{ timestamp: 1700000801911742, value: 'cs' }, { timestamp: 1700000801921742, value: 'cr' }] })],
    ['timestamp 0', withSpan({ timestamp: 0 })],
    ['an implausible timestamp', withSpan({ timestamp: 1700000801911 })],
    ['a fractional timestamp', withSpan({ timestamp: 1700000801911742.5 })],
    ['a timestamp with an exponent', withSpan({ timestamp: 1.7e15 })],
    ['duration 0', withSpan({ duration: 0 })],
    ['no duration', withSpan({ duration: undefined })],
    ['a negative duration', withSpan({ duration: -5 })],
    ['a fractional duration', withSpan({ duration: 12.5 })],
    ['a huge duration', withSpan({ duration: 9007199254740 })],
    ['a duration in a string', withSpan({ duration: '100' })],
    ['kind in lower case', withSpan({ kind: 'client' })],
    ['a kind Zipkin does not define', withSpan({ kind: 'WEIRD' })],
    ['kind ""', withSpan({ kind: '' })],
    ['kind null', withSpan({ kind: null })],
    ['kind a number', withSpan({ kind: 2 })],
    ['name a number', withSpan({ name: 7 })],
    ['no name', withSpan({ name: undefined })],
    ['a name with escapes and non-ASCII', withSpan({ name: 'get "ü" \\ \n ☃ 😀' })],
    ['a service with non-ASCII', withSpan({ localEndpoint: { serviceName: 'café' } })],
    ['an empty service name', withSpan({ localEndpoint: { serviceName: '', ipv4: '' , ipv6: 'fe80::1' } })],
    ['a service name that is a number', withSpan({ localEndpoint: { serviceName: 3 } })],
    ['localEndpoint null', withSpan({ localEndpoint: null })],
    ['localEndpoint a list', withSpan({ localEndpoint: [] })],
    ['no localEndpoint', withSpan({ localEndpoint: undefined })],
    ['shared true', withSpan({ shared: true })],
    ['shared "true"', withSpan({ shared: 'true' })],
    ['debug', withSpan({ debug: true })],
    ['annotations with odd items', withSpan({ annotations: [null, 3, { timestamp: 1700000801911743, value: 'ok' }] })],
    ['an annotation without a timestamp', withSpan({ annotations: [{ value: 'lost' }] })],
    ['an annotation without a value', withSpan({ annotations: [{ timestamp: 1700000801911743 }] })],
    ['an annotation value that is a number', withSpan({ annotations: [{ timestamp: 1700000801911743, value: 4 }] })],
    ['an annotation with its own endpoint (v1)', withSpan({ annotations: [{ timestamp: 1700000801911743, value: 'sr', endpoint: { serviceName: 'x' } }] })],
    ['an annotation with a non-object endpoint', withSpan({ annotations: [{ timestamp: 1700000801911743, value: 'sr', endpoint: 'x' }] })],
    ['an annotation with a non-ASCII value', withSpan({ annotations: [{ timestamp: 1700000801911743, value: 'Grüße ☃' }] })],
    ['annotations that are not a list', withSpan({ annotations: { a: 1 } })],
    ['a repeated span key', '{"traceId":"9555e66a49b6f712","id":"fc777c4d89074dd3","id":"c469be0016cab6a4","timestamp":1700000801911742}'],
    ['a key with an escape', '{"traceId":"9555e66a49b6f712","i\\u0064":"fc777c4d89074dd3","timestamp":1700000801911742}'],
    ['a key "__proto__"', '{"traceId":"9555e66a49b6f712","id":"fc777c4d89074dd3","timestamp":1700000801911742,"__proto__":{"kind":"CLIENT"}}'],
    ['an empty object', '{}'],
    ['a Jaeger span', json({ traceID: 'abc', spanID: 'def', operationName: 'x', startTime: 1700000801911742, duration: 5 })],
    ['deep nesting in a tag', withSpan({ tags: { deep: JSON.parse('['.repeat(300) + ']'.repeat(300)) } })],
    ['numbers of every form', withSpan({ tags: { a: -0, b: 1e-7, c: 12.5e+3, d: 0.5, e: -12 } })],
    ['whitespace everywhere', ` { "traceId" : "9555e66a49b6f712" ,\n\t"id":"fc777c4d89074dd3",\r\n "timestamp" : 1700000801911742 , "duration":\n5 } `],
  ])('agrees on %s', (_what, text) => {
    // Alone, and between two ordinary spans (a record that falls back mid-run).
    both([text]);
    both([json(SPAN), text, json(CHILD)]);
  });

  it('agrees on a run of Jaeger spans and on a forced format', () => {
    const jaeger = json({ traceID: '9555e66a49b6f712', spanID: 'fc777c4d89074dd3', operationName: 'x', startTime: 1700000801911742, duration: 5 });
    both([jaeger, jaeger]);
    expect(both([json(SPAN), json(CHILD)], ',', 'jaeger').spans).toBe(0);
    expect(both([json(SPAN), json(CHILD)], ',', 'zipkin').spans).toBe(2);
  });

  it('agrees on records one a line (lines and columns of later records)', () => {
    both([json(SPAN), withSpan({ id: 'bad!' }), json(CHILD)], ',\n  ');
  });

  it.each([
    ['a string cut short', '{"traceId":"9555e66a49b6f712","id":"fc777c4d89074dd3","name":"abc}'],
    ['a raw control character in a string', '{"traceId":"9555e66a49b6f712","id":"fc777c4d89074dd3","name":"a\tb","timestamp":1700000801911742}'],
    ['a bad escape', '{"traceId":"9555e66a49b6f712","id":"fc777c4d89074dd3","name":"a\\xb","timestamp":1700000801911742}'],
    ['a bad \\u escape', '{"traceId":"9555e66a49b6f712","id":"fc777c4d89074dd3","name":"a\\u12g4","timestamp":1700000801911742}'],
    ['a leading zero', '{"traceId":"9555e66a49b6f712","id":"fc777c4d89074dd3","timestamp":01700000801911742}'],
    ['a number without digits after the point', '{"traceId":"9555e66a49b6f712","id":"fc777c4d89074dd3","timestamp":1700000801911742,"duration":1.}'],
    ['an exponent without digits', '{"traceId":"9555e66a49b6f712","id":"fc777c4d89074dd3","timestamp":1700000801911742,"duration":1e}'],
    ['a minus alone', '{"traceId":"9555e66a49b6f712","id":"fc777c4d89074dd3","timestamp":1700000801911742,"duration":-}'],
    ['a misspelled literal', '{"traceId":"9555e66a49b6f712","id":"fc777c4d89074dd3","timestamp":1700000801911742,"shared":tru}'],
    ['a trailing comma', '{"traceId":"9555e66a49b6f712","id":"fc777c4d89074dd3","timestamp":1700000801911742,}'],
    ['a missing colon', '{"traceId" "9555e66a49b6f712","id":"fc777c4d89074dd3","timestamp":1700000801911742}'],
    ['a missing comma in a list', '{"traceId":"9555e66a49b6f712","id":"fc777c4d89074dd3","timestamp":1700000801911742,"annotations":[{} {}]}'],
    ['single quotes', "{'traceId':'9555e66a49b6f712'}"],
  ])('reports malformed JSON the same way: %s', (_what, text) => {
    const result = both([json(SPAN), text, json(CHILD)]);
    expect(result.error).toMatch(/^malformed JSON at line 1, column \d+: /);
  });

  it('decodes invalid UTF-8 in a name as JSON.parse of the decoded text does', () => {
    const span = Buffer.concat([Buffer.from('{"traceId":"9555e66a49b6f712","id":"fc777c4d89074dd3","name":"a'), Buffer.from([0xe2, 0x28, 0xa1]), Buffer.from('","timestamp":1700000801911742}')]);
    const bytes = new Uint8Array(span.length + 1);
    bytes.set(span);
    const elements = [1, 1];
    const base = { seq: 0, name: 'spans.json', format: undefined, fastRuns: true, hints: ['element' as const], places: elements, cuts: [null], runs: [elements] };
    const fast = runJob({ ...base, texts: [''], bytes: [bytes] }, new BatchEncoder());
    const slow = runJob({ ...base, texts: [span.toString('utf8')] }, new BatchEncoder());
    expect(plain(fast)).toEqual(plain(slow));
    expect(fast.batch.strings).toContain('a\ufffd(\ufffd');
  });

  it('agrees with the ordinary path on generated spans, odd ones among them', () => {
    const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`));
    const id = fc.oneof(hex(16), hex(16), fc.constant(''), fc.constant('0000000000000000'), fc.stringMatching(/^[0-9A-Fa-f]{1,16}$/), fc.string());
    const micros = fc.oneof(fc.integer({ min: 946_684_800_000_000, max: 4_102_444_800_000_000 }), fc.constant(0), fc.integer(), fc.double(), fc.constant('1700000801911742'));
    const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('error', 'true', '', 'OK', 'ERROR'));
    const value = fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }));
    const span = fc.record(
      {
        traceId: fc.oneof(hex(32), hex(16), id),
        id,
        parentId: fc.oneof(id, fc.constant(null)),
        name: fc.oneof(text, fc.integer()),
        kind: fc.oneof(fc.constantFrom('CLIENT', 'SERVER', 'PRODUCER', 'CONSUMER', 'client', '', 'X'), fc.constant(null), fc.integer()),
        timestamp: micros,
        duration: fc.oneof(fc.nat({ max: 10 ** 9 }), micros),
        localEndpoint: fc.oneof(fc.record({ serviceName: value, ipv4: value, ipv6: value, port: value }, { requiredKeys: [] }), fc.constant(null)),
        remoteEndpoint: fc.record({ serviceName: text }),
        annotations: fc.array(fc.oneof(fc.record({ timestamp: micros, value }, { requiredKeys: [] }), value), { maxLength: 3 }),
        tags: fc.oneof(fc.dictionary(fc.oneof(text, fc.constantFrom('error', 'otel.status_code', 'otel.status_description')), value, { maxKeys: 4 }), value),
        shared: fc.oneof(fc.boolean(), value),
        debug: fc.boolean(),
      },
      { requiredKeys: [] },
    );
    // Mostly well-formed spans; the odd field in many of them.
    const canonical = fc.record({
      traceId: hex(32),
      id: hex(16),
      parentId: hex(16),
      name: text,
      kind: fc.constantFrom('CLIENT', 'SERVER'),
      timestamp: fc.integer({ min: 946_684_800_000_000, max: 4_102_444_800_000_000 }),
      duration: fc.nat({ max: 10 ** 9 }),
      localEndpoint: fc.record({ serviceName: text, ipv4: text }),
      tags: fc.dictionary(fc.oneof(text, fc.constantFrom('error', 'otel.status_code')), text, { maxKeys: 4 }),
    });
    fc.assert(
      fc.property(fc.array(fc.oneof(canonical, span), { minLength: 1, maxLength: 6 }), fc.constantFrom(',', ', ', ',\n'), (spans, sep) => {
        both(spans.map((s) => JSON.stringify(s)), sep);
      }),
      { numRuns: 300 },
    );
  });

  it('reports the same error as the ordinary path wherever a record is corrupted', () => {
    const middle = json(CHILD);
    fc.assert(
      fc.property(fc.nat({ max: middle.length - 1 }), fc.constantFrom('', '"', '{', '}', '[', ']', ',', ':', 'x', '\\', '\u0001', '1', ' '), (at, insert) => {
        const corrupted = middle.slice(0, at) + insert + middle.slice(at + (insert === '' ? 1 : 0));
        if (framable(corrupted)) both([json(SPAN), corrupted, json(SPAN)]);
      }),
      { numRuns: 400 },
    );
  });
});

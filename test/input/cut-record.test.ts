/**
 * A record cut off by the end of the input: the framer's end (JsonFramer.endAt), the check that
 * tells a cut from malformed JSON that runs on to the end (json-prefix.ts), and where a cut OTLP
 * record can be closed (salvage-record.ts).
 */
import { describe, expect, it } from 'vitest';
import { OTLP_SALVAGE } from '../../src/formats/otlp/record-salvage.js';
import type { FramedRecord } from '../../src/input/framed-record.js';
import { FrameError, JsonFramer } from '../../src/input/json-framer.js';
import { checkJsonPrefix } from '../../src/input/json-prefix.js';
import { salvagePoint } from '../../src/input/salvage-record.js';

const check = (text: string) => checkJsonPrefix(Buffer.from(text));

describe('checkJsonPrefix', () => {
  it.each([
    '{',
    '{"a"',
    '{"a":',
    '{"a":"some te',
    '{"a":"esc\\',
    '{"a":"\\u00',
    '{"a":tr',
    '{"a":-',
    '{"a":12.',
    '{"a":1e',
    '{"a":[1,2,',
    '{"a":[{"b":null}],',
    '[{"x":[[[]]], "y" : { } ,',
    '{"a":"日本',
  ])('%s is the start of JSON', (text) => {
    expect(check(text)).toBeUndefined();
  });

  it.each([
    ['{"a":[}', 6, `unexpected "}": expected a JSON value`],
    ['{"a":1]', 6, `unexpected "]": expected ',' or '}'`],
    ['{"a":"x\ny"', 7, 'control character in string'],
    ['{"a":"\\q"', 6, 'bad escape in string'],
    ['{"a":"\\u12x4"', 6, 'bad \\u escape in string'],
    ['{"a":trux,', 5, 'unexpected "t": expected a JSON value'],
    ['{"a":1 "b":2', 7, `unexpected "\\"": expected ',' or '}'`],
    ['{a:1', 1, 'unexpected "a": expected a property name'],
    ['{"a":{}}\n{"b":1', 9, 'unexpected "{": after the end of the JSON value'],
  ])('%s goes wrong at byte %i', (text, index, message) => {
    expect(check(text)).toEqual({ index, message });
  });
});

describe('salvagePoint (OTLP)', () => {
  const rs = (spans: string): string => `{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"a"}}]},"scopeSpans":[{"scope":{"name":"s"},"spans":[${spans}`;
  const close = (text: string): string | undefined => {
    const point = salvagePoint(Buffer.from(text), OTLP_SALVAGE);
    return point === undefined ? undefined : text.slice(0, point.end) + point.closers;
  };

  it('closes the record after its last whole span', () => {
    expect(close(rs('{"spanId":"1","attributes":[{"k":1}]},{"spanId":"2","attr'))).toBe(`${rs('{"spanId":"1","attributes":[{"k":1}]}')}]}]}`);
  });

  it('keeps whole ScopeSpans and the whole spans of the one in progress', () => {
    const text = `${rs('{"spanId":"1"}')}]},{"scope":{"name":"t"},"spans":[{"spanId":"2"},{"spanId":"3"`;
    expect(close(text)).toBe(`${rs('{"spanId":"1"}')}]},{"scope":{"name":"t"},"spans":[{"spanId":"2"}]}]}`);
    expect(JSON.parse(close(text)!)).toBeTypeOf('object');
  });

  it('old OTLP: instrumentationLibrarySpans', () => {
    const text = '{"instrumentationLibrarySpans":[{"spans":[{"spanId":"1"},{"spanI';
    expect(close(text)).toBe('{"instrumentationLibrarySpans":[{"spans":[{"spanId":"1"}]}]}');
  });

  it('nothing when no span is whole, or when the closed objects are not spans', () => {
    expect(close(rs('{"spanId":"1","events":[{"name":"e"},{"na'))).toBeUndefined();
    expect(close('{"resource":{"attributes":[{"key":"a"},{"key":"b"}],"x')).toBeUndefined();
    // "spans" under an attribute, not under scopeSpans[]: no unit.
    expect(close('{"x":[{"spans":[{"a":1},{"b')).toBeUndefined();
  });

  it('brackets and keys inside strings are only text', () => {
    const text = rs('{"spanId":"1","name":"]}],\\"spans\\":[{"},{"spanId":"2"');
    expect(close(text)).toBe(`${rs('{"spanId":"1","name":"]}],\\"spans\\":[{"}')}]}]}`);
  });
});

describe('JsonFramer.endAt', () => {
  const end = (text: string, salvage = true, lean = false, chunk = 5) => {
    const records: FramedRecord[] = [];
    const framer = new JsonFramer((r) => void records.push(r), lean ? { leanOtlp: true } : {});
    for (let i = 0; i < text.length; i += chunk) framer.push(Buffer.from(text.slice(i, i + chunk)));
    return { cut: framer.endAt(salvage), texts: records.map((r) => r.text) };
  };

  it('an input that ends after whole documents is not cut', () => {
    expect(end('{"a":1}\n[1,2]\n3').cut).toBeUndefined();
  });

  it('cut between records: where the input ends and where the last record ends', () => {
    const { cut, texts } = end('{"data":[{"traceID":"a"},{"traceID":"b"},');
    expect(texts).toEqual(['{"traceID":"a"}', '{"traceID":"b"}']);
    expect([cut?.at, cut?.wholeUntil, cut?.error.message]).toEqual([41, 40, 'unexpected end of input (the file looks truncated)']);
  });

  it('cut inside a scalar or a key of the envelope', () => {
    expect(end('{"data":[{"traceID":"a"}],"total":12').cut?.wholeUntil).toBe(24);
    expect(end('{"data":[{"traceID":"a"}],"tot').cut?.wholeUntil).toBe(24);
  });

  it('an OTLP record in progress is handed on up to its last whole span, lean cuts kept', () => {
    const text = '{"resourceSpans":[{"scopeSpans":[{"spans":[{"spanId":"1","attributes":[{"key":"k"}]},{"spanId":"2","attributes":[{"ke';
    // Lean cuts are made where a key and its bracket arrive in one chunk: one here.
    const { cut, texts } = end(text, true, true, text.length);
    expect(texts).toEqual(['{"scopeSpans":[{"spans":[{"spanId":"1","attributes":[]}]}]}']);
    expect(cut?.wholeUntil).toBe(text.indexOf(',{"spanId":"2"'));
    expect(end(text, false).texts).toEqual([]);
  });

  it('malformed JSON that runs on to the end is thrown at its place', () => {
    // A stray bracket: the record never closes, and runs on to the end of the input.
    const text = '{"resourceSpans":[{"scopeSpans":[{"spans":[{"spanId":"1","x":[[[}]}]}]}\n{"resourceSpans":[]}\n';
    const at = text.indexOf('[[[}') + 3;
    const framer = new JsonFramer(() => undefined);
    framer.push(Buffer.from(text));
    const err = (() => {
      try {
        framer.endAt(true);
      } catch (e) {
        return e as FrameError;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(FrameError);
    expect([err!.message, err!.line, err!.column, err!.offset]).toEqual(['unexpected "}": expected a JSON value', 1, at + 1, at]);
  });
});

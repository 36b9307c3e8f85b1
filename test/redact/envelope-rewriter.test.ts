import { describe, expect, it } from 'vitest';
import { FrameError } from '../../src/input/json-framer.js';
import { EnvelopeRewriter, type ValuePlace } from '../../src/redact/envelope-rewriter.js';

/** Rewrites every value to a marker naming its place, feeding `text` in chunks of `size` bytes. */
function rewrite(text: string | Buffer, size = Infinity): { out: string; places: string[] } {
  const places: string[] = [];
  const out: string[] = [];
  const r = new EnvelopeRewriter(
    (value: string, place: ValuePlace) => {
      places.push(`${place.hint}${place.key !== undefined ? `:${place.key}` : ''}@${place.line}:${place.column} ${value}`);
      return `<${places.length}>`;
    },
    (chunk) => void out.push(chunk.toString()),
  );
  const buf = Buffer.isBuffer(text) ? text : Buffer.from(text);
  for (let i = 0; i < buf.length; i += Math.min(size, buf.length)) r.push(buf.subarray(i, Math.min(buf.length, i + size)));
  r.end();
  return { out: out.join(''), places };
}

describe('EnvelopeRewriter', () => {
  it('Jaeger: each trace of "data" is a record; the envelope and its layout stay byte for byte; other fields are values too', () => {
    const text = '{\r\n  "data": [ {"traceID":"a","spans":[]} ,\n {"traceID":"b"} ],\n  "total": 2, "errors": null\r\n}\r\n';
    const r = rewrite(text);
    expect(r.out).toBe('{\r\n  "data": [ <1> ,\n <2> ],\n  "total": <3>, "errors": <4>\r\n}\r\n');
    expect(r.places).toEqual(['jaeger-trace@2:13 {"traceID":"a","spans":[]}', 'jaeger-trace@3:2 {"traceID":"b"}', 'field:total@4:12 2', 'field:errors@4:25 null']);
  });

  it('OTLP JSON lines, a wrapper, a Zipkin list of lists, jaeger-ui data.spans, a bare object, a BOM', () => {
    expect(rewrite('{"resourceSpans":[{"a":1}]}\n{"resourceSpans":[]}\n').out).toBe('{"resourceSpans":[<1>]}\n{"resourceSpans":[]}\n');
    expect(rewrite('{"result":{"resourceSpans":[{"a":1},{"b":2}]}}').places.map((p) => p.split('@')[0])).toEqual(['otlp-resource-spans', 'otlp-resource-spans']);
    expect(rewrite('[[{"id":"1"},{"id":"2"}],[{"id":"3"}]]').out).toBe('[[<1>,<2>],[<3>]]');
    expect(rewrite('{"data":{"traceID":"x","spans":[{"spanID":"1"}]}}').out).toBe('{"data":{"traceID":<1>,"spans":[<2>]}}');
    const bare = rewrite('\ufeff{"traceId":"a","id":"b","tags":{"k":"v"}}\n');
    expect(bare.out).toBe('\ufeff<1>\n');
    expect(bare.places).toEqual(['document@1:4 {"traceId":"a","id":"b","tags":{"k":"v"}}']);
  });

  it('gives the same output however the input is cut into chunks', () => {
    const text = '{ "x": "a\\"}", "batches" : [ {"s":"]}\\\\"}, [1,2] , "str", 3 ], "t": {"u":[1]} }\n[{"a":"é"}]';
    const whole = rewrite(text);
    for (const size of [1, 2, 3, 5, 7, 11]) expect(rewrite(text, size), `chunks of ${size}`).toEqual(whole);
    // "x" comes before the container: it waits until the object shows it is an envelope.
    expect(whole.out).toBe('{ "x": <1>, "batches" : [ <2>, <3> , <4>, <5> ], "t": <6> }\n[<7>]');
  });

  it('a truncated or malformed envelope is an error with its line and column', () => {
    expect(() => rewrite('{"data":[{"a":1},')).toThrow(FrameError);
    expect(() => rewrite('{"data":[{"a":1},')).toThrow('unexpected end of input (the file looks truncated)');
    let thrown: unknown;
    try {
      rewrite('{"data":\n [ {"a":1} }');
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(FrameError);
    expect((thrown as FrameError).message).toBe("unexpected '}': expected ',' or ']'");
    expect([(thrown as FrameError).line, (thrown as FrameError).column]).toEqual([2, 12]);
  });
});

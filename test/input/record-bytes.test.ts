/** Records travel as bytes and are decoded where they are parsed; cut positions follow into the text. */
import { describe, expect, it } from 'vitest';
import { RecordBytes, decodeRecordBytes } from '../../src/input/record-bytes.js';

describe('decodeRecordBytes', () => {
  it('decodes UTF-8 whole when nothing was cut', () => {
    expect(decodeRecordBytes(Buffer.from('{"name":"héllo ✓"}'), null)).toEqual({ text: '{"name":"héllo ✓"}', cuts: undefined });
  });

  it('turns each cut\'s byte offset into a position in the text (multi-byte characters before it count once)', () => {
    // {"n":"é✓","attributes":[] ... with 40 bytes over 2 lines cut after the '['.
    const kept = Buffer.from('{"n":"é✓","attributes":[],"events":[]}');
    const firstCut = kept.indexOf('[') + 1;
    const secondCut = kept.indexOf('[', firstCut) + 1;
    const decoded = decodeRecordBytes(kept, [firstCut, 40, 2, 7, secondCut, 12, 0, 30]);
    expect(decoded.text).toBe('{"n":"é✓","attributes":[],"events":[]}');
    expect(decoded.cuts).toEqual([decoded.text.indexOf('[') + 1, 40, 2, 7, decoded.text.lastIndexOf('[') + 1, 12, 0, 30]);
    expect(firstCut - (decoded.cuts![0] as number)).toBe(3); // é is 2 bytes, ✓ is 3: 3 more bytes than characters
  });

  it('reads a plain Uint8Array (what a worker receives) like a Buffer', () => {
    const bytes = new Uint8Array(Buffer.from('xx{"a":"ü"}yy'));
    expect(decodeRecordBytes(bytes.subarray(2, bytes.length - 2), undefined).text).toBe('{"a":"ü"}');
  });
});

describe('RecordBytes', () => {
  it('gives text and cuts on demand, decoded once', () => {
    const record = new RecordBytes(Buffer.from('{"a":[]}'), 'otlp-resource-spans', 10, 2, 3, [6, 5, 0, 9]);
    expect([record.text, record.cuts, record.hint, record.offset, record.line, record.column]).toEqual(['{"a":[]}', [6, 5, 0, 9], 'otlp-resource-spans', 10, 2, 3]);
    expect(record.text).toBe(record.text);
  });
});

import { describe, expect, it } from 'vitest';
import { compactJson } from '../../src/record/compact-json.js';

describe('compactJson', () => {
  it('drops whitespace outside strings and keeps every byte inside them', () => {
    const text = '{\n  "a" : [ 1 ,\t2 ],\r\n  "s": "x  y\\n \\" q \\\\",  "n": 1700000000000000000123\n}\n';
    expect(compactJson(Buffer.from(text)).toString()).toBe('{"a":[1,2],"s":"x  y\\n \\" q \\\\","n":1700000000000000000123}');
  });

  it('keeps multi-byte UTF-8 intact and the result parses to the same value', () => {
    const value = { name: 'café ☕ 𝄞', list: [{ k: ' spaced ' }] };
    const pretty = Buffer.from(JSON.stringify(value, null, 4));
    const compact = compactJson(pretty);
    expect(compact.includes(0x0a)).toBe(false);
    expect(JSON.parse(compact.toString('utf8'))).toEqual(value);
  });

  it('compacts in place: the result is the memory of the input, unmoved when there is nothing to drop', () => {
    const tight = Buffer.from('{"a":[1,2],"s":"x y"}');
    const same = compactJson(tight);
    expect(same.buffer).toBe(tight.buffer);
    expect([same.byteOffset, same.length]).toEqual([tight.byteOffset, tight.length]);
    const loose = Buffer.from('{ "a" : 1 }');
    const compact = compactJson(loose);
    expect(compact.buffer).toBe(loose.buffer);
    expect(compact.toString()).toBe('{"a":1}');
  });
});

import { describe, expect, it } from 'vitest';
import { ByteReader, NOT_FAST, V_OBJECT } from '../../src/json/byte-reader.js';

const J = new ByteReader();

/** The reader over `text`'s bytes with the 0 byte it stops at. */
function over(text: string): void {
  const utf8 = Buffer.from(text, 'utf8');
  const bytes = new Uint8Array(utf8.length + 1);
  bytes.set(utf8);
  J.begin(bytes, 0);
}

describe('ByteReader, the strict reader of the fast lean path', () => {
  it.each(['0', '-0', '12', '1.5', '-1.5e+10', '2E-3', '9007199254740991', '9007199254740992', '12345678901234567890'])('reads the number %s', (text) => {
    over(text);
    J.readNumber();
    expect(J.pos).toBe(text.length);
    const plain = /^\d+$/.test(text) && Number(text) <= Number.MAX_SAFE_INTEGER;
    expect(J.intPlain).toBe(plain);
    if (plain) expect(J.intValue).toBe(Number(text));
  });

  it.each(['-', '01', '1.', '.5', '1e', '1e+', '+1', 'x'])('refuses %s as a number (JSON.parse does too)', (text) => {
    expect(() => JSON.parse(text)).toThrow();
    over(`${text} `);
    expect(() => {
      J.readNumber();
      J.expect(0x20); // what follows a number must be no part of it
    }).toThrow(NOT_FAST);
  });

  it.each([
    ['"plain"', 'plain'],
    ['"esc \\" \\\\ \\/ \\b \\f \\n \\r \\t"', 'esc " \\ / \b \f \n \r \t'],
    ['"\\u00fc\\ud83d\\ude00"', 'ü😀'],
    ['"Grüße ☃"', 'Grüße ☃'],
  ])('reads the string %s as JSON.parse does', (text, value) => {
    over(text);
    J.readString();
    expect(J.stringValue()).toBe(value);
    expect(J.stringValue()).toBe(JSON.parse(text));
    over(text);
    J.readString();
    expect(J.cachedStringValue()).toBe(value);
  });

  it.each(['"a\tb"', '"a\\x"', '"\\u12g4"', '"open'])('refuses the string %j', (text) => {
    over(text);
    expect(() => J.readString()).toThrow(NOT_FAST);
  });

  it('gives each cached string back for its own bytes only, however many there are', () => {
    const names = Array.from({ length: 20000 }, (_, i) => `service-${i % 7000}-${(i * 7919) % 13}`);
    for (const name of names) {
      over(JSON.stringify(name));
      J.readString();
      expect(J.cachedStringValue()).toBe(name);
    }
  });

  it('skips values of every kind, and refuses what JSON.parse refuses', () => {
    const good = '{"a":[1,-2.5e3,true,false,null,"x",{"b":{}}],"c":[]}';
    over(good);
    expect(J.skipValue()).toBe(V_OBJECT);
    expect(J.pos).toBe(good.length);
    for (const bad of ['{"a":1,}', '[1 2]', '{"a" 1}', '[tru]', '{"a":nul}', '[1,]', '{,}']) {
      expect(() => JSON.parse(bad)).toThrow();
      over(bad);
      expect(() => J.skipValue(), bad).toThrow(NOT_FAST);
    }
  });

  it('leaves values nested deeper than it recurses to JSON.parse', () => {
    over('['.repeat(300) + ']'.repeat(300));
    expect(() => J.skipValue()).toThrow(NOT_FAST);
  });
});

import { describe, expect, it } from 'vitest';
import { Utf8Check } from '../../src/input/utf8-check.js';

/** Checks `bytes` pushed as the chunks cut at `cuts`. */
function check(bytes: Buffer, cuts: number[]): boolean {
  const c = new Utf8Check();
  let from = 0;
  for (const at of [...cuts, bytes.length]) {
    c.push(bytes.subarray(from, at));
    from = at;
  }
  return c.end();
}

describe('Utf8Check: is the input UTF-8, chunk by chunk', () => {
  const text = Buffer.from('{"name":"Grüße ☃ 😀 ż"}', 'utf8');

  it('valid UTF-8 is valid however the chunks cut its characters (every one and two cuts)', () => {
    for (let a = 0; a <= text.length; a++) {
      expect(check(text, [a])).toBe(true);
      for (let b = a; b <= text.length; b++) expect(check(text, [a, b])).toBe(true);
    }
  });

  it.each([
    ['a Latin-1 byte', Buffer.from([0x63, 0x61, 0x66, 0xe9])],
    ['a lone continuation byte', Buffer.from([0x61, 0x80, 0x62])],
    ['an overlong encoding', Buffer.from([0xc0, 0x80])],
    ['an encoded surrogate', Buffer.from([0xed, 0xa0, 0x80])],
    ['a byte no sequence starts with', Buffer.from([0xf5, 0x80, 0x80, 0x80])],
    ['a character cut at the end', Buffer.from([0x61, 0xe2, 0x98])],
    ['a lead byte followed by ASCII', Buffer.from([0xe2, 0x41, 0x42])],
  ])('%s is not, however it is cut', (_what, bad) => {
    const bytes = Buffer.concat([Buffer.from('{"a":"'), bad, Buffer.from('"}')]);
    for (let a = 0; a <= bytes.length; a++) expect(check(bytes, [a]), `cut at ${a}`).toBe(false);
  });
});

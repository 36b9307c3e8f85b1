/**
 * Whether bytes cut off by the end of the input are the start of a JSON value, and if not, where
 * they go wrong. The framer only follows strings and brackets inside a record, so a record with a
 * stray bracket or quote in the middle of a file can run on to the end of the input: that is
 * malformed JSON at its place, not a file cut short, and this tells the two apart.
 *
 * A byte walk with an explicit stack (deep nesting must not overflow); messages as
 * json/json-error-position.ts words them. A scalar the input ends inside (`tru`, `12.`, `"\u00`) is
 * a cut, not an error.
 */
export interface PrefixError {
  /** Offset of the offending byte in the bytes given. */
  readonly index: number;
  readonly message: string;
}

const WHITESPACE = new Uint8Array(256);
for (const ch of ' \t\r\n') WHITESPACE[ch.charCodeAt(0)] = 1;
const HEX = new Uint8Array(256);
for (const ch of '0123456789abcdefABCDEF') HEX[ch.charCodeAt(0)] = 1;
const ESCAPES = new Uint8Array(256);
for (const ch of '"\\/bfnrt') ESCAPES[ch.charCodeAt(0)] = 1;
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
/** What a number may be when the input ends inside it. */
const NUMBER_START = /^-?(?:(?:0|[1-9]\d*)(?:\.\d*)?(?:[eE][+-]?\d*)?)?$/;
const LITERALS = ['true', 'false', 'null'];

// What the walk expects next.
const VALUE = 0;
const KEY_OR_END = 1;
const KEY = 2;
const COLON = 3;
const COMMA_OR_END = 4;
const VALUE_OR_END = 5;

/** Undefined when `bytes` are a valid start of one JSON value; else the first bad byte. */
export function checkJsonPrefix(bytes: Uint8Array): PrefixError | undefined {
  const stack: boolean[] = []; // true: object
  let expect = VALUE;
  const n = bytes.length;
  const fail = (i: number, what: string): PrefixError => ({ index: i, message: `unexpected ${shown(bytes[i]!)}: ${what}` });
  let i = 0;
  while (i < n) {
    const c = bytes[i]!;
    if (WHITESPACE[c] === 1) {
      i++;
      continue;
    }
    const inObject = stack[stack.length - 1] === true;
    switch (expect) {
      case KEY_OR_END:
      case KEY:
        if (c === 0x7d && expect === KEY_OR_END) {
          i = close(i);
          continue;
        }
        if (c !== 0x22) return fail(i, 'expected a property name');
        {
          const bad = string(i);
          if (typeof bad === 'object') return bad;
          i = bad;
        }
        expect = COLON;
        continue;
      case COLON:
        if (c !== 0x3a) return fail(i, "expected ':'");
        expect = VALUE;
        i++;
        continue;
      case COMMA_OR_END:
        if (c === 0x2c && stack.length > 0) {
          expect = inObject ? KEY : VALUE;
          i++;
          continue;
        }
        if ((c === 0x7d && inObject) || (c === 0x5d && !inObject && stack.length > 0)) {
          i = close(i);
          continue;
        }
        if (stack.length === 0) return fail(i, 'after the end of the JSON value');
        return fail(i, inObject ? "expected ',' or '}'" : "expected ',' or ']'");
      default: {
        if (c === 0x5d && expect === VALUE_OR_END) {
          i = close(i);
          continue;
        }
        if (c === 0x7b || c === 0x5b) {
          stack.push(c === 0x7b);
          expect = c === 0x7b ? KEY_OR_END : VALUE_OR_END;
          i++;
          continue;
        }
        if (c === 0x22) {
          const bad = string(i);
          if (typeof bad === 'object') return bad;
          i = bad;
          expect = COMMA_OR_END;
          continue;
        }
        let j = i;
        while (j < n && isScalarByte(bytes[j]!)) j++;
        const token = Buffer.from(bytes.buffer, bytes.byteOffset + i, j - i).toString('latin1');
        const ok = j >= n ? NUMBER_START.test(token) || LITERALS.some((l) => l.startsWith(token)) : NUMBER.test(token) || LITERALS.includes(token);
        if (!ok || token === '') return fail(i, 'expected a JSON value');
        i = j;
        expect = COMMA_OR_END;
      }
    }
  }
  return undefined;

  function close(i: number): number {
    stack.pop();
    expect = COMMA_OR_END;
    return i + 1;
  }

  /** Reads the string starting at bytes[i] (a quote): the index after it, the end of input, or an error. */
  function string(i: number): number | PrefixError {
    let j = i + 1;
    while (j < n) {
      const d = bytes[j]!;
      if (d === 0x22) return j + 1;
      if (d < 0x20) return { index: j, message: 'control character in string' };
      if (d === 0x5c) {
        const e = bytes[j + 1];
        if (e === undefined) return n;
        if (e === 0x75) {
          for (let k = j + 2; k < j + 6 && k < n; k++) if (HEX[bytes[k]!] !== 1) return { index: j, message: 'bad \\u escape in string' };
          j += 6;
          continue;
        }
        if (ESCAPES[e] !== 1) return { index: j, message: 'bad escape in string' };
        j += 2;
        continue;
      }
      j++;
    }
    return n;
  }
}

function isScalarByte(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x2b || c === 0x2e || (c >= 0x41 && c <= 0x5a);
}

function shown(c: number): string {
  return c >= 0x20 && c < 0x7f ? JSON.stringify(String.fromCharCode(c)) : `byte 0x${c.toString(16).padStart(2, '0')}`;
}

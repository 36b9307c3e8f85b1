/**
 * Where a JSON text goes wrong. JSON.parse on Node 20 does not always say where ("Unexpected token
 * '}', ... is not valid JSON"), and users need a line and column; this walks the text once, only
 * after JSON.parse has failed, and returns the index of the first offending character.
 */
export interface JsonErrorAt {
  /** Index into the text (UTF-16 code units). */
  readonly index: number;
  readonly message: string;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = ['true', 'false', 'null'] as const;

export function findJsonError(text: string): JsonErrorAt {
  // Containers are tracked with an explicit stack (deeply nested input must not overflow).
  const stack: ('{' | '[')[] = [];
  let i = 0;
  // True right after a container opened: its first member needs no comma.
  let fresh = false;
  const n = text.length;
  const skipWs = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      i++;
    }
  };
  const fail = (message: string): JsonErrorAt => ({ index: i, message: i >= n ? 'unexpected end of input' : message });
  const readString = (): JsonErrorAt | undefined => {
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c < 0x20) return fail('control character in string');
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return fail('bad \\u escape in string');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          i += 2;
        } else {
          i++;
          return fail('bad escape in string');
        }
      } else {
        i++;
      }
    }
    return fail('unterminated string');
  };
  // Reads one scalar or opens a container; returns an error or undefined.
  const readValue = (): JsonErrorAt | undefined => {
    skipWs();
    const ch = text[i];
    if (ch === undefined) return fail('unexpected end of input');
    fresh = ch === '{' || ch === '[';
    if (fresh) {
      stack.push(ch as '{' | '[');
      i++;
      return undefined;
    }
    if (ch === '"') return readString();
    for (const lit of LITERALS) {
      if (text.startsWith(lit, i)) {
        i += lit.length;
        return undefined;
      }
    }
    NUMBER.lastIndex = i;
    if (NUMBER.test(text)) {
      i = NUMBER.lastIndex;
      return undefined;
    }
    return fail(`unexpected ${JSON.stringify(ch)}: expected a JSON value`);
  };

  let err = readValue();
  if (err) return err;
  for (;;) {
    skipWs();
    const top = stack[stack.length - 1];
    if (top === undefined) {
      if (i < n) return fail(`unexpected ${JSON.stringify(text[i])} after the end of the JSON value`);
      return { index: n, message: 'invalid JSON' };
    }
    const justOpened = fresh;
    fresh = false;
    const ch = text[i];
    if (ch === undefined) return fail('unexpected end of input');
    if (top === '{') {
      if (ch === '}') {
        stack.pop();
        i++;
        continue;
      }
      if (!justOpened) {
        if (ch !== ',') return fail(`unexpected ${JSON.stringify(ch)}: expected ',' or '}'`);
        i++;
        skipWs();
      }
      if (text[i] !== '"') return fail(`unexpected ${JSON.stringify(text[i] ?? '')}: expected a property name`);
      err = readString();
      if (err) return err;
      skipWs();
      if (text[i] !== ':') return fail(`unexpected ${JSON.stringify(text[i] ?? '')}: expected ':'`);
      i++;
      err = readValue();
      if (err) return err;
    } else {
      if (ch === ']') {
        stack.pop();
        i++;
        continue;
      }
      if (!justOpened) {
        if (ch !== ',') return fail(`unexpected ${JSON.stringify(ch)}: expected ',' or ']'`);
        i++;
      }
      err = readValue();
      if (err) return err;
    }
  }
}

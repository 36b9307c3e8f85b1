/**
 * Ways a dump gets broken on its way to a ticket, each a pure function of its parameters so a failing
 * fast-check case replays exactly: cut short, bytes flipped or inserted, fields dropped or given
 * another type, nulls everywhere, records in another order, two dumps glued together.
 */

// ---- truncation -------------------------------------------------------------------------------

/** Kinds of places a JSON text can be cut at: each is a different state of a streaming reader. */
export const CUT_KINDS = [
  'start',
  'whitespace',
  'after-open-brace',
  'after-open-bracket',
  'in-key',
  'after-key',
  'after-colon',
  'in-string',
  'in-escape',
  'in-utf8-sequence',
  'in-number',
  'in-literal',
  'after-comma',
  'after-close',
  'before-last-byte',
] as const;
export type CutKind = (typeof CUT_KINDS)[number];

/**
 * Cut positions by kind: `pos` means the text is cut to bytes [0, pos). A small lexer walks the
 * bytes once; it does not validate, it only labels.
 */
export function cutPositions(text: Buffer): Map<CutKind, number[]> {
  const out = new Map<CutKind, number[]>(CUT_KINDS.map((k) => [k, []]));
  const add = (kind: CutKind, pos: number): void => void out.get(kind)!.push(pos);
  // Container stack: true for objects; `expectKey` for the next string in an object being a key.
  const stack: boolean[] = [];
  let expectKey = false;
  let inString = false;
  let isKey = false;
  let escaped = false;
  const n = text.length;
  if (n > 0) add('start', 0);
  if (n > 1) add('before-last-byte', n - 1);
  for (let i = 0; i < n; i++) {
    const c = text[i]!;
    if (inString) {
      if ((c & 0xc0) === 0x80) add('in-utf8-sequence', i);
      if (escaped) {
        add('in-escape', i);
        escaped = false;
      } else if (c === 0x5c) escaped = true;
      else if (c === 0x22) {
        inString = false;
        if (isKey) add('after-key', i + 1);
        continue;
      } else if (i > 0 && text[i - 1] !== 0x22) add(isKey ? 'in-key' : 'in-string', i);
      continue;
    }
    switch (c) {
      case 0x22:
        inString = true;
        isKey = stack[stack.length - 1] === true && expectKey;
        expectKey = false;
        break;
      case 0x7b:
        stack.push(true);
        expectKey = true;
        add('after-open-brace', i + 1);
        break;
      case 0x5b:
        stack.push(false);
        add('after-open-bracket', i + 1);
        break;
      case 0x7d:
      case 0x5d:
        stack.pop();
        add('after-close', i + 1);
        break;
      case 0x3a:
        add('after-colon', i + 1);
        break;
      case 0x2c:
        expectKey = stack[stack.length - 1] === true;
        add('after-comma', i + 1);
        break;
      case 0x20:
      case 0x0a:
      case 0x0d:
      case 0x09:
        add('whitespace', i);
        break;
      default:
        if ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e) {
          if (i > 0 && ((text[i - 1]! >= 0x30 && text[i - 1]! <= 0x39) || text[i - 1] === 0x2d)) add('in-number', i);
        } else if (c >= 0x61 && c <= 0x7a && i > 0 && text[i - 1]! >= 0x61 && text[i - 1]! <= 0x7a) add('in-literal', i);
    }
  }
  return out;
}

// ---- bytes --------------------------------------------------------------------------------------

export type ByteEdit =
  | { readonly op: 'flip'; readonly at: number; readonly bit: number }
  | { readonly op: 'set'; readonly at: number; readonly byte: number }
  | { readonly op: 'insert'; readonly at: number; readonly bytes: string }
  | { readonly op: 'delete'; readonly at: number; readonly length: number };

/** Bytes that mean something to a JSON reader or a terminal. */
export const INTERESTING_BYTES = [0x00, 0x22, 0x7b, 0x7d, 0x5b, 0x5d, 0x2c, 0x3a, 0x5c, 0x0a, 0x0d, 0x1b, 0x7f, 0x80, 0xc3, 0xef, 0xff, 0x30, 0x2d];
/** Snippets worth inserting anywhere. `latin1` strings: each char is one byte. */
export const INSERTS = ['null', '-1', '0', '1e999', '-0', '""', '"\\u0000"', '"\\ud800"', '{}', '[]', '[{}]', '{"a":', ',', '\xef\xbb\xbf', '\x1f\x8b', '\n', '\r\n', '\x1b[2J', 'NaN', '9007199254740993', '"', '\\'];

/** Applies edits in order; positions are taken modulo the current length, so every edit lands. */
export function applyByteEdits(input: Buffer, edits: readonly ByteEdit[]): Buffer {
  let buf = Buffer.from(input);
  for (const e of edits) {
    const at = buf.length === 0 ? 0 : e.at % (e.op === 'insert' ? buf.length + 1 : buf.length);
    switch (e.op) {
      case 'flip':
        if (buf.length > 0) buf[at] = buf[at]! ^ (1 << (e.bit & 7));
        break;
      case 'set':
        if (buf.length > 0) buf[at] = e.byte & 0xff;
        break;
      case 'insert':
        buf = Buffer.concat([buf.subarray(0, at), Buffer.from(e.bytes, 'latin1'), buf.subarray(at)]);
        break;
      case 'delete':
        buf = Buffer.concat([buf.subarray(0, at), buf.subarray(Math.min(buf.length, at + e.length))]);
        break;
    }
  }
  return buf;
}

// ---- values -------------------------------------------------------------------------------------

export type Path = readonly (string | number)[];

/** Every value's path in `doc` (containers included, root excluded), breadth-first, at most `max`. */
export function valuePaths(doc: unknown, max = 20_000): Path[] {
  const out: Path[] = [];
  const queue: [unknown, Path][] = [[doc, []]];
  for (let head = 0; head < queue.length && out.length < max; head++) {
    const [v, path] = queue[head]!;
    if (path.length > 0) out.push(path);
    if (Array.isArray(v)) v.forEach((x, i) => queue.push([x, [...path, i]]));
    else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) queue.push([x, [...path, k]]);
  }
  return out;
}

/** Ways to change one value. */
export const RETYPES = [
  'delete',
  'null',
  'as-number',
  'as-string',
  'as-bool',
  'array-as-object',
  'object-as-array',
  'wrap-in-array',
  'empty',
  'huge-number',
  'negative',
  'zero',
  'fraction',
  'long-string',
  'deep',
] as const;
export type Retype = (typeof RETYPES)[number];

function retyped(value: unknown, how: Retype): unknown {
  switch (how) {
    case 'null':
      return null;
    case 'as-number':
      // Ids written as numbers: a hex id read as decimal, or a plain big number.
      if (typeof value === 'string') return /^[0-9a-f]{1,15}$/i.test(value) ? parseInt(value, 16) : 1.2345678901234567e17;
      return 12345;
    case 'as-string':
      return typeof value === 'object' ? JSON.stringify(value) ?? 'null' : String(value);
    case 'as-bool':
      return true;
    case 'array-as-object':
      return Array.isArray(value) ? Object.fromEntries(value.map((v, i) => [String(i), v])) : value;
    case 'object-as-array':
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.values(value) : value;
    case 'wrap-in-array':
      return [value];
    case 'empty':
      return Array.isArray(value) ? [] : typeof value === 'object' && value !== null ? {} : typeof value === 'string' ? '' : 0;
    case 'huge-number':
      return typeof value === 'string' ? '99999999999999999999999999999' : 1e308;
    case 'negative':
      return typeof value === 'number' ? -Math.abs(value) - 1 : typeof value === 'string' && /^\d+$/.test(value) ? `-${value}` : -1;
    case 'zero':
      return typeof value === 'string' ? '0' : 0;
    case 'fraction':
      return typeof value === 'number' ? value + 0.5 : '1.5';
    case 'long-string':
      return 'x'.repeat(5000);
    case 'deep': {
      let v: unknown = value;
      for (let i = 0; i < 200; i++) v = [v];
      return v;
    }
    default:
      return value;
  }
}

/** A copy of `doc` with the value at `path` changed (`delete` removes the key or element). */
export function retypeAt(doc: unknown, path: Path, how: Retype): unknown {
  if (path.length === 0) return how === 'delete' ? null : retyped(doc, how);
  const copy = structuredClone(doc);
  let parent: unknown = copy;
  for (const key of path.slice(0, -1)) {
    parent = (parent as Record<string | number, unknown>)[key];
    if (typeof parent !== 'object' || parent === null) return copy;
  }
  const last = path[path.length - 1]!;
  const holder = parent as Record<string | number, unknown>;
  if (how === 'delete') {
    if (Array.isArray(holder) && typeof last === 'number') holder.splice(last, 1);
    else delete holder[last];
  } else {
    holder[last] = retyped(holder[last], how);
  }
  return copy;
}

/**
 * "Null everywhere": every value whose key is `key` (e.g. every traceId) replaced with `how`; with
 * key `*`, every leaf value.
 */
export function retypeEveryKey(doc: unknown, key: string, how: Retype): unknown {
  const copy = structuredClone(doc);
  const stack: unknown[] = [copy];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        if (key === '*' && (typeof x !== 'object' || x === null)) v[i] = retyped(x, how);
        else stack.push(x);
      }
    } else if (typeof v === 'object' && v !== null) {
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o)) {
        const x = o[k];
        if (k === key || (key === '*' && (typeof x !== 'object' || x === null))) {
          if (how === 'delete') delete o[k];
          else o[k] = retyped(x, how);
        } else stack.push(x);
      }
    }
  }
  return copy;
}

/** Keys found in a document, for picking one to break everywhere. */
export function keysOf(doc: unknown): string[] {
  const keys = new Set<string>();
  for (const path of valuePaths(doc)) {
    const last = path[path.length - 1];
    if (typeof last === 'string') keys.add(last);
  }
  return [...keys].sort();
}

/** Every array in `doc` put in another order, by a seeded shuffle (records, spans, tags, ...). */
export function shuffleArrays(doc: unknown, seed: number): unknown {
  const copy = structuredClone(doc);
  let state = seed >>> 0 || 1;
  const next = (): number => {
    // xorshift32: deterministic for a seed.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
  const stack: unknown[] = [copy];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [v[i], v[j]] = [v[j], v[i]];
      }
      for (const x of v) stack.push(x);
    } else if (typeof v === 'object' && v !== null) for (const x of Object.values(v)) stack.push(x);
  }
  return copy;
}

/**
 * Where a record cut off by the end of the input can be closed so that it holds only whole units
 * (SalvageRule): the reader keeps every whole span before a cut, not only every whole record, since
 * one OTLP ResourceSpans can be most of a dump.
 *
 * The bytes are a valid start of a JSON object (json-prefix.ts checked them first); brackets are
 * followed with an explicit stack, so depth costs no recursion.
 */
import type { SalvageRule } from '../formats/record-salvage.js';

export interface SalvagePoint {
  /** Bytes up to here are kept... */
  readonly end: number;
  /** ...followed by these, which close what is open there. */
  readonly closers: string;
}

interface Open {
  readonly array: boolean;
  /** The key an array sits under in its object. */
  readonly key: string | undefined;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The last place a unit of `rule` closed with a span closed before it, or undefined. */
export function salvagePoint(bytes: Uint8Array, rule: SalvageRule): SalvagePoint | undefined {
  const units = new Set(rule.units.map((p) => p.join('\0')));
  const spans = new Set(rule.spans.map((p) => p.join('\0')));
  const stack: Open[] = [];
  let key: string | undefined;
  let expectKey = false;
  let spansClosed = 0;
  let best: SalvagePoint | undefined;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const c = bytes[i]!;
    if (c === QUOTE) {
      let j = i + 1;
      let escaped = false;
      for (; j < n; j++) {
        const d = bytes[j]!;
        if (escaped) escaped = false;
        else if (d === BACKSLASH) escaped = true;
        else if (d === QUOTE) break;
      }
      if (j >= n) break; // cut inside the string
      const top = stack[stack.length - 1];
      if (top !== undefined && !top.array && expectKey) {
        key = keyText(bytes, i + 1, j);
        expectKey = false;
      }
      i = j;
    } else if (c === 0x7b || c === 0x5b) {
      const top = stack[stack.length - 1];
      stack.push({ array: c === 0x5b, key: c === 0x5b && top !== undefined && !top.array ? key : undefined });
      expectKey = c === 0x7b;
    } else if (c === 0x7d || c === 0x5d) {
      const closed = stack.pop();
      const top = stack[stack.length - 1];
      if (closed !== undefined && !closed.array && top !== undefined && top.array) {
        const path = arrayPath(stack);
        if (path !== undefined && units.has(path)) {
          if (spans.has(path)) spansClosed++;
          if (spansClosed > 0) best = { end: i + 1, closers: closers(stack) };
        }
      }
    } else if (c === 0x2c) {
      const top = stack[stack.length - 1];
      expectKey = top !== undefined && !top.array;
    }
  }
  return best;
}

/** The keys of the open arrays, when objects and arrays alternate from the record down; else undefined. */
function arrayPath(stack: readonly Open[]): string | undefined {
  const keys: string[] = [];
  for (let d = 0; d < stack.length; d++) {
    const open = stack[d]!;
    if (open.array !== (d % 2 === 1)) return undefined;
    if (open.array) {
      if (open.key === undefined) return undefined;
      keys.push(open.key);
    }
  }
  return keys.join('\0');
}

function closers(stack: readonly Open[]): string {
  let out = '';
  for (let d = stack.length - 1; d >= 0; d--) out += stack[d]!.array ? ']' : '}';
  return out;
}

function keyText(bytes: Uint8Array, from: number, to: number): string {
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from).toString('utf8');
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

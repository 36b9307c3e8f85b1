/**
 * JSON text of a parsed value, written without recursion and cut off after a length limit.
 *
 * Attribute values below the nesting cap (see any-value.ts) are kept as text rather than dropped,
 * so a user still sees what was there. The subtree can be arbitrarily deep or large because a hostile
 * file controls it: JSON.stringify would recurse (and overflow the stack) and write all of it, so
 * this walks an explicit stack and stops as soon as the text is long enough.
 */

type Frame =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'array'; readonly items: readonly unknown[]; index: number }
  | { readonly kind: 'object'; readonly keys: readonly string[]; readonly obj: Record<string, unknown>; index: number };

const ELLIPSIS = '…';

function scalarText(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return value.toString();
  return 'null';
}

/** `value` as compact JSON text of at most `maxChars` characters (plus "…" when cut). */
export function boundedJson(value: unknown, maxChars: number): string {
  let out = '';
  const stack: Frame[] = [{ kind: 'value', value }];
  while (stack.length > 0 && out.length <= maxChars) {
    const frame = stack[stack.length - 1] as Frame;
    if (frame.kind === 'text') {
      stack.pop();
      out += frame.text;
    } else if (frame.kind === 'value') {
      stack.pop();
      const v = frame.value;
      if (Array.isArray(v)) {
        out += '[';
        stack.push({ kind: 'text', text: ']' }, { kind: 'array', items: v, index: 0 });
      } else if (typeof v === 'object' && v !== null) {
        const obj = v as Record<string, unknown>;
        out += '{';
        stack.push({ kind: 'text', text: '}' }, { kind: 'object', keys: Object.keys(obj), obj, index: 0 });
      } else {
        out += scalarText(v);
      }
    } else if (frame.kind === 'array') {
      if (frame.index >= frame.items.length) {
        stack.pop();
        continue;
      }
      if (frame.index > 0) out += ',';
      stack.push({ kind: 'value', value: frame.items[frame.index] });
      frame.index += 1;
    } else {
      if (frame.index >= frame.keys.length) {
        stack.pop();
        continue;
      }
      const key = frame.keys[frame.index] as string;
      if (frame.index > 0) out += ',';
      out += `${JSON.stringify(key)}:`;
      stack.push({ kind: 'value', value: frame.obj[key] });
      frame.index += 1;
    }
  }
  if (out.length > maxChars) return out.slice(0, maxChars) + ELLIPSIS;
  return out;
}

/**
 * A span's values for the `--by` keys (query/group-keys.ts), and the group they put it in. A span
 * without the attribute has the value null — its own group, shown as "(none)" — so spans are never
 * dropped for lacking a key and a real value "(none)" is not mixed up with a missing one.
 *
 * Attribute values become text, the way the ClickHouse exporter stores them: a number in its
 * decimal form, true/false, a list or map as its JSON text.
 */
import type { GroupKey } from '../query/group-keys.js';
import type { AttrValue, Attributes, Span } from '../model/span.js';

/** How a missing value is shown to people (JSON carries null). */
export const NO_VALUE = '(none)';

/** A group's key values by key name (`service`, `attr.http.route`), null where the span had none. */
export type GroupKeyValues = Record<string, string | null>;

export function groupValues(keys: readonly GroupKey[], span: Pick<Span, 'service' | 'operation' | 'kind' | 'status' | 'attributes' | 'resource'>): (string | null)[] {
  return keys.map((key) => {
    switch (key.field) {
      case 'service':
        return span.service;
      case 'operation':
        return span.operation;
      case 'kind':
        return span.kind;
      case 'status':
        return span.status;
      case 'attr':
        return attrText(own(span.attributes, key.key));
      case 'resource':
        return attrText(own(span.resource, key.key));
      case 'any':
        return attrText(own(span.attributes, key.key) ?? own(span.resource, key.key));
    }
  });
}

/** One string per distinct list of values (null apart from every text), for a Map key. */
export function groupId(values: readonly (string | null)[]): string {
  return values.map((v) => (v === null ? '\u0001' : `\u0002${v}`)).join('\u0000');
}

/** The values as the object a group carries in --json. */
export function keyObject(keys: readonly GroupKey[], values: readonly (string | null)[]): GroupKeyValues {
  const out: GroupKeyValues = {};
  keys.forEach((k, i) => {
    out[k.name] = values[i] ?? null;
  });
  return out;
}

/** Groups in a stable order: by each key's value (code points), a missing value last. */
export function compareKeyValues(a: GroupKeyValues, b: GroupKeyValues, keys: readonly GroupKey[]): number {
  for (const k of keys) {
    const x = a[k.name] ?? null;
    const y = b[k.name] ?? null;
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    return x < y ? -1 : 1;
  }
  return 0;
}

function own(attrs: Attributes, key: string): AttrValue | undefined {
  return Object.prototype.hasOwnProperty.call(attrs, key) ? attrs[key] : undefined;
}

function attrText(value: AttrValue | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

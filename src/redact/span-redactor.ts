/**
 * `tracectl redact`'s rules for spans already decoded, for output built from spans rather than
 * rewritten from the wire (`report --redact`): an attribute whose key looks secret loses its value,
 * card numbers written as numbers become "[card]", and every other text — names, messages, event
 * names, attribute values at any depth — has its e-mails, IP addresses, credentials, JWTs and card
 * numbers replaced, exactly as the redactor does for dumps (the same SensitiveText and key rules).
 * Ids, times and structure are kept, so trees and figures are unchanged. Nested values are walked
 * with an explicit stack: attributes nest without limit.
 */
import type { AttrValue, Attributes, Span, SpanEvent, SpanRef } from '../model/span.js';
import { REDACTED } from './redactor.js';
import { isSecretKey } from './secret-keys.js';
import { SensitiveText, type SensitiveKind } from './sensitive-text.js';

export class SpanRedactor {
  readonly found: Record<SensitiveKind, number> = { email: 0, ip: 0, bearer: 0, jwt: 0, card: 0 };
  secretValues = 0;
  private readonly text = new SensitiveText({ found: (kind) => void this.found[kind]++ });

  /** A redacted copy of `span` (the span itself is not changed). */
  redact(span: Span): Span {
    const copy: { -readonly [K in keyof Span]: Span[K] } = {
      ...span,
      service: this.text.redact(span.service),
      operation: this.text.redact(span.operation),
      attributes: this.attributes(span.attributes),
      resource: this.attributes(span.resource),
      events: span.events.map((e): SpanEvent => ({ timeNs: e.timeNs, name: this.text.redact(e.name), attributes: this.attributes(e.attributes) })),
      refs: span.refs.map((r): SpanRef => (r.attributes === undefined ? r : { ...r, attributes: this.attributes(r.attributes) })),
    };
    if (span.statusMessage !== undefined) copy.statusMessage = this.text.redact(span.statusMessage);
    if (span.host !== undefined) copy.host = this.text.redact(span.host);
    return copy;
  }

  private attributes(attrs: Attributes): Attributes {
    const out: Record<string, AttrValue> = {};
    for (const key of Object.keys(attrs)) out[key] = this.value(key, attrs[key]!);
    return out;
  }

  /** The value under `key`, redacted; containers are copied level by level from a stack. */
  private value(key: string, value: AttrValue): AttrValue {
    const root: { v: AttrValue } = { v: value };
    const stack: { holder: Record<string | number, AttrValue>; slot: string | number; key: string }[] = [{ holder: root, slot: 'v', key }];
    while (stack.length > 0) {
      const { holder, slot, key: k } = stack.pop()!;
      const v = holder[slot]!;
      if (isSecretKey(k) && (typeof v === 'string' || (typeof v === 'object' && v !== null))) {
        this.secretValues++;
        holder[slot] = REDACTED;
      } else if (typeof v === 'string') {
        holder[slot] = this.text.redact(v);
      } else if (typeof v === 'number' && Number.isInteger(v) && this.text.isCardNumber(String(v))) {
        this.found.card++;
        holder[slot] = '[card]';
      } else if (Array.isArray(v)) {
        const copy = [...v];
        holder[slot] = copy;
        for (let i = copy.length - 1; i >= 0; i--) stack.push({ holder: copy as unknown as Record<number, AttrValue>, slot: i, key: k });
      } else if (typeof v === 'object' && v !== null) {
        const copy = { ...v };
        holder[slot] = copy;
        for (const child of Object.keys(copy)) stack.push({ holder: copy, slot: child, key: child });
      }
    }
    return root.v;
  }
}

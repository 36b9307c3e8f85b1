/**
 * `/` search over every span of a trace by any of its text: service, operation, ids, kind, status
 * message, attribute keys and values, resource, event names and attributes, links. Each span's
 * text is lower-cased once, on the first search; a query matches a span when every word of it
 * occurs in that text.
 */
import { SPAN_KINDS, type TracePayload } from '../../src/report/report-data.js';
import { valueText } from './format.js';

export class SearchIndex {
  private texts: string[] | undefined;

  constructor(private readonly payload: TracePayload) {}

  private build(): string[] {
    const p = this.payload;
    const resources = p.resources.map((r) => attrsText(r));
    const attributes = p.attributes.map((a) => attrsText(a));
    const texts = new Array<string>(p.spans.id.length);
    for (let i = 0; i < texts.length; i++) {
      const d = p.details[i]!;
      const parts = [
        p.strings[p.spans.service[i]!]!,
        p.strings[p.spans.operation[i]!]!,
        p.spans.id[i]!,
        SPAN_KINDS[p.spans.kind[i]!] ?? '',
        d.m ?? '',
        d.a === undefined ? '' : (attributes[d.a] ?? ''),
        resources[d.r] ?? '',
        d.h === undefined ? '' : p.strings[d.h]!,
      ];
      for (const e of d.e ?? []) parts.push(e.n, attrsText(e.a));
      for (const l of d.l ?? []) parts.push(l.traceId, l.spanId, attrsText(l.a));
      texts[i] = parts.join('\n').toLowerCase();
    }
    return texts;
  }

  /** Matching span indices in tree order; empty for an empty query. */
  search(query: string): number[] {
    const words = query.toLowerCase().split(/\s+/).filter((w) => w !== '');
    if (words.length === 0) return [];
    this.texts ??= this.build();
    const out: number[] = [];
    const texts = this.texts;
    for (let i = 0; i < texts.length; i++) {
      const t = texts[i]!;
      if (words.every((w) => t.includes(w))) out.push(i);
    }
    return out;
  }
}

function attrsText(attrs: Readonly<Record<string, unknown>>): string {
  let s = '';
  for (const key of Object.keys(attrs)) s += `${key}=${valueText(attrs[key])}\n`;
  return s;
}

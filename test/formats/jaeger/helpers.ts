/**
 * Test helpers for the Jaeger decoder: fixtures loaded from fixtures/jaeger, records framed the way
 * the input layer frames them (so every test also proves `accepts` takes each record), and a span
 * builder whose defaults are the fields most spans leave empty. Expected spans are still compared
 * whole with toStrictEqual.
 */
import { readFileSync } from 'node:fs';
import type { RecordHint } from '../../../src/formats/decoder.js';
import { isObject } from '../../../src/formats/decoder.js';
import { jaegerDecoder } from '../../../src/formats/jaeger/decoder.js';
import type { Span } from '../../../src/model/span.js';
import type { TraceWarning } from '../../../src/model/warnings.js';

export function loadFixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../../fixtures/jaeger/${name}`, import.meta.url), 'utf8'));
}

export interface Framed {
  readonly record: unknown;
  readonly hint: RecordHint;
}

/** The framer's rules for a whole parsed document (the Jaeger-relevant ones). */
export function frame(value: unknown): Framed[] {
  if (Array.isArray(value)) {
    const out: Framed[] = [];
    for (const el of value) {
      if (Array.isArray(el)) {
        for (const inner of el) if (isObject(inner)) out.push({ record: inner, hint: 'element' });
      } else if (isObject(el)) {
        out.push({ record: el, hint: 'element' });
      }
    }
    return out;
  }
  if (isObject(value)) {
    const data = value['data'];
    if (Array.isArray(data)) return data.map((record) => ({ record, hint: 'jaeger-trace' as const }));
    if (isObject(data) && Array.isArray(data['spans'])) {
      return data['spans'].map((record) => ({ record, hint: 'jaeger-span' as const }));
    }
  }
  return [{ record: value, hint: 'document' }];
}

/** Frames a document, checks the decoder accepts every record, and decodes them all. */
function decodeDocument(value: unknown, file = 'test.json'): { spans: Span[]; warnings: TraceWarning[]; hints: RecordHint[] } {
  const spans: Span[] = [];
  const warnings: TraceWarning[] = [];
  const hints: RecordHint[] = [];
  for (const { record, hint } of frame(value)) {
    if (!jaegerDecoder.accepts(record, hint)) throw new Error(`jaeger decoder refused a ${hint} record`);
    hints.push(hint);
    const decoded = jaegerDecoder.decode(record, { file });
    spans.push(...decoded.spans);
    warnings.push(...decoded.warnings);
  }
  return { spans, warnings, hints };
}

export function decodeFixture(name: string): { spans: Span[]; warnings: TraceWarning[]; hints: RecordHint[] } {
  return decodeDocument(loadFixture(name), name);
}

type Required = Pick<Span, 'traceId' | 'spanId' | 'service' | 'operation' | 'startNs' | 'durationNs'>;

/** A Jaeger span with every field present: what is not given is the empty default. */
export function jspan(fields: Required & Partial<Span>): Span {
  return {
    refs: [],
    kind: 'unspecified',
    timing: 'exact',
    status: 'unset',
    attributes: {},
    resource: {},
    events: [],
    format: 'jaeger',
    ...fields,
  };
}

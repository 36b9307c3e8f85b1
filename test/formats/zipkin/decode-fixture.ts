/**
 * Test helpers: read a fixture, frame it the way the input layer does (a top-level array gives its
 * object elements, one level of inner arrays included, hint `element`; anything else is one
 * `document`), and run every record through the Zipkin decoder.
 */
import { readFileSync } from 'node:fs';
import { zipkinDecoder } from '../../../src/formats/zipkin/decoder.js';
import type { RecordHint } from '../../../src/formats/decoder.js';
import type { Span } from '../../../src/model/span.js';
import type { TraceWarning } from '../../../src/model/warnings.js';

export const FIXTURE_FILE = 'fixture.json';

export interface Framed {
  readonly record: unknown;
  readonly hint: RecordHint;
}

export function readFixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../../fixtures/zipkin/${name}`, import.meta.url), 'utf8'));
}

const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The records the framer makes of a parsed top-level value. */
export function frame(value: unknown): Framed[] {
  if (!Array.isArray(value)) return [{ record: value, hint: 'document' }];
  const out: Framed[] = [];
  for (const item of value as unknown[]) {
    if (Array.isArray(item)) {
      for (const inner of item as unknown[]) if (isObject(inner)) out.push({ record: inner, hint: 'element' });
    } else if (isObject(item)) {
      out.push({ record: item, hint: 'element' });
    }
  }
  return out;
}

export interface DecodedFixture {
  readonly spans: Span[];
  readonly warnings: TraceWarning[];
  /** Records the decoder did not accept (they would go to another decoder or be skipped). */
  readonly rejected: unknown[];
}

function decodeValue(value: unknown, file = FIXTURE_FILE): DecodedFixture {
  const spans: Span[] = [];
  const warnings: TraceWarning[] = [];
  const rejected: unknown[] = [];
  for (const { record, hint } of frame(value)) {
    if (!zipkinDecoder.accepts(record, hint)) {
      rejected.push(record);
      continue;
    }
    const decoded = zipkinDecoder.decode(record, { file });
    spans.push(...decoded.spans);
    warnings.push(...decoded.warnings);
  }
  return { spans, warnings, rejected };
}

export function decodeFixture(name: string): DecodedFixture {
  return decodeValue(readFixture(name));
}

/** An expected Zipkin span: the two fields every Zipkin span has the same, then the rest, all explicit. */
export function zipkinSpan(fields: Omit<Span, 'refs' | 'format'>): Span {
  return { refs: [], format: 'zipkin', ...fields };
}

/** A warning as the decoder writes it for the fixture file. */
export function warning(code: TraceWarning['code'], message: string, traceId?: string, spanId?: string): TraceWarning {
  const w: { -readonly [K in keyof TraceWarning]: TraceWarning[K] } = { code, message, file: FIXTURE_FILE };
  if (traceId !== undefined) w.traceId = traceId;
  if (spanId !== undefined) w.spanId = spanId;
  return w;
}

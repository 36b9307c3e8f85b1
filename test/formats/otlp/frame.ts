/**
 * Test helper: feeds a fixture to the OTLP decoder the way the input layer's framer will (one
 * ResourceSpans per record with hint `otlp-resource-spans`; other documents whole), so the tests
 * exercise the same calls production makes. Also asserts `accepts` on each record it feeds.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Decoded, RecordHint } from '../../../src/formats/decoder.js';
import { isObject } from '../../../src/formats/decoder.js';
import { otlpDecoder } from '../../../src/formats/otlp/decoder.js';
import type { Span } from '../../../src/model/span.js';
import type { TraceWarning } from '../../../src/model/warnings.js';

export interface FramedRecord {
  readonly record: unknown;
  readonly hint: RecordHint;
}

const ARRAY_KEYS = ['resourceSpans', 'batches'];

/** The framer's split of one top-level JSON value (FORMATS rules in format-helper-common.md). */
export function frame(doc: unknown): FramedRecord[] {
  if (Array.isArray(doc)) return doc.map((record) => ({ record, hint: 'element' as const }));
  if (isObject(doc)) {
    const holders = [doc, doc['result'], doc['trace']];
    for (const holder of holders) {
      if (!isObject(holder)) continue;
      for (const key of ARRAY_KEYS) {
        const items = holder[key];
        if (Array.isArray(items)) return items.map((record) => ({ record, hint: 'otlp-resource-spans' as const }));
      }
    }
  }
  return [{ record: doc, hint: 'document' }];
}

function fixtureUrl(name: string): URL {
  return new URL(`../../../fixtures/otlp/${name}`, import.meta.url);
}

/** Top-level JSON values of a fixture: one for .json, one per non-blank line for .jsonl. */
export function readFixture(name: string): unknown[] {
  const text = readFileSync(fixtureUrl(name), 'utf8');
  if (!name.endsWith('.jsonl')) return [JSON.parse(text)];
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

export interface DecodedRecords extends Decoded {
  /** Records `accepts` turned down: the registry would offer them to other decoders. */
  readonly rejected: FramedRecord[];
}

/** Decodes every framed record this decoder accepts, the way the registry would route them. */
export function decodeAccepted(records: readonly FramedRecord[], file: string): DecodedRecords {
  const spans: Span[] = [];
  const warnings: TraceWarning[] = [];
  const rejected: FramedRecord[] = [];
  for (const framed of records) {
    if (!otlpDecoder.accepts(framed.record, framed.hint)) {
      rejected.push(framed);
      continue;
    }
    const out = otlpDecoder.decode(framed.record, { file });
    spans.push(...out.spans);
    warnings.push(...out.warnings);
  }
  return { spans, warnings, rejected };
}

/** A fixture through the framer and the decoder, with its name as the file; every record must be accepted. */
export function decodeFixture(name: string): Decoded {
  const { spans, warnings, rejected } = decodeAccepted(readFixture(name).flatMap(frame), name);
  expect(rejected).toEqual([]);
  return { spans, warnings };
}

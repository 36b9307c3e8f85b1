/**
 * The compact fields of a span, as the fast lean decoders read them (formats/zipkin/lean-span.ts)
 * and the compact batches store them (input/compact-batch.ts): ids as 32-bit words, kind, status,
 * timing and format as indexes into the tables below, and a hash of what compact spans leave out.
 * Filled in place, one object reused for every span, so a fast decoder builds no Span.
 */
import type { FormatName, Span, SpanKind, StatusCode } from './span.js';

/** The tables the indexes point into: their order is the compact encoding, so it never changes. */
export const KINDS: readonly SpanKind[] = ['unspecified', 'server', 'client', 'producer', 'consumer', 'internal'];
export const STATUSES: readonly StatusCode[] = ['unset', 'ok', 'error'];
export const TIMINGS: readonly Span['timing'][] = ['exact', 'derived', 'no-duration', 'missing'];
export const FORMATS: readonly FormatName[] = ['jaeger', 'zipkin', 'otlp'];

export interface LeanSpan {
  traceId: string;
  spanHi: number;
  spanLo: number;
  hasParent: boolean;
  parentHi: number;
  parentLo: number;
  /** 0: none, 1: child_of, 2: follows_from. */
  parentType: number;
  /** Index into KINDS, STATUSES, TIMINGS, FORMATS. */
  kind: number;
  status: number;
  timing: number;
  format: number;
  shared: boolean;
  service: string;
  operation: string;
  host: string | undefined;
  message: string | undefined;
  startNs: bigint;
  durationNs: number;
  /** detailStart / detailEvent of what is left out. */
  detail: number;
}

export function newLeanSpan(): LeanSpan {
  return {
    traceId: '', spanHi: 0, spanLo: 0, hasParent: false, parentHi: 0, parentLo: 0, parentType: 0, kind: 0, status: 0, timing: 0,
    format: 0, shared: false, service: '', operation: '', host: undefined, message: undefined, startNs: 0n, durationNs: 0, detail: 0,
  };
}

/**
 * The detail hash before any event: from the attribute and link counts. It stands for what compact
 * spans leave out, so two reads of one span still tell apart from two spans sharing an id and timing.
 */
export function detailStart(attributes: number, links: number): number {
  return Math.imul(attributes + 1, 0x9e3779b1) ^ Math.imul(links + 1, 0x85ebca6b);
}

/** The detail hash after one more event: its time's low 32 bits (of epoch ns) and its name. */
export function detailEvent(h: number, timeLow32: number, name: string): number {
  h = Math.imul(h ^ timeLow32, 0x01000193);
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h;
}

/**
 * A span's attributes and resource as a fast reader reads them when asked to (`why` counts them):
 * keys and values in parallel arrays, reused span after span, so nothing is built per span. The
 * keys come in the order the span's own attribute records list them, with the values those records
 * hold (text, or a number where the format gives one: a port).
 */
export interface LeanAttributes {
  count: number;
  readonly keys: string[];
  readonly values: (string | number)[];
  resourceCount: number;
  readonly resourceKeys: string[];
  readonly resourceValues: (string | number)[];
}

export function newLeanAttributes(): LeanAttributes {
  return { count: 0, keys: [], values: [], resourceCount: 0, resourceKeys: [], resourceValues: [] };
}

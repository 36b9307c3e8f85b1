/**
 * Nanoseconds to the whole microseconds Jaeger, Zipkin and the Chrome trace format record. Start and
 * end are both rounded down and the duration is their difference, so a span's end stays within a
 * microsecond of the truth (rounding the duration on its own can move the end by up to 2 µs), and
 * rounding preserves order: a child that ends with its parent still does after rounding, which keeps
 * nesting exact in viewers.
 */
import type { Span } from '../../model/span.js';

/** ⌊ns / 1000⌋ as a number (epoch µs stay below 2^53 until the year 2255). */
export function floorMicros(ns: bigint): number {
  const q = ns / 1000n;
  return Number(ns < 0n && q * 1000n !== ns ? q - 1n : q);
}

export interface MicroTiming {
  readonly startUs: number;
  readonly durationUs: number;
  /** Whether rounding lost digits (the start or the end had a sub-microsecond part). */
  readonly lossy: boolean;
}

export function microTiming(startNs: bigint, durationNs: number): MicroTiming {
  const endNs = startNs + BigInt(durationNs);
  const startUs = floorMicros(startNs);
  const endUs = floorMicros(endNs);
  return { startUs, durationUs: endUs - startUs, lossy: startNs % 1000n !== 0n || endNs % 1000n !== 0n };
}

/** A span's times in whole microseconds. */
export function spanMicros(span: Span): MicroTiming {
  return microTiming(span.startNs, span.durationNs);
}

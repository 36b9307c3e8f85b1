import { describe, expect, it } from 'vitest';
import {
  isPlausibleEpochNanos,
  isoFromNanos,
  microsDurationToNanos,
  microsToNanos,
  parseDurationString,
  parseNanos,
  parseRfc3339,
} from '../../src/model/time.js';

describe('time conversions', () => {
  it('keeps epoch microseconds exact in nanoseconds (beyond 2^53)', () => {
    expect(microsToNanos(1700000000123456)).toBe(1700000000123456000n);
    expect(microsToNanos(1.5)).toBe(1500n);
    expect(microsDurationToNanos(0.25)).toBe(250);
  });

  it('reads OTLP int64 nanoseconds as strings or numbers', () => {
    expect(parseNanos('1700000000123456789')).toBe(1700000000123456789n);
    expect(parseNanos(1000)).toBe(1000n);
    expect(parseNanos('12x')).toBeUndefined();
    expect(parseNanos(null)).toBeUndefined();
  });

  it('reads RFC 3339 with a nanosecond fraction and offsets', () => {
    expect(parseRfc3339('2017-01-26T16:46:31.639875Z')).toBe(1485449191639875000n);
    expect(parseRfc3339('2017-01-26T16:46:31.639875123Z')).toBe(1485449191639875123n);
    expect(parseRfc3339('2017-01-26T17:46:31+01:00')).toBe(1485449191000000000n);
    expect(parseRfc3339('yesterday')).toBeUndefined();
  });

  it('reads protobuf-JSON durations', () => {
    expect(parseDurationString('100000ns')).toBe(100000);
    expect(parseDurationString('1.5s')).toBe(1.5e9);
    expect(parseDurationString('0.000250s')).toBe(250_000);
    expect(parseDurationString('0.00000025s')).toBe(250);
    expect(parseDurationString('5 parsecs')).toBeUndefined();
  });

  it('flags times in the wrong unit', () => {
    expect(isPlausibleEpochNanos(1700000000000000000n)).toBe(true);
    expect(isPlausibleEpochNanos(1700000000000n)).toBe(false); // microseconds given as ns
    expect(isPlausibleEpochNanos(163307324868981000n)).toBe(false); // a 15-digit µs value
    expect(isPlausibleEpochNanos(0n)).toBe(false);
  });

  it('writes ISO-8601 with microseconds', () => {
    expect(isoFromNanos(1485449191639875123n)).toBe('2017-01-26T16:46:31.639875Z');
    expect(isoFromNanos(0n)).toBe('1970-01-01T00:00:00.000000Z');
  });
});

describe('isoFromNanos on garbage', () => {
  it('writes a time no Date can hold as its raw count instead of throwing', () => {
    expect(isoFromNanos(10n ** 25n)).toBe('epoch+10000000000000000000000000ns');
    expect(isoFromNanos(-(10n ** 25n))).toBe('epoch+-10000000000000000000000000ns');
  });
});

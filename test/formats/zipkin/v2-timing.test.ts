import { describe, expect, it } from 'vitest';
import { decodeFixture, warning, zipkinSpan } from './decode-fixture.js';

const TRACE = '0562809467078eab';

describe('zipkin v2: timing', () => {
  /*
   * No span timestamp: the annotations say when it ran.
   *   annotations        start(1ms)      retry(4ms)          done(9ms)
   *   span               |==================================|   derived: start 1 ms, 8 ms long
   * With a duration but no timestamp, the earliest annotation starts it and the duration stands.
   */
  it('derives start and duration from the annotations when the timestamp is missing', () => {
    const { spans, warnings } = decodeFixture('v2-missing-timestamp.json');
    expect(warnings).toEqual([]);
    expect(spans).toStrictEqual([
      zipkinSpan({
        traceId: TRACE,
        spanId: '09fdf808ef0d60c0',
        service: 'servicea',
        operation: 'flush',
        kind: 'internal',
        startNs: 1_700_000_000_001_000_000n,
        durationNs: 8_000_000,
        timing: 'derived',
        status: 'unset',
        attributes: {},
        resource: { 'service.name': 'servicea' },
        events: [
          { timeNs: 1_700_000_000_004_000_000n, name: 'retry', attributes: {} },
          { timeNs: 1_700_000_000_001_000_000n, name: 'start', attributes: {} },
          { timeNs: 1_700_000_000_009_000_000n, name: 'done', attributes: {} },
        ],
      }),
      zipkinSpan({
        traceId: TRACE,
        spanId: 'e73d7bc0194a76e0',
        service: 'servicea',
        operation: 'flush',
        kind: 'internal',
        startNs: 1_700_000_000_010_000_000n,
        durationNs: 2_500_000,
        timing: 'derived',
        status: 'unset',
        attributes: {},
        resource: { 'service.name': 'servicea' },
        events: [{ timeNs: 1_700_000_000_010_000_000n, name: 'brave.flush', attributes: {} }],
      }),
    ]);
  });

  it('marks a span with a timestamp but no duration (absent, or 0 which Zipkin means as unset) no-duration', () => {
    const { spans, warnings } = decodeFixture('v2-missing-duration.json');
    expect(warnings).toEqual([]);
    const common = {
      traceId: '6cf5624e3452d1bc202a57dad35921c0',
      parentId: 'd65495313f944801',
      parentType: 'child_of',
      service: 'unknown_service',
      kind: 'internal',
      durationNs: 0,
      timing: 'no-duration',
      status: 'unset',
      attributes: {},
      resource: {},
      events: [],
    } as const;
    expect(spans).toStrictEqual([
      zipkinSpan({ ...common, spanId: 'd5cb70daead478dc', operation: 'kong.header_filter', startNs: 1_700_000_000_864_000_000n }),
      zipkinSpan({ ...common, spanId: '80b8efd52d66af27', operation: 'kong.body_filter', startNs: 1_700_000_000_865_000_000n }),
    ]);
  });

  it('marks a span with neither timestamp nor annotations missing, at 0', () => {
    const { spans, warnings } = decodeFixture('v2-no-time.json');
    expect(warnings).toEqual([]);
    expect(spans).toStrictEqual([
      zipkinSpan({
        traceId: '14b60fd9ae504820',
        spanId: 'a0dc23f22c4fee3f',
        parentId: 'cfcd115a2af18bd9',
        parentType: 'child_of',
        service: 'platformapi',
        operation: 'post',
        kind: 'internal',
        startNs: 0n,
        durationNs: 0,
        timing: 'missing',
        status: 'unset',
        attributes: {},
        resource: { 'service.name': 'platformapi', 'host.ip': '10.104.90.167', 'host.port': 8140 },
        events: [],
        host: '10.104.90.167',
      }),
    ]);
  });

  /*
   * Wrong magnitudes: a 15-digit annotation time, a span timestamp in milliseconds, a negative
   * duration, a duration of ~116 days (seconds written as microseconds?), and a span placed by its
   * annotations where one is 10x too small:
   *   begin(710ms) .... flush(712ms)          end(1975!) ignored for placement: derived, 2 ms
   */
  it('warns about times of the wrong magnitude, drops an annotation without time, bounds durations', () => {
    const { spans, warnings } = decodeFixture('v2-suspect-timestamps.json');
    const root = '4ed11df465275600';
    expect(warnings).toEqual([
      warning('suspect-timestamp', 'annotation "ss" timestamp 170000000068981 µs is not a plausible epoch time', root, root),
      warning('suspect-timestamp', 'annotation "no time" has no timestamp: dropped', root, root),
      warning('suspect-timestamp', 'span timestamp 1700000000678 µs is not a plausible epoch time', root, 'c943743e25dc2cdf'),
      warning('suspect-timestamp', 'negative duration -5000 ns: clamped to 0', root, 'c943743e25dc2cdf'),
      warning('suspect-timestamp', 'duration 10000000000000000 ns is implausibly long: ignored', root, 'd054854f36ed3de0'),
      warning('suspect-timestamp', 'annotation "end" timestamp 170000000071900 µs is not a plausible epoch time', root, 'e165965047fe4ef1'),
    ]);
    expect(spans).toStrictEqual([
      zipkinSpan({
        traceId: root,
        spanId: root,
        service: 'first_service',
        operation: 'get /',
        kind: 'internal',
        startNs: 1_700_000_000_674_949_000n,
        durationNs: 14_861_000,
        timing: 'exact',
        status: 'unset',
        attributes: {},
        resource: { 'service.name': 'first_service', 'host.ip': '10.0.2.15' },
        // v2 annotations without endpoints are plain events, even when named like v1 core annotations
        events: [
          { timeNs: 1_700_000_000_674_949_000n, name: 'sr', attributes: {} },
          { timeNs: 170_000_000_068_981_000n, name: 'ss', attributes: {} },
        ],
        host: '10.0.2.15',
        flags: ['suspect-timestamp'],
      }),
      zipkinSpan({
        traceId: root,
        spanId: 'c943743e25dc2cdf',
        parentId: root,
        parentType: 'child_of',
        service: 'first_service',
        operation: 'millis',
        kind: 'internal',
        startNs: 1_700_000_000_678_000n,
        durationNs: 0,
        timing: 'exact',
        status: 'unset',
        attributes: {},
        resource: { 'service.name': 'first_service' },
        events: [],
        flags: ['suspect-timestamp'],
      }),
      zipkinSpan({
        traceId: root,
        spanId: 'd054854f36ed3de0',
        parentId: root,
        parentType: 'child_of',
        service: 'first_service',
        operation: 'seconds-as-duration',
        kind: 'internal',
        startNs: 1_700_000_000_700_000_000n,
        durationNs: 0,
        timing: 'no-duration',
        status: 'unset',
        attributes: {},
        resource: { 'service.name': 'first_service' },
        events: [],
        flags: ['suspect-timestamp'],
      }),
      zipkinSpan({
        traceId: root,
        spanId: 'e165965047fe4ef1',
        parentId: root,
        parentType: 'child_of',
        service: 'first_service',
        operation: 'no-timestamp',
        kind: 'internal',
        startNs: 1_700_000_000_710_000_000n,
        durationNs: 2_000_000,
        timing: 'derived',
        status: 'unset',
        attributes: {},
        resource: { 'service.name': 'first_service' },
        events: [
          { timeNs: 1_700_000_000_710_000_000n, name: 'begin', attributes: {} },
          { timeNs: 170_000_000_071_900_000n, name: 'end', attributes: {} },
          { timeNs: 1_700_000_000_712_000_000n, name: 'flush', attributes: {} },
        ],
        flags: ['suspect-timestamp'],
      }),
    ]);
  });
});

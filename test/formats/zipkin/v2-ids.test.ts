import { describe, expect, it } from 'vitest';
import { decodeFixture, zipkinSpan } from './decode-fixture.js';

describe('zipkin v2: ids', () => {
  it('pads ids whose leading zeros the producer dropped (1-char and 15-char ids)', () => {
    const { spans, warnings } = decodeFixture('v2-stripped-zero-ids.json');
    expect(warnings).toEqual([]);
    expect(spans).toStrictEqual([
      zipkinSpan({
        traceId: 'bd7a974555f6b982bd71977555f6b981',
        spanId: '0000000000000002',
        parentId: '0000000000000001',
        parentType: 'child_of',
        service: 'foo',
        operation: 'foo',
        kind: 'client',
        startNs: 1_700_000_000_000_000_000n,
        durationNs: 10_000,
        timing: 'exact',
        status: 'unset',
        attributes: {},
        resource: { 'service.name': 'foo' },
        events: [],
      }),
      zipkinSpan({
        traceId: '091f00370361e578',
        spanId: '188bb8428fc7e477',
        parentId: '0c26551047c72d19',
        parentType: 'child_of',
        service: 'schemas-service',
        operation: 'send',
        kind: 'producer',
        startNs: 1_700_000_000_000_000_000n,
        durationNs: 9_550_570_000,
        timing: 'exact',
        status: 'unset',
        attributes: {},
        resource: { 'service.name': 'schemas-service' },
        events: [],
      }),
    ]);
  });

  it('shortens a 128-bit trace id with a zero high half, lower-cases ids, and reads an all-zero parent as none', () => {
    const { spans, warnings } = decodeFixture('v2-128bit-zero-high.json');
    expect(warnings).toEqual([]);
    expect(spans).toStrictEqual([
      zipkinSpan({
        traceId: '5b759b9624efee8b',
        spanId: 'a0dc23f22c4fee3f',
        service: 'svc',
        operation: 'root',
        kind: 'server',
        startNs: 1_700_000_000_000_000_000n,
        durationNs: 100_000,
        timing: 'exact',
        status: 'unset',
        attributes: {},
        resource: { 'service.name': 'svc' },
        events: [],
      }),
      zipkinSpan({
        traceId: '5b759b9624efee8b',
        spanId: 'b0dc23f22c4fee3f',
        parentId: 'a0dc23f22c4fee3f',
        parentType: 'child_of',
        service: 'svc',
        operation: 'child',
        kind: 'internal',
        startNs: 1_700_000_000_000_010_000n,
        durationNs: 50_000,
        timing: 'exact',
        status: 'unset',
        attributes: {},
        resource: { 'service.name': 'svc' },
        events: [],
      }),
    ]);
  });
});

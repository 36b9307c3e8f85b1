import { describe, expect, it } from 'vitest';
import type { Span } from '../../../src/model/span.js';
import { decodeFixture } from './frame.js';

describe('otlp decoder: ids', () => {
  it('reads lower-case hex ids, a parent, the scope and the resource (scope-spans-hex.json)', () => {
    const resource = { 'service.name': 'checkout', 'host.name': 'node-1', 'deployment.environment': 'prod' };
    const scope = { 'otel.scope.name': 'io.opentelemetry.http', 'otel.scope.version': '1.2.0' };
    //   POST /checkout  |=========================|   0 .. 250 ms
    //   charge            |===================|       10 .. 200 ms
    const expected: Span[] = [
      {
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
        spanId: '00f067aa0ba902b7',
        refs: [],
        service: 'checkout',
        operation: 'POST /checkout',
        kind: 'server',
        startNs: 1_700_000_000_000_000_000n,
        durationNs: 250_000_000,
        timing: 'exact',
        status: 'ok',
        attributes: { 'http.request.method': 'POST', ...scope },
        resource,
        events: [],
        host: 'node-1',
        format: 'otlp',
      },
      {
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
        spanId: '53995c3f42cd8ad8',
        parentId: '00f067aa0ba902b7',
        parentType: 'child_of',
        refs: [],
        service: 'checkout',
        operation: 'charge',
        kind: 'client',
        startNs: 1_700_000_000_010_000_000n,
        durationNs: 190_000_000,
        timing: 'exact',
        status: 'unset',
        attributes: scope,
        resource,
        events: [],
        host: 'node-1',
        format: 'otlp',
      },
    ];
    expect(decodeFixture('scope-spans-hex.json')).toStrictEqual({ spans: expected, warnings: [] });
  });

  it('lower-cases UPPERCASE hex ids (the official OTLP example writes them so)', () => {
    expect(decodeFixture('uppercase-hex-ids.json')).toStrictEqual({
      spans: [
        {
          traceId: '5b8efff798038103d269b633813fc60c',
          spanId: 'eee19b7ec3c1b174',
          parentId: 'eee19b7ec3c1b173',
          parentType: 'child_of',
          refs: [],
          service: 'my.service',
          operation: "I'm a server span",
          kind: 'server',
          startNs: 1_544_712_660_000_000_000n,
          durationNs: 1_000_000_000,
          timing: 'exact',
          status: 'unset',
          attributes: { 'otel.scope.name': 'my.library' },
          resource: { 'service.name': 'my.service' },
          events: [],
          format: 'otlp',
        },
      ],
      warnings: [],
    });
  });

  it('decodes base64 ids (Tempo, protobuf-JSON writers), shortening a 128-bit id with a zero high half', () => {
    const common = {
      refs: [],
      service: 'tns-app',
      kind: 'unspecified',
      startNs: 1_700_000_000_000_000_000n,
      timing: 'exact',
      status: 'unset',
      attributes: {},
      resource: { 'service.name': 'tns-app' },
      events: [],
      format: 'otlp',
    } as const;
    expect(decodeFixture('base64-ids.json')).toStrictEqual({
      spans: [
        {
          ...common,
          traceId: '0af7651916cd43dd8448eb211c80319c', // CvdlGRbNQ92ESOshHIAxnA==
          spanId: 'b7ad6b7169203331', // t61rcWkgMzE=
          parentId: '00f067aa0ba902b7', // APBnqgupArc=
          parentType: 'child_of',
          operation: 'HTTP GET',
          durationNs: 1_000_000,
        },
        {
          ...common,
          traceId: '5b759b9624efee8b', // AAAAAAAAAABbdZuWJO/uiw==
          spanId: '53995c3f42cd8ad8', // U5lcP0LNitg=
          operation: 'HTTP POST',
          durationNs: 2_000_000,
        },
      ],
      warnings: [],
    });
  });

  it('treats parentSpanId "" and all zeros as a root', () => {
    const common = {
      traceId: 'c620759e5d60fafb8ee0922b30e06bc6',
      refs: [],
      service: 'example-trace',
      kind: 'internal',
      timing: 'exact',
      status: 'unset',
      attributes: {},
      resource: { 'service.name': 'example-trace' },
      events: [],
      format: 'otlp',
    } as const;
    expect(decodeFixture('empty-parent-id.json')).toStrictEqual({
      spans: [
        {
          ...common,
          spanId: '49b8e9efa1e8a3b1',
          operation: 'main',
          startNs: 1_711_138_246_940_000_000n,
          durationNs: 176_321_958,
        },
        {
          ...common,
          spanId: '26f5ef9dbb885479',
          operation: 'zero parent',
          startNs: 1_711_138_246_978_000_000n,
          durationNs: 46_460_625,
        },
      ],
      warnings: [],
    });
  });

  it('turns links into refs, keeps their attributes, and drops a link with bogus ids with a warning', () => {
    const at = { file: 'links.json', traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' };
    expect(decodeFixture('links.json')).toStrictEqual({
      spans: [
        {
          traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
          spanId: '00f067aa0ba902b7',
          refs: [
            {
              type: 'link',
              traceId: '0af7651916cd43dd8448eb211c80319c',
              spanId: 'b7ad6b7169203331',
              attributes: { 'messaging.message.id': 'm-1' },
            },
            { type: 'link', traceId: '0af7651916cd43dd8448eb211c80319c', spanId: '53995c3f42cd8ad8' },
          ],
          service: 'worker',
          operation: 'process batch',
          kind: 'consumer',
          startNs: 1_700_000_000_000_000_000n,
          durationNs: 9_000_000,
          timing: 'exact',
          status: 'unset',
          attributes: {},
          resource: { 'service.name': 'worker' },
          events: [],
          flags: ['invalid-id'],
          format: 'otlp',
        },
      ],
      warnings: [
        { code: 'invalid-id', message: 'link 2: invalid traceId "traceId": link dropped', ...at },
        { code: 'invalid-id', message: 'link 3: no spanId: link dropped', ...at },
      ],
    });
  });
});

/**
 * `why` reads Zipkin v2 spans with the fast reader, attributes on (byte-runs.ts readByteRunAttributes),
 * and counts them without a Span each (WhyAnalysis.addLean). Its result must be the one of the
 * ordinary reading (TRACECTL_FAST=0: JSON.parse and decodeV2Span) on every Zipkin input: the
 * planted dumps, the Zipkin fixtures, and a dump of every variant (v1 and v2 spans, tags that are
 * numbers and booleans, shared spans, ports, malformed values that go the ordinary way).
 */
import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WhyAnalysis } from '../../src/analyses/why/why-analysis.js';
import { fixture, runCli, type CliResult } from '../helpers/cli.js';
import { plantedDump, type Cause } from '../helpers/why-planted.js';

const RULES = [['--slow'], ['--errors'], ['--slow', 'p50'], ['--slow', '>500ms']];
/** The planted dumps' spans are all faster than the fixed threshold: the rules that split them. */
const PLANTED_RULES = RULES.slice(0, 3);

afterEach(() => {
  vi.restoreAllMocks();
});

/** The run with the fast reader and without; returns the first and how many spans it counted fast. */
async function both(args: string[], input?: string): Promise<{ result: CliResult; fast: number }> {
  const spy = vi.spyOn(WhyAnalysis.prototype, 'addLean');
  const fast = await runCli(['why', ...args, '--json'], input === undefined ? {} : { input });
  const taken = spy.mock.calls.length;
  spy.mockClear();
  const ordinary = await runCli(['why', ...args, '--json'], { env: { TRACECTL_FAST: '0' }, ...(input === undefined ? {} : { input }) });
  expect(spy.mock.calls.length).toBe(0);
  expect(fast).toEqual(ordinary);
  return { result: fast, fast: taken };
}

describe('why on Zipkin: the fast reader gives the ordinary reading', () => {
  it.each((['text', 'resource', 'bool', 'number', 'errors'] as Cause[]).flatMap((cause) => PLANTED_RULES.map((rule) => ({ cause, rule }))))(
    'planted $cause cause, why $rule',
    async ({ cause, rule }) => {
      const v2 = await both(['-', ...rule], plantedDump(cause, 'zipkin'));
      expect(v2.result.status).toBe(0);
      expect(v2.fast).toBe(1600);
      const v1 = await both(['-', ...rule], plantedDump(cause, 'zipkin-v1'));
      expect(v1.result.status).toBe(0);
      expect(v1.fast).toBe(0);
    },
  );

  const FIXTURES = readdirSync(fixture('zipkin')).filter((f) => f.endsWith('.json'));

  it.each(FIXTURES.flatMap((file) => RULES.map((rule) => ({ file, rule }))))('fixtures/zipkin/$file, why $rule', async ({ file, rule }) => {
    await both([fixture(`zipkin/${file}`), ...rule]);
  });

  it.each(RULES.map((rule) => ({ rule })))('every variant in one dump, why $rule', async ({ rule }) => {
    const { result, fast } = await both(['-', ...rule], variants());
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).attributes.length).toBeGreaterThan(0);
    expect(fast).toBeGreaterThan(300);
  });
});

/** 400 spans: most as Zipkin writes them, the rest each odd in some way the fast reader must match or leave. */
function variants(): string {
  const spans: unknown[] = [];
  const ts = 1700000801911742;
  for (let i = 0; i < 400; i++) {
    const slow = i % 5 === 0;
    const hex = (n: number): string => (i + 1).toString(16).padStart(n, '0');
    const span: Record<string, unknown> = {
      traceId: `${hex(16)}${hex(16)}`,
      id: hex(16),
      ...(i % 4 === 0 ? {} : { parentId: (i >> 2).toString(16).padStart(16, '0') }),
      kind: ['SERVER', 'CLIENT', 'PRODUCER', undefined][i % 4],
      name: ['get /a', 'get /b', 'ünïcode op'][i % 3],
      timestamp: ts + i * 1000,
      duration: slow ? 900_000 + i : 10_000 + ((i * 37) % 5000),
      localEndpoint: { serviceName: ['api', 'db', ''][i % 3], ipv4: `10.0.0.${i % 7}`, ...(i % 2 === 0 ? { port: 8080 + (i % 3) } : {}) },
      tags: {
        'http.status_code': slow ? 503 : 200,
        cached: i % 3 === 0,
        ratio: (i % 10) / 4,
        replica: slow ? 'replica-2' : `replica-${i % 3}`,
        'request.id': `r${i}`,
        ...(i % 7 === 0 ? { error: 'boom' } : {}),
        ...(i % 11 === 0 ? { 'peer.service': 'tagged' } : {}),
      },
    };
    if (i % 6 === 1) span.remoteEndpoint = { serviceName: 'cache', ipv6: '::1', port: i % 12 === 1 ? 6379 : 0 };
    if (i % 9 === 2) span.shared = true;
    if (i % 13 === 3) (span.tags as Record<string, unknown>)['bad'] = null; // left out with a warning
    if (i % 17 === 4) (span.tags as Record<string, unknown>)['2nd'] = 'digit';
    if (i % 19 === 5) span.binaryAnnotations = [{ key: 'v1', value: 'x', endpoint: { serviceName: 'api' } }];
    if (i % 23 === 6) span.duration = 0;
    if (i % 29 === 7) span.annotations = [{ timestamp: ts + i * 1000 + 5, value: 'retry' }];
    spans.push(span);
  }
  return JSON.stringify(spans);
}

/**
 * `tracectl record` with the real OpenTelemetry JS SDK as the client: an instrumented program
 * (fixtures/record/instrumented-app.mjs: frontend -> cart -> payment over HTTP on 127.0.0.1, each
 * service with its own tracer provider) is run under `tracectl record -- node app.mjs`. Its
 * exporters find the receiver only through the environment tracectl sets. The program also keeps
 * every span in an in-memory exporter and writes them out; the dump must hold exactly those spans.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSpans } from '../../src/input/read-spans.js';
import type { Span } from '../../src/model/span.js';
import { WarningLog } from '../../src/model/warning-log.js';
import { fixture, runCli } from '../helpers/cli.js';


interface ExpectedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  service: string;
  resource: Record<string, unknown>;
  scope: string;
  name: string;
  kind: number;
  startNs: string;
  endNs: string;
  status: { code: number; message?: string };
  attributes: Record<string, unknown>;
  events: { name: string; timeNs: string; attributes: Record<string, unknown> }[];
}

/** What the SDK exported, in tracectl's normalized terms. */
interface Comparable {
  traceId: string;
  spanId: string;
  parentId: string | undefined;
  service: string;
  operation: string;
  kind: string;
  startNs: bigint;
  durationNs: number;
  status: string;
  statusMessage?: string | undefined;
  attributes?: Record<string, unknown>;
  resource?: Record<string, unknown>;
  events?: { name: string; timeNs: bigint; attributes: Record<string, unknown> }[];
}

const SDK_KINDS = ['internal', 'server', 'client', 'producer', 'consumer'];
const SDK_STATUS = ['unset', 'ok', 'error'];
const APP = fixture('record/instrumented-app.mjs');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tracectl-record-sdk-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function expectedOf(file: string): ExpectedSpan[] {
  return JSON.parse(readFileSync(file, 'utf8')) as ExpectedSpan[];
}

function fromSdk(s: ExpectedSpan, detail: 'full' | 'zipkin'): Comparable {
  const start = BigInt(s.startNs);
  const end = BigInt(s.endNs);
  const status = SDK_STATUS[s.status.code] ?? 'unset';
  if (detail === 'zipkin') {
    // Zipkin carries microseconds: the exporter rounds the start and the duration to them.
    const startUs = (start + 500n) / 1000n;
    const durationUs = Math.round(Number(end - start) / 1000);
    return { traceId: s.traceId, spanId: s.spanId, parentId: s.parentSpanId, service: s.service, operation: s.name, kind: zipkinKind(s.kind), startNs: startUs * 1000n, durationNs: durationUs * 1000, status };
  }
  return {
    traceId: s.traceId,
    spanId: s.spanId,
    parentId: s.parentSpanId,
    service: s.service,
    operation: s.name,
    kind: SDK_KINDS[s.kind] ?? '?',
    startNs: start,
    durationNs: Number(end - start),
    status,
    statusMessage: s.status.message,
    attributes: { ...s.attributes, 'otel.scope.name': s.scope, 'otel.scope.version': '1.0.0' },
    resource: s.resource,
    events: s.events.map((e) => ({ name: e.name, timeNs: BigInt(e.timeNs), attributes: e.attributes })),
  };
}

/** Zipkin has no INTERNAL kind: the exporter leaves it out, and a kindless Zipkin span reads as a local (internal) one. */
function zipkinKind(kind: number): string {
  return SDK_KINDS[kind] ?? '?';
}

function fromDump(s: Span, detail: 'full' | 'zipkin'): Comparable {
  const base = { traceId: s.traceId, spanId: s.spanId, parentId: s.parentId, service: s.service, operation: s.operation, kind: s.kind, startNs: s.startNs, durationNs: s.durationNs, status: s.status };
  if (detail === 'zipkin') return base;
  return {
    ...base,
    statusMessage: s.statusMessage,
    attributes: { ...s.attributes },
    resource: { ...s.resource },
    events: s.events.map((e) => ({ name: e.name, timeNs: e.timeNs, attributes: { ...e.attributes } })),
  };
}

async function dumpSpans(file: string): Promise<Span[]> {
  const spans: Span[] = [];
  const warnings = new WarningLog();
  await readSpans([file], (s) => spans.push(s), { stdin: process.stdin, warnings });
  expect(warnings.list).toEqual([]);
  return spans;
}

const byId = (a: Comparable, b: Comparable): number => (a.spanId < b.spanId ? -1 : a.spanId > b.spanId ? 1 : 0);

async function recordApp(name: string, args: string[], env: Readonly<Record<string, string | undefined>>): Promise<{ dump: string; expected: string; stderr: string; status: number | null }> {
  const dump = join(dir, `${name}.jsonl`);
  const expected = join(dir, `${name}-expected.json`);
  const result = await runCli(['record', '-o', dump, '--port', '0', '--grace', '0.2', ...args, '--', process.execPath, APP], {
    env: { APP_EXPECTED: expected, ...env },
  });
  return { dump, expected, stderr: result.stderr, status: result.status };
}

describe.each([
  { exporter: 'OTLP/HTTP protobuf', args: [], env: {}, detail: 'full' as const, summary: /^tracectl record: 24 spans in \d+ requests \(OTLP protobuf \d+\) written to / },
  { exporter: 'OTLP/HTTP JSON', args: ['--protocol', 'json'], env: {}, detail: 'full' as const, summary: /^tracectl record: 24 spans in \d+ requests \(OTLP JSON \d+\) written to / },
  { exporter: 'Zipkin', args: [], env: { APP_EXPORTER: 'zipkin' }, detail: 'zipkin' as const, summary: /^tracectl record: 24 spans in \d+ requests \(Zipkin \d+\) written to / },
])('record with the OpenTelemetry JS SDK, $exporter exporter', ({ exporter, args, env, detail, summary }) => {
  it('the dump holds exactly the spans the SDK exported', async () => {
    const run = await recordApp(exporter.replace(/\W+/g, '-'), args, env);
    expect(run.status).toBe(0);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^tracectl record: receiving OTLP\/HTTP on http:\/\/127\.0\.0\.1:\d+\/v1\/traces and Zipkin on http:\/\/127\.0\.0\.1:\d+\/api\/v2\/spans$/);
    expect(lines[1]).toMatch(summary);
    expect(lines).toHaveLength(2);

    const expected = expectedOf(run.expected).map((s) => fromSdk(s, detail)).sort(byId);
    const actual = (await dumpSpans(run.dump)).map((s) => fromDump(s, detail)).sort(byId);
    expect(expected).toHaveLength(24); // 4 requests x 6 spans
    expect(actual).toEqual(expected);
  });
});

describe('record, then analyse', () => {
  it('the recorded dump reads like any other: 4 traces of 6 spans over 3 services, one failed checkout', async () => {
    const run = await recordApp('analyse', [], {});
    expect(run.status).toBe(0);
    const listed = await runCli(['traces', run.dump, '--json', '--no-adjust']);
    expect(listed.status).toBe(0);
    const traces = (JSON.parse(listed.stdout) as { traces: { rootService: string; rootOperation: string; spans: number; services: number; errors: number }[] }).traces;
    expect(traces.map((t) => [t.rootService, t.rootOperation, t.spans, t.services, t.errors])).toEqual([
      ['frontend', 'GET /buy', 6, 3, 0],
      ['frontend', 'GET /buy', 6, 3, 0],
      ['frontend', 'GET /buy', 6, 3, 5],
      ['frontend', 'GET /buy', 6, 3, 0],
    ]);
  });

  it("exits with the command's exit code, and still writes the dump", async () => {
    const run = await recordApp('exit-code', [], { APP_EXIT_CODE: '4' });
    expect(run.status).toBe(4);
    expect(await dumpSpans(run.dump)).toHaveLength(24);
  });
});

describe('under concurrent load from several exporters', () => {
  it('loses no span: 6 programs x 3 providers, protobuf, JSON and Zipkin at once, small batches', async () => {
    const dump = join(dir, 'load.jsonl');
    const expectedDir = mkdtempSync(join(dir, 'load-'));
    const result = await runCli(['record', '-o', dump, '--port', '0', '--grace', '0.3', '--', process.execPath, fixture('record/run-parallel.mjs')], {
      env: { APP_INSTANCES: '6', APP_REQUESTS: '40', APP_PARALLEL: '8', APP_BATCH: '7', APP_EXPECTED_DIR: expectedDir },
    });
    expect(result.status).toBe(0);
    const expected: Comparable[] = [];
    for (let i = 0; i < 6; i++) {
      const detail = i % 3 === 2 ? 'zipkin' : 'full';
      expected.push(...expectedOf(join(expectedDir, `expected-${i}.json`)).map((s) => fromSdk(s, detail)));
    }
    const spans = await dumpSpans(dump);
    const kinds = new Map<string, 'full' | 'zipkin'>();
    for (let i = 0; i < 6; i++) for (const s of expectedOf(join(expectedDir, `expected-${i}.json`))) kinds.set(s.spanId, i % 3 === 2 ? 'zipkin' : 'full');
    const actual = spans.map((s) => fromDump(s, kinds.get(s.spanId) ?? 'full'));
    expect(expected).toHaveLength(6 * 40 * 6);
    expect(actual.length).toBe(expected.length);
    expect(actual.sort(byId)).toEqual(expected.sort(byId));
    // Many requests really were in flight: batches of 7 from 18 providers.
    const requests = Number(/in (\d+) requests/.exec(result.stderr)?.[1]);
    expect(requests).toBeGreaterThan(6 * 3 * 5);
  });
});

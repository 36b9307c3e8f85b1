/**
 * Every real dump in ../shared/real-traces converted to every wire format, and back to its own
 * format: `traces`, `critical-path` (per trace, and over the dump by root) and `latency` (entry
 * spans by service, every span by operation) give the same results as the original dump.
 *
 * What may legitimately differ, and nothing else (expectedAfter in test/helpers/convert.ts builds
 * the original "as the formats on the way leave it", and the results are compared exactly):
 * - through Jaeger or Zipkin (microsecond formats), every span's start and end are rounded down to
 *   the microsecond, and through Zipkin a positive duration is at least 1 µs; every `…Ms` number,
 *   share, rate and window derived from them follows. Only dumps with sub-microsecond times (the
 *   OTLP ones) are affected; Jaeger and Zipkin dumps come back identical.
 * - through Zipkin, a FOLLOWS_FROM parent becomes a plain parent (Zipkin has no reference types).
 *   No real dump has one that is a span's only parent reference, so none is affected.
 * Zipkin's shared client/server ids come back as pairs (the same id, client and server kinds) in
 * every format, so the trees, and every count, id, name and error, are the same.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chromeEncoder } from '../../src/formats/chrome/encode.js';
import type { WireTarget } from '../../src/formats/encode/contract.js';
import { speedscopeEncoder } from '../../src/formats/speedscope/encode.js';
import { analysisResults, buildTraces, encodeAll, encodeWire, expectedAfter, readGroups, readGroupsFromFile } from '../helpers/convert.js';
import { runCli } from '../helpers/cli.js';
import { EXPECTED_DUMPS, REAL } from '../helpers/real-dumps.js';
import { chromeProblems, speedscopeProblems } from '../helpers/view-checks.js';

const TARGETS: readonly WireTarget[] = ['jaeger', 'zipkin', 'otlp', 'otlp-jsonl'];

function sourceFormat(dir: string): WireTarget {
  if (dir === 'jaeger') return 'jaeger';
  return dir.startsWith('zipkin') ? 'zipkin' : 'otlp';
}

const dumps: { file: string; format: WireTarget }[] = EXPECTED_DUMPS.map((file) => ({ file, format: sourceFormat(file.split('/')[0]!) }));

describe('convert: real dumps through every format and back', () => {
  it('covers every dump in the folder', () => {
    expect(dumps.length).toBeGreaterThanOrEqual(45);
  });

  for (const { file, format } of dumps) {
    it(`${file}`, async () => {
      const original = await readGroupsFromFile(join(REAL, file));
      for (const target of TARGETS) {
        const once = await readGroups(encodeWire(target, original));
        const back = await readGroups(encodeWire(format, once));
        expect(analysisResults(once), `${file} as ${target}`).toEqual(analysisResults(expectedAfter(original, [target])));
        expect(analysisResults(back), `${file} as ${target} and back`).toEqual(analysisResults(expectedAfter(original, [target, format])));
      }
    });
  }

  it('only the dumps with sub-microsecond times change at all, and only in time-derived numbers', async () => {
    const changed: string[] = [];
    for (const { file, format } of dumps) {
      const original = await readGroupsFromFile(join(REAL, file));
      const results = analysisResults(original);
      const viaJaeger = analysisResults(await readGroups(encodeWire(format, await readGroups(encodeWire('jaeger', original)))));
      if (JSON.stringify(viaJaeger) !== JSON.stringify(results)) {
        changed.push(file);
        // Same traces, ids, names, counts and errors: only durations moved.
        const strip = (r: typeof results): unknown => r.traces.map(({ durationMs: _d, ...rest }) => rest);
        expect(strip(viaJaeger), file).toEqual(strip(results));
      }
    }
    expect(changed).toEqual([
      'otlp/jaeger-ui__otlp2jaeger-multi-in-combined.json',
      'otlp/otel-tui__test_data.filtered.jsonl',
      'otlp/tempo__trace-with-expired-edges.json',
      'otlp/tempo__trace-with-failed-requests.json',
      'otlp/tempo__trace-with-queue-database.json',
      'otlp/tempo__trace-with-virtual-nodes.json',
    ]);
  });
});

describe('convert: real dumps as timelines', () => {
  for (const { file } of dumps) {
    it(`${file}: a valid Chrome trace and a valid speedscope file, every span in them`, async () => {
      const traces = buildTraces(await readGroupsFromFile(join(REAL, file)));
      const spans = traces.reduce((n, t) => n + t.nodes.length, 0);
      const chrome = JSON.parse(encodeAll(chromeEncoder({ exporter: 'test' }), traces)) as { traceEvents: { ph: string }[] };
      expect(chromeProblems(chrome)).toEqual([]);
      expect(chrome.traceEvents.filter((e) => e.ph === 'X')).toHaveLength(spans);
      const speedscope = JSON.parse(encodeAll(speedscopeEncoder({ exporter: 'test', name: file }), traces)) as { profiles: { events: { type: string }[] }[] };
      expect(speedscopeProblems(speedscope)).toEqual([]);
      expect(speedscope.profiles.reduce((n, p) => n + p.events.filter((e) => e.type === 'O').length, 0)).toBe(spans);
    });
  }
});

/** The CLI's own JSON, without the warnings (a Zipkin span of 0 µs, for one, reads back as "no duration"). */
async function cliJson(args: string[]): Promise<unknown> {
  const r = await runCli([...args, '--json']);
  expect(r.status, r.stderr).toBe(0);
  const { warnings: _w, warningCounts: _c, ...rest } = JSON.parse(r.stdout) as Record<string, unknown>;
  return rest;
}

describe('convert: the commands themselves agree, through the CLI', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'tracectl-real-convert-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const picks = [
    'otlp/otel-tui__test_data.filtered.jsonl',
    'tempo/tempo__test-sample.json',
    'jaeger/jaeger__ui_01.json',
    'zipkin-v2/zipkin__smartthings-oauth-authorization.json',
    'zipkin-v1/opentelemetry-collector__zipkin_v1_multiple_batches.json',
  ];
  for (const file of picks) {
    const format = sourceFormat(file.split('/')[0]!);
    for (const target of TARGETS) {
      it(`${file} → ${target} → ${format}`, async () => {
        const via = join(tmp, `${file.replace('/', '_')}.${target}`);
        const back = `${via}.back`;
        expect((await runCli(['convert', join(REAL, file), '--to', target, '-o', via, '-q'])).status).toBe(0);
        expect((await runCli(['convert', via, '--to', format, '-o', back, '-q'])).status).toBe(0);
        // The reference: the original as the formats on the way leave it, written losslessly as OTLP.
        const reference = `${via}.expected.json`;
        writeFileSync(reference, encodeWire('otlp', expectedAfter(await readGroupsFromFile(join(REAL, file)), [target, format])));
        for (const command of [['traces'], ['critical-path', '--by-root'], ['latency'], ['latency', '--by', 'operation', '--all-spans']]) {
          expect(await cliJson([...command, back]), command.join(' ')).toEqual(await cliJson([...command, reference]));
        }
      });
    }
  }
});

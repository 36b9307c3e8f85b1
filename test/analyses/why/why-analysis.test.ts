import { describe, expect, it } from 'vitest';
import { bucketEdgeNs, durationBucket } from '../../../src/analyses/why/duration-buckets.js';
import { STATUS_KEYS, type KeyFilterOptions } from '../../../src/analyses/why/key-filter.js';
import { WhyAnalysis, type WhyOptions } from '../../../src/analyses/why/why-analysis.js';
import type { Span } from '../../../src/model/span.js';
import { nearestRank } from '../../../src/analyses/percentile.js';
import { NOISE_KEYS, plantedGroups } from '../../helpers/why-planted.js';
import { makeSpan } from '../../helpers/make-span.js';

const NO_FILTER: KeyFilterOptions = { selectionFields: [{ scope: 'intrinsic', key: 'duration' }], baselineFields: [] };

function spansOf(cause: Parameters<typeof plantedGroups>[0], traces?: number): Span[] {
  return plantedGroups(cause, traces).flatMap((g) => [...g.spans]);
}

function analyse(spans: readonly Span[], options: Partial<WhyOptions> = {}): WhyAnalysis {
  const analysis = new WhyAnalysis({ rule: { by: 'slow', percentile: 90 }, filter: NO_FILTER, top: 10, ...options });
  for (const s of spans) analysis.add(s, s.durationNs);
  return analysis;
}

describe('why: planted causes', () => {
  it.each(['text', 'resource', 'bool', 'number'] as const)('the planted %s cause ranks first; the confounder below it; noise nowhere', (cause) => {
    const result = analyse(spansOf(cause)).result();
    const first = result.attributes[0]!;
    const planted = { text: ['db.replica', '=', 'replica-2'], resource: ['host.ip', '=', '10.0.0.7'], bool: ['cache.hit', '=', 'false'], number: ['payload.bytes', '>=', '1500000'] }[cause];
    expect([first.key, first.op, first.value]).toEqual(planted);
    expect(first.score).toBeGreaterThan(0.6);
    const shard = result.attributes.find((f) => f.key === 'shard' && f.value === 's-hot');
    if (shard !== undefined) expect(shard.score).toBeLessThan(first.score / 2);
    expect(result.attributes.filter((f) => NOISE_KEYS.includes(f.key))).toEqual([]);
    expect(result.skipped).toContainEqual({ key: 'request.id', scope: 'span', reason: 'every value is unique' });
    expect(result.skipped).toContainEqual({ key: 'duration', scope: 'intrinsic', reason: 'defines the selection' });
  });

  it('an attribute with no effect scores 0 for every one of its values', () => {
    const result = analyse(spansOf('text'), { filter: { ...NO_FILTER, only: ['noise.bucket', 'customer.id'] }, top: 1000 }).result();
    expect(result.candidates).toBeGreaterThan(250);
    expect(result.attributes).toEqual([]);
  });

  it('errors: the planted flag first; the status and the attributes it is read from are skipped', () => {
    const analysis = new WhyAnalysis({ rule: { by: 'errors' }, filter: { selectionFields: STATUS_KEYS, baselineFields: [] }, top: 5 });
    const spans = spansOf('errors').map((s) => (s.status === 'error' ? { ...s, attributes: { ...s.attributes, error: true } } : s));
    for (const s of spans) analysis.add(s, s.durationNs);
    const result = analysis.result();
    expect(result.attributes[0]).toMatchObject({ key: 'feature.flag', value: 'beta', scope: 'span' });
    expect(result.skipped.filter((s) => s.reason === 'defines the selection').map((s) => s.key)).toEqual(['status', 'error']);
    expect(result.selection).toEqual({ spans: spans.filter((s) => s.status === 'error').length, rule: 'status = error', by: 'errors' });
    expect(result.baseline.rule).toBe('status != error');
  });
});

describe('why --slow pN: the threshold', () => {
  it('is the nearest-rank pN rounded down to three significant digits, and the selection is exactly the spans at or above it', () => {
    const spans = spansOf('text', 400);
    const result = analyse(spans).result();
    const durations = spans.map((s) => s.durationNs).sort((a, b) => a - b);
    const threshold = bucketEdgeNs(durationBucket(nearestRank(durations, 90)));
    expect(result.selection.thresholdMs).toBe(threshold / 1e6);
    expect(result.selection.spans).toBe(spans.filter((s) => s.durationNs >= threshold).length);
    expect(result.baseline.spans).toBe(spans.length - result.selection.spans);
    expect(result.selection.rule).toMatch(/^duration >= \d+(\.\d+)?(ms|us|s|ns)$/);
  });

  it('with odd durations: p50 of 1.2345ms, 2.3456ms, 3.4567ms is 2.3456ms, rounded down to 2.34ms', () => {
    const spans = [1_234_500, 2_345_600, 3_456_700].map((ns, i) => makeSpan({ id: String(i + 1), start: 0, dur: ns / 1e6 }));
    const result = analyse(spans, { rule: { by: 'slow', percentile: 50 } }).result();
    expect(result.selection).toEqual({ spans: 2, rule: 'duration >= 2.34ms', by: 'slow', percentile: 50, thresholdMs: 2.34 });
    expect(result.baseline).toEqual({ spans: 1, rule: 'duration < 2.34ms', by: 'rest' });
  });

  it('spans without a duration are in neither side', () => {
    const spans = [makeSpan({ id: '1', start: 0, dur: 1 }), makeSpan({ id: '2', start: 0, dur: 5 }), makeSpan({ id: '3', start: 0, dur: 0, timing: 'missing' })];
    const result = analyse(spans, { rule: { by: 'slow', aboveNs: 2e6, inclusive: false } }).result();
    expect(result.selection.spans).toBe(1);
    expect(result.baseline.spans).toBe(1);
    expect(result.compared).toEqual({ spans: 3, rule: null, untimedSpans: 1, otherSpans: 0 });
    expect(result.selection.rule).toBe('duration > 2ms');
    expect(result.baseline.rule).toBe('duration <= 2ms');
  });

  it('with --baseline: the baseline is the spans that match it and are not slow; the rest are in neither side', () => {
    const spans = spansOf('text', 400);
    const analysis = new WhyAnalysis({ rule: { by: 'slow', percentile: 90 }, filter: NO_FILTER, top: 5, baseline: 'kind = server' });
    for (const s of spans) analysis.add(s, s.durationNs, false, s.kind === 'server');
    const result = analysis.result();
    const slow = spans.filter((s) => s.durationNs >= result.selection.thresholdMs! * 1e6);
    expect(result.selection.spans).toBe(slow.length);
    expect(result.baseline.spans).toBe(spans.filter((s) => s.kind === 'server' && !slow.includes(s)).length);
    expect(result.compared.otherSpans).toBe(spans.length - result.selection.spans - result.baseline.spans);
    expect(result.baseline).toMatchObject({ rule: 'kind = server and duration < ' + result.selection.rule.slice('duration >= '.length), by: 'expression' });
  });
});

describe('why --slow pN with a small fine budget: the interval narrows around the estimate', () => {
  it('gives the result of unbounded counting when the pN stays inside the interval', () => {
    const spans = spansOf('text');
    const unbounded = analyse(spans).result();
    const narrow = analyse(spans, { fineBudget: 200 }).result();
    expect(narrow).toEqual(unbounded);
  });

  it('merged from threads that narrowed on their own, gives the same result', () => {
    const spans = spansOf('number');
    const one = analyse(spans).result();
    const parts = [0, 1].map(() => new WhyAnalysis({ rule: { by: 'slow', percentile: 90 }, filter: NO_FILTER, top: 10, fineBudget: 300 }));
    spans.forEach((s, i) => parts[i % 2]!.add(s, s.durationNs));
    parts[0]!.merge(structuredClone(parts[1]!.snapshot()));
    expect(parts[0]!.result()).toEqual(one);
  });

  it('when the pN leaves the interval, the threshold is its nearest edge, exact for the rule, and the pN is said', () => {
    // Durations rising through the dump: the early estimate is far below the final p90.
    const spans: Span[] = [];
    for (let i = 0; i < 20_000; i++) spans.push(makeSpan({ id: String(i + 1), start: 0, dur: 1 + i / 100, attributes: { half: i < 10_000 ? 'first' : 'second' } }));
    const result = analyse(spans, { fineBudget: 500 }).result();
    const threshold = result.selection.thresholdMs! * 1e6;
    expect(result.selection.percentileMs).toBe(180); // rank 18,000: 180.99ms, rounded down
    expect(threshold).toBeLessThan(180e6);
    expect(result.selection.rule).toBe(`duration >= ${result.selection.thresholdMs}ms`);
    expect(result.selection.spans).toBe(spans.filter((s) => s.durationNs >= threshold).length);
    expect(result.attributes[0]).toMatchObject({ key: 'half', value: 'second', selectionCount: 10_000 });
  });
});

describe('why: bounded memory', () => {
  it('a value common in the selection is found though it first shows after thousands of unique values', () => {
    const spans: Span[] = [];
    for (let i = 0; i < 6000; i++) spans.push(makeSpan({ id: String(i + 1), start: 0, dur: 10, attributes: { tenant: `t-${i}` } }));
    for (let i = 0; i < 60; i++) spans.push(makeSpan({ id: String(7000 + i), start: 0, dur: 100, attributes: { tenant: 'big-one' } }));
    const analysis = analyse(spans, { rule: { by: 'slow', aboveNs: 50e6, inclusive: false } });
    const result = analysis.result();
    expect(result.attributes[0]).toMatchObject({ key: 'tenant', value: 'big-one', selectionCount: 60, baselineCount: 0 });
    // Six times the values so far were all seen once: all folded away, with a warning that says so.
    expect([...analysis.foldedKeys()]).toEqual([{ key: 'tenant', scope: 'span', folds: 6, maxLoss: 1, numeric: false }]);
  });

  it('a key of nothing but unique values stops being tracked and is reported as unique', () => {
    const spans: Span[] = [];
    for (let i = 0; i < 5000; i++) spans.push(makeSpan({ id: String(i + 1), start: 0, dur: i % 10 === 0 ? 100 : 10, attributes: { 'request.id': `r-${i}`, 'db.rows': i } }));
    const result = analyse(spans, { rule: { by: 'slow', aboveNs: 50e6, inclusive: false } }).result();
    expect(result.skipped).toContainEqual({ key: 'request.id', scope: 'span', reason: 'every value is unique' });
    // db.rows is unique too, but a number: its thresholds are still compared (and say nothing here).
    expect(result.skipped.map((s) => s.key)).not.toContain('db.rows');
  });

  it('counts merged from several analyses (parse workers) give the result of one analysis over every span', () => {
    const spans = spansOf('text');
    const one = analyse(spans).result();
    const parts = [0, 1, 2].map(() => new WhyAnalysis({ rule: { by: 'slow', percentile: 90 }, filter: NO_FILTER, top: 10 }));
    spans.forEach((s, i) => parts[i % 3]!.add(s, s.durationNs));
    const main = parts[0]!;
    main.merge(structuredClone(parts[1]!.snapshot()));
    main.merge(structuredClone(parts[2]!.snapshot()));
    expect(main.result()).toEqual(one);
  });
});

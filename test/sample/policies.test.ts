/**
 * Every tail-sampling policy type on the shop fixture (test/sample/helpers.ts lists T1-T13), with the
 * kept set worked out by hand from the fixture and the processor's rules (its source is cited in each
 * policy's file under src/sample/policies/). Each trace of the fixture is made to be picked by one
 * policy; times are milliseconds after the trace's start, trace k starting (k-1) × 250 ms in.
 */
import { describe, expect, it } from 'vitest';
import { onePolicy, samplePolicy } from './helpers.js';

const ALL = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'T13'];
const without = (...names: string[]): string[] => ALL.filter((n) => !names.includes(n));

async function kept(policy: string, extra: readonly string[] = []): Promise<string[]> {
  const run = await samplePolicy(onePolicy(policy), extra);
  expect(run.result.stderr).toBe('');
  expect(run.result.status).toBe(0);
  return run.kept;
}

describe('policy types on the shop fixture', () => {
  it('always_sample keeps every trace', async () => {
    expect(await kept('{ name: all, type: always_sample }')).toEqual(ALL);
  });

  it('latency: from the earliest start to the latest end, whole milliseconds, at least threshold_ms', async () => {
    // T2 120 ms, T3 2500 ms, T10 300 ms; T1 50 ms, T6 80 ms are shorter.
    expect(await kept('{ name: slow, type: latency, latency: { threshold_ms: 100 } }')).toEqual(['T2', 'T3', 'T10']);
    // 120 ms passes >= 120 …
    expect(await kept('{ name: slow, type: latency, latency: { threshold_ms: 120 } }')).toEqual(['T2', 'T3', 'T10']);
  });

  it('latency with upper_threshold_ms: above threshold_ms (strictly) and at most the upper threshold', async () => {
    // T2 (120) and T10 (300) are in (100, 1000]; T3 (2500) is above it.
    expect(await kept('{ name: band, type: latency, latency: { threshold_ms: 100, upper_threshold_ms: 1000 } }')).toEqual(['T2', 'T10']);
    // The lower bound is strict with an upper bound: 120 ms is not above 120.
    expect(await kept('{ name: band, type: latency, latency: { threshold_ms: 120, upper_threshold_ms: 1000 } }')).toEqual(['T10']);
  });

  it('status_code: a span with one of the codes (T10 has only ERROR spans, so no UNSET one)', async () => {
    expect(await kept('{ name: errors, type: status_code, status_code: { status_codes: [ERROR] } }')).toEqual(['T2', 'T10']);
    expect(await kept('{ name: unset, type: status_code, status_code: { status_codes: [UNSET] } }')).toEqual(without('T10'));
    expect(await kept('{ name: ok, type: status_code, status_code: { status_codes: [OK] } }')).toEqual([]);
  });

  it('string_attribute: exact values, on span and resource attributes', async () => {
    expect(await kept('{ name: health, type: string_attribute, string_attribute: { key: url.path, values: [/health, /ready] } }')).toEqual(['T4']);
    // service.name is a resource attribute: T3 has a span in search.
    expect(await kept('{ name: search, type: string_attribute, string_attribute: { key: service.name, values: [search] } }')).toEqual(['T3']);
  });

  it('string_attribute with enabled_regex_matching: a match anywhere in the value (Go MatchString)', async () => {
    // "heck" is inside "checkout": T2 and T12 have checkout spans.
    expect(await kept('{ name: re, type: string_attribute, string_attribute: { key: service.name, values: ["heck"], enabled_regex_matching: true } }')).toEqual(['T2', 'T12']);
    expect(await kept('{ name: re, type: string_attribute, string_attribute: { key: url.path, values: ["^/he.*h$"], enabled_regex_matching: true } }')).toEqual(['T4']);
  });

  it('string_attribute with invert_match: kept (inverted) when no resource or span holds a matching value', async () => {
    // T9's resource is deployment.environment=staging: inverted-not-sampled; the others inverted-sampled, so kept.
    expect(await kept('{ name: not-staging, type: string_attribute, string_attribute: { key: deployment.environment, values: [staging], invert_match: true } }')).toEqual(without('T9'));
  });

  it('numeric_attribute: an integer attribute in [min_value, max_value]; a missing (or 0) bound is open', async () => {
    // http.response.status_code: T1 200, T2 500, T6 503.
    expect(await kept('{ name: 5xx, type: numeric_attribute, numeric_attribute: { key: http.response.status_code, min_value: 500, max_value: 599 } }')).toEqual(['T2', 'T6']);
    expect(await kept('{ name: 5xx, type: numeric_attribute, numeric_attribute: { key: http.response.status_code, min_value: 500 } }')).toEqual(['T2', 'T6']);
    expect(await kept('{ name: ok, type: numeric_attribute, numeric_attribute: { key: http.response.status_code, max_value: 299 } }')).toEqual(['T1']);
    expect(await kept('{ name: not-5xx, type: numeric_attribute, numeric_attribute: { key: http.response.status_code, min_value: 500, max_value: 599, invert_match: true } }')).toEqual(without('T2', 'T6'));
  });

  it('boolean_attribute: the attribute holding the value; with invert_match, none holding it', async () => {
    expect(await kept('{ name: forced, type: boolean_attribute, boolean_attribute: { key: app.force_sample, value: true } }')).toEqual(['T5']);
    expect(await kept('{ name: unforced, type: boolean_attribute, boolean_attribute: { key: app.force_sample, value: true, invert_match: true } }')).toEqual(without('T5'));
  });

  it('probabilistic: FNV-1a-64 of the salt and the trace id at most the threshold (values computed in Python, see probabilistic.test.ts)', async () => {
    expect(await kept('{ name: third, type: probabilistic, probabilistic: { sampling_percentage: 33 } }')).toEqual(['T2', 'T8', 'T10']);
    expect(await kept('{ name: salted, type: probabilistic, probabilistic: { sampling_percentage: 25, hash_salt: tier-2 } }')).toEqual(['T4', 'T7']);
  });

  it('span_count: at least min_spans and, unless max_spans is 0, at most max_spans', async () => {
    expect(await kept('{ name: big, type: span_count, span_count: { min_spans: 10 } }')).toEqual(['T8']);
    // 2 or 3 spans: T1 3, T3 2, T5 2, T6 2, T10 2 (T2 has 4).
    expect(await kept('{ name: small, type: span_count, span_count: { min_spans: 2, max_spans: 3 } }')).toEqual(['T1', 'T3', 'T5', 'T6', 'T10']);
  });

  it("trace_state: a span whose tracestate has the key at one of the values", async () => {
    expect(await kept('{ name: vip, type: trace_state, trace_state: { key: vendor, values: [gold, silver] } }')).toEqual(['T7']);
    expect(await kept('{ name: vip, type: trace_state, trace_state: { key: vendor, values: [silver] } }')).toEqual([]);
  });

  it('rate_limiting: a token bucket over the dump\'s time, decided at each trace\'s earliest span end', async () => {
    // spans_per_second 2, so a bucket of 4 tokens, full at first. In decision order (ms, spans):
    // T1 25 (3): 4 → 1 kept | T2 290 (4): 1.53 < 4 refused | T4 752 (1): 1 + 0.727×2 = 2.454 → 1.454 kept |
    // T5 1028 (2): 2.006 → 0.006 kept | T6 1325 (2): 0.6 refused | T7 1540 (1): 1.03 → 0.03 kept |
    // T8 1756 (12): more than the bucket holds, refused | T9 2045 (1): 1.04 → 0.04 kept |
    // T11 2535 (1): 1.02 → 0.02 kept | T10 2540 (2): 0.03 refused | T12 2770 (1): 0.49 refused |
    // T3 2900 (2): 0.75 refused | T13 3010 (1): 0.97 refused.
    expect(await kept('{ name: budget, type: rate_limiting, rate_limiting: { spans_per_second: 2 } }')).toEqual(['T1', 'T4', 'T5', 'T7', 'T9', 'T11']);
    // burst_capacity 12: T8's 12 spans could fit a full bucket, but at its turn the bucket is not full:
    // T1: 12 → 9; T2 @290: 9.53 → 5.53; T4 @752: 6.454 → 5.454; T5 @1028: 6.006 → 4.006; T6 @1325: 4.6 → 2.6;
    // T7 @1540: 3.03 → 2.03; T8 @1756 needs 12, has 2.462: refused; T9 @2045: 3.04 → 2.04; T11 @2535: 3.02 → 2.02;
    // T10 @2540: 2.03 → 0.03; T12 @2770: 0.49 refused; T3 @2900: 0.75 refused; T13 @3010: 0.97 refused.
    expect(await kept('{ name: budget, type: rate_limiting, rate_limiting: { spans_per_second: 2, burst_capacity: 12 } }')).toEqual(['T1', 'T2', 'T4', 'T5', 'T6', 'T7', 'T9', 'T10', 'T11']);
  });

  it('and: kept when every sub-policy samples (an inverted sub-policy counts as sampling)', async () => {
    const both = `
name: slow-frontend
type: and
and:
  and_sub_policy:
    - { name: frontend, type: string_attribute, string_attribute: { key: service.name, values: [frontend] } }
    - { name: slow, type: latency, latency: { threshold_ms: 100 } }`;
    expect(await kept(both)).toEqual(['T2', 'T3', 'T10']);
    const inverted = `
name: busy-not-health
type: and
and:
  and_sub_policy:
    - { name: not-health, type: string_attribute, string_attribute: { key: url.path, values: [/health], invert_match: true } }
    - { name: several, type: span_count, span_count: { min_spans: 2 } }`;
    expect(await kept(inverted)).toEqual(['T1', 'T2', 'T3', 'T5', 'T6', 'T8', 'T10']);
  });

  it('drop: a trace every sub-policy samples is dropped, whatever the other policies say', async () => {
    const yaml = `policies:
  - { name: all, type: always_sample }
  - name: no-slow-frontend
    type: drop
    drop:
      drop_sub_policy:
        - { name: frontend, type: string_attribute, string_attribute: { key: service.name, values: [frontend] } }
        - { name: slow, type: latency, latency: { threshold_ms: 1000 } }
`;
    const run = await samplePolicy(yaml);
    expect(run.kept).toEqual(without('T3'));
    const policies = (run.json!.policy as { policies: { name: string; kept: number; dropped: number; notAsked: number }[] }).policies;
    // The drop policy is asked first; after its drop, always_sample is not asked about T3.
    expect(policies.map((p) => [p.name, p.kept, p.dropped, p.notAsked])).toEqual([
      ['all', 12, 0, 1],
      ['no-slow-frontend', 0, 1, 0],
    ]);
  });

  it('composite: the first sub-policy that samples decides, within its share of spans per second', async () => {
    // 6 spans/s in all, 50% (3 spans/s) each. Seconds of the decision times: 0: T1 T2 T4; 1: T5 T6 T7 T8;
    // 2: T9 T11 T10 T12 T3; 3: T13. Second 0: T1 (3, everything) 3 kept; T2 (4, errors) 4 > 3: not kept,
    // and everything is not asked; T4 (1) 4 > 3. Second 1: T5 2 kept; T6 4 > 3; T7 3 kept; T8 12.
    // Second 2: T9 1, T11 2 kept; T10 (errors) 2 kept; T12 3 kept; T3 5 > 3. Second 3: T13 kept.
    const yaml = `
name: shares
type: composite
composite:
  max_total_spans_per_second: 6
  policy_order: [errors, everything]
  composite_sub_policy:
    - { name: errors, type: status_code, status_code: { status_codes: [ERROR] } }
    - { name: everything, type: always_sample }
  rate_allocation:
    - { policy: errors, percent: 50 }
    - { policy: everything, percent: 50 }`;
    const run = await samplePolicy(onePolicy(yaml));
    expect(run.kept).toEqual(['T1', 'T5', 'T7', 'T9', 'T10', 'T11', 'T12', 'T13']);
    // policy_order is read by no one in the processor: tracectl says so instead of acting on it.
    expect((run.json!.policy as { assumed: { option: string }[] }).assumed.map((a) => a.option)).toEqual([
      expect.stringContaining('composite.policy_order'),
    ]);
  });
});

describe('the decision rule (processor.go makeDecision)', () => {
  it('an inverted-not-sampled vote beats a sampled one; an inverted-sampled one loses to a not-sampled one', async () => {
    const yaml = `policies:
  - { name: not-payment, type: string_attribute, string_attribute: { key: service.name, values: [payment], invert_match: true } }
  - { name: errors, type: status_code, status_code: { status_codes: [ERROR] } }
`;
    // T2 has a payment span (inverted-not-sampled) although it failed; T10 failed without payment: kept.
    // Every other trace: inverted-sampled but errors said not-sampled: not kept.
    expect((await samplePolicy(yaml)).kept).toEqual(['T10']);
  });

  it('sample_on_first_match stops at the first sampling policy, so a later inverted-not-sampled vote is not heard', async () => {
    const yaml = `sample_on_first_match: true
policies:
  - { name: errors, type: status_code, status_code: { status_codes: [ERROR] } }
  - { name: not-payment, type: string_attribute, string_attribute: { key: service.name, values: [payment], invert_match: true } }
`;
    expect((await samplePolicy(yaml)).kept).toEqual(['T2', 'T10']);
    expect((await samplePolicy(yaml.replace('true', 'false'))).kept).toEqual(['T10']);
  });

  it('records the first sampling policy as the one that kept the trace, in tailsampling.policy of the output', async () => {
    const yaml = `policies:
  - { name: slow, type: latency, latency: { threshold_ms: 100 } }
  - { name: errors, type: status_code, status_code: { status_codes: [ERROR] } }
`;
    const run = await samplePolicy(yaml);
    expect(run.kept).toEqual(['T2', 'T3', 'T10']);
    const scopes = (JSON.parse(run.output!) as { resourceSpans: { scopeSpans: { scope: { attributes?: { key: string; value: { stringValue: string } }[] } }[] }[] }).resourceSpans.flatMap((rs) =>
      rs.scopeSpans.map((ss) => ss.scope.attributes?.find((a) => a.key === 'tailsampling.policy')?.value.stringValue),
    );
    expect(new Set(scopes)).toEqual(new Set(['slow']));
  });
});

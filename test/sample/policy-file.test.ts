/**
 * Reading the tail_sampling configuration: a whole Collector config with the processor among others,
 * the processor's block alone, and what tracectl refuses (exit 2, naming the policy or option) rather
 * than ignore: policy types and options it cannot evaluate, keys the Collector does not know.
 */
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/cli.js';
import { onePolicy, samplePolicy, SHOP } from './helpers.js';

describe('a whole Collector configuration', () => {
  it('finds tail_sampling among the other processors and applies its policies (hand-computed on the shop fixture)', async () => {
    // drop-health drops T4 (url.path /health); errors keeps T2 T10; slow T3; forced T5; server-errors T2 T6
    // (500, 503); vip T7; big T8; baseline (20%) only T8 (see probabilistic.test.ts). T1, T9, T11-T13: nothing.
    const run = await runCli(['sample', '--policy', fixture('sample/collector.yaml'), SHOP, '--json']);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as {
      policy: { processor: string; policies: { name: string; type: string; keepVotes: number; kept: number; dropped: number }[]; assumed: { option: string }[] };
      report: { traces: { before: number; after: number }; errors: { lost: unknown[]; tracesAfter: number } };
    };
    expect(json.policy.processor).toBe('tail_sampling');
    expect(json.policy.policies.map((p) => [p.name, p.type, p.keepVotes, p.kept, p.dropped])).toEqual([
      ['drop-health', 'drop', 0, 0, 1],
      ['errors', 'status_code', 2, 2, 0],
      ['slow', 'latency', 1, 1, 0],
      ['forced', 'boolean_attribute', 1, 1, 0],
      ['server-errors', 'numeric_attribute', 2, 1, 0],
      ['vip', 'trace_state', 1, 1, 0],
      ['big', 'span_count', 1, 1, 0],
      ['baseline', 'probabilistic', 1, 0, 0],
    ]);
    expect(json.report.traces).toEqual({ before: 13, after: 7 });
    expect(json.report.errors.tracesAfter).toBe(2);
    expect(json.report.errors.lost).toEqual([]);
    // Options that change no decision on a complete dump are named, with why.
    expect(json.policy.assumed.map((a) => a.option)).toEqual(['decision_wait', 'num_traces', 'expected_new_traces_per_sec', 'decision_cache']);
  });

  it('asks which processor when there are several, and takes the one --processor names', async () => {
    const yaml = `processors:
  batch: {}
  tail_sampling/errors:
    policies: [{ name: errors, type: status_code, status_code: { status_codes: [ERROR] } }]
  tail_sampling/all:
    policies: [{ name: all, type: always_sample }]
`;
    const many = await samplePolicy(yaml);
    expect(many.result.status).toBe(2);
    expect(many.result.stderr).toMatch(/2 tail_sampling processors \(tail_sampling\/errors, tail_sampling\/all\): pick one with --processor\n$/);
    expect((await samplePolicy(yaml, ['--processor', 'tail_sampling/errors'])).kept).toEqual(['T2', 'T10']);
    const missing = await samplePolicy(yaml, ['--processor', 'tail_sampling/nope']);
    expect(missing.result.stderr).toMatch(/no processor tail_sampling\/nope \(found: tail_sampling\/errors, tail_sampling\/all\)/);
  });

  it('reads a file whose top level is tail_sampling:', async () => {
    expect((await samplePolicy('tail_sampling:\n  policies: [{ name: vip, type: trace_state, trace_state: { key: vendor, values: [gold] } }]\n')).kept).toEqual(['T7']);
  });
});

describe('what tracectl refuses (exit 2, one line naming it)', () => {
  const refused = async (yaml: string): Promise<string> => {
    const run = await samplePolicy(yaml);
    expect(run.result.status).toBe(2);
    expect(run.result.stdout).toBe('');
    expect(run.output).toBeUndefined();
    expect(run.result.stderr.trim().split('\n')).toHaveLength(1);
    return run.result.stderr;
  };

  it('policy types it cannot evaluate, also inside and, drop and composite', async () => {
    expect(await refused(onePolicy('{ name: ottl, type: ottl_condition, ottl_condition: { span: ["true"] } }'))).toMatch(/policies\[0\] \(ottl\): policy type ottl_condition cannot be evaluated: OTTL conditions are not evaluated by tracectl/);
    expect(await refused(onePolicy('{ name: bytes, type: bytes_limiting, bytes_limiting: { bytes_per_second: 100 } }'))).toMatch(/policy type bytes_limiting cannot be evaluated/);
    expect(await refused(onePolicy('{ name: flags, type: trace_flags }'))).toMatch(/policy type trace_flags cannot be evaluated/);
    const nested = `
name: both
type: and
and:
  and_sub_policy:
    - { name: ok, type: always_sample }
    - { name: ottl, type: ottl_condition }`;
    expect(await refused(onePolicy(nested))).toMatch(/policies\[0\] \(both\): and_sub_policy\[1\] \(ottl\): policy type ottl_condition cannot be evaluated/);
    expect(await refused(onePolicy('{ name: mine, type: my_extension }'))).toMatch(/unknown policy type 'my_extension'/);
  });

  it('options that would change decisions but cannot be simulated', async () => {
    expect(await refused(`sampling_strategy: span-ingest\n${onePolicy('{ name: all, type: always_sample }')}`)).toMatch(/sampling_strategy 'span-ingest' cannot be evaluated by tracectl/);
    expect(await refused(`maximum_trace_size_bytes: 1000\n${onePolicy('{ name: all, type: always_sample }')}`)).toMatch(/maximum_trace_size_bytes cannot be evaluated/);
  });

  it('keys the Collector does not know, and configurations the Collector refuses', async () => {
    expect(await refused(`decision_wiat: 10s\n${onePolicy('{ name: all, type: always_sample }')}`)).toMatch(/unknown option 'decision_wiat'/);
    expect(await refused(onePolicy('{ name: slow, type: latency, latency: { threshold: 100 } }'))).toMatch(/unknown key 'latency.threshold'/);
    expect(await refused(onePolicy('{ name: codes, type: status_code, status_code: { status_codes: [error] } }'))).toMatch(/unknown status code "error", supported: OK, ERROR, UNSET/);
    expect(await refused(onePolicy('{ name: n, type: numeric_attribute, numeric_attribute: { key: x } }'))).toMatch(/needs min_value or max_value/);
    expect(await refused(onePolicy('{ type: always_sample }'))).toMatch(/policy name cannot be empty/);
    expect(await refused('policies:\n  - { name: a, type: always_sample }\n  - { name: a, type: always_sample }\n')).toMatch(/duplicate policy name 'a'/);
    expect(await refused(onePolicy('{ name: x, type: and, and: { and_sub_policy: [{ name: y, type: drop }] } }'))).toMatch(/a drop policy cannot stand inside a and policy/);
    expect(await refused('policies: []\n')).toMatch(/no policies/);
  });

  it('a regular expression tracectl cannot read (RE2 has no backreferences either)', async () => {
    expect(await refused(onePolicy('{ name: re, type: string_attribute, string_attribute: { key: k, values: ["(a)\\\\1"], enabled_regex_matching: true } }'))).toMatch(/re\): the regular expression "\(a\)\\\\1" cannot be used/);
  });

  it('YAML that does not parse, with its line', async () => {
    expect(await refused('policies:\n  - { name: a, type: always_sample\n')).toMatch(/policy\.yaml:\d+:\d+: /);
  });

  it('usage: exactly one of --ratio, --policy, --keep', async () => {
    expect(await runCli(['sample', SHOP])).toEqual({ stdout: '', stderr: 'tracectl: sample needs exactly one of --ratio R, --policy FILE or --keep EXPR\n', status: 2 });
    expect((await runCli(['sample', SHOP, '--ratio', '0.5', '--keep', 'error'])).status).toBe(2);
    expect(await runCli(['sample', SHOP, '--ratio', '1.5'])).toEqual({ stdout: '', stderr: "tracectl: --ratio must be a number from 0 to 1 (e.g. 0.1, or 2^-10), got '1.5'\n", status: 2 });
    expect(await runCli(['sample', SHOP, '--policy', 'nope.yaml'])).toEqual({ stdout: '', stderr: 'tracectl: cannot read nope.yaml: no such file\n', status: 2 });
  });
});

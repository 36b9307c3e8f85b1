/**
 * `tracectl check` and `tracectl diff` on the real OpenTelemetry Demo capture (141 traces, 547 spans):
 * check agrees with `latency` and `traces` to the last digit, a dump diffed against itself shows no
 * change at all, and trace diffs between real traces account for every span.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { realDump } from '../helpers/real-dumps.js';

const DUMP = realDump('otlp/otel-tui__test_data.filtered.jsonl');
const OUTSIDE_CI = { env: { GITHUB_ACTIONS: '' } };

async function json<T>(args: string[], status = 0): Promise<T> {
  const r = await runCli([...args, '--json', '-q'], OUTSIDE_CI);
  expect(r.status, r.stderr).toBe(status);
  return JSON.parse(r.stdout) as T;
}

interface CheckJson {
  passed: boolean;
  results: { budget: string; actual: number | null; passed: boolean; worst: { traceId?: string } | null; matched: number }[];
}

describe('check on the OpenTelemetry Demo capture', () => {
  it('agrees with latency on every service: p99 <= its value holds, < its value fails', async () => {
    const latency = await json<{ groups: { service: string; percentilesMs: Record<string, number> }[] }>(['latency', DUMP]);
    // Names a budget would need to quote, and values a budget cannot write (1e-7), are left out.
    const services = latency.groups.filter((g) => !/[:"*/\\]/.test(g.service) && !String(g.percentilesMs['99']).includes('e'));
    expect(services.length).toBeGreaterThanOrEqual(6);
    const budgets = services.flatMap((g) => [`${g.service}:p99<=${g.percentilesMs['99']}ms`, `${g.service}:p99<${g.percentilesMs['99']}ms`]);
    const check = await json<CheckJson>(['check', DUMP, ...budgets.flatMap((b) => ['--budget', b])], 1);
    services.forEach((g, i) => {
      expect(check.results[2 * i]).toMatchObject({ actual: g.percentilesMs['99'], passed: true });
      expect(check.results[2 * i + 1]).toMatchObject({ actual: g.percentilesMs['99'], passed: false });
    });
  });

  it('trace budgets find the same worst traces as tracectl traces', async () => {
    const traces = await json<{ traces: { traceId: string; durationMs: number; spans: number }[] }>(['traces', DUMP, '--sort', 'duration']);
    expect(traces.traces).toHaveLength(141);
    const longest = traces.traces[0]!;
    const most = Math.max(...traces.traces.map((t) => t.spans));
    const check = await json<CheckJson>(['check', DUMP, '--budget', `trace:duration<${longest.durationMs}ms`, '--budget', `trace:spans<=${most}`], 1);
    expect(check.results[0]).toMatchObject({ actual: longest.durationMs, passed: false, matched: 141, worst: { traceId: longest.traceId } });
    expect(check.results[1]).toMatchObject({ actual: most, passed: true, matched: 141 });
  });
});

describe('diff on the OpenTelemetry Demo capture', () => {
  interface DumpDiffJson {
    regressions: number;
    operations: { impact: number; latency: { pValue: number; significant: boolean; effect: number }; errorRate: { significant: boolean } }[];
    criticalPath: { shareDelta: number }[];
    appeared: unknown[];
    disappeared: unknown[];
  }

  it('the dump against itself: every operation unchanged, nothing significant, exit 0 with --fail-on-regression', async () => {
    const d = await json<DumpDiffJson>(['diff', DUMP, DUMP, '--fail-on-regression']);
    expect(d.operations.length).toBeGreaterThan(10);
    expect(d.operations.every((o) => o.impact === 0 && o.latency.pValue === 1 && o.latency.effect === 0 && !o.errorRate.significant)).toBe(true);
    expect(d.criticalPath.every((c) => c.shareDelta === 0)).toBe(true);
    expect([d.regressions, d.appeared.length, d.disappeared.length]).toEqual([0, 0, 0]);
  });

  interface TraceDiffJson {
    base: { spans: number };
    head: { spans: number };
    matched: number;
    slower: unknown[];
    faster: unknown[];
    added: { spans: number }[];
    removed: { spans: number }[];
    criticalPath: unknown[];
  }

  it('trace diffs account for every span: matched + removed = base, matched + added = head', async () => {
    const traces = await json<{ traces: { traceId: string; rootService: string; rootOperation: string }[] }>(['traces', DUMP, '--sort', 'spans']);
    const gets = traces.traces.filter((t) => t.rootService === 'frontend' && t.rootOperation === 'HTTP GET').slice(0, 6);
    expect(gets.length).toBe(6);
    for (let i = 0; i + 1 < gets.length; i++) {
      const d = await json<TraceDiffJson>(['diff', DUMP, '--trace', gets[i]!.traceId, '--trace', gets[i + 1]!.traceId]);
      const sum = (list: { spans: number }[]): number => list.reduce((s, x) => s + x.spans, 0);
      expect(d.matched + sum(d.removed)).toBe(d.base.spans);
      expect(d.matched + sum(d.added)).toBe(d.head.spans);
    }
    const self = await json<TraceDiffJson>(['diff', DUMP, '--trace', gets[0]!.traceId, '--trace', gets[0]!.traceId]);
    expect([self.matched, self.slower.length, self.faster.length, self.added.length, self.removed.length, self.criticalPath.length]).toEqual([self.base.spans, 0, 0, 0, 0, 0]);
  });
});

/**
 * `tracectl why` end to end, in-process: dumps with a planted cause (test/helpers/why-planted.ts) in
 * every input format, the exit codes and messages of what cannot be compared, and the promise that
 * each finding's --where selects exactly the spans it counted.
 */
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/render/text.js';
import { runCli } from '../helpers/cli.js';
import { NOISE_KEYS, PLANTED, PLANTED_FORMATS, plantedDump, type Cause } from '../helpers/why-planted.js';

interface Finding {
  key: string;
  value: string;
  op: string;
  scope: string;
  selectionShare: number;
  baselineShare: number;
  selectionCount: number;
  baselineCount: number;
  score: number;
  where: string;
}
interface WhyJson {
  selection: { spans: number; rule: string; by: string; percentile?: number; thresholdMs?: number };
  baseline: { spans: number; rule: string; by: string };
  compared: { spans: number; rule: string | null; untimedSpans: number; otherSpans: number };
  candidates: number;
  attributes: Finding[];
  skipped: { key: string; scope: string; reason: string }[];
  warnings: unknown[];
}

const dumps = new Map<string, string>();
function dump(cause: Cause, format: (typeof PLANTED_FORMATS)[number]): string {
  const key = `${cause}/${format}`;
  if (!dumps.has(key)) dumps.set(key, plantedDump(cause, format));
  return dumps.get(key)!;
}

async function why(input: string, args: string[]): Promise<WhyJson> {
  const run = await runCli(['why', '-', ...args, '--json'], { input });
  if (run.status !== 0) throw new Error(`why exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout) as WhyJson;
}

const CASES = (['text', 'resource', 'bool', 'number', 'errors'] as const).flatMap((cause) => PLANTED_FORMATS.map((format) => ({ cause, format })));

describe.each(CASES)('why on a planted $cause cause, $format', ({ cause, format }) => {
  it('ranks the planted value first; the confounder lower; noise and ids not at all', async () => {
    const json = await why(dump(cause, format), cause === 'errors' ? ['--errors'] : ['--slow']);
    const planted = PLANTED[cause];
    expect(json.attributes[0]).toMatchObject(planted);
    expect(json.attributes[0]!.score).toBeGreaterThan(0.6);
    expect(json.attributes[0]!.selectionShare).toBeGreaterThan(0.9);
    const confounder = json.attributes.find((f) => f.key === 'shard');
    if (confounder !== undefined) expect(confounder.score).toBeLessThan(json.attributes[0]!.score / 2);
    expect(json.attributes.filter((f) => NOISE_KEYS.includes(f.key))).toEqual([]);
    expect(json.skipped).toContainEqual({ key: 'request.id', scope: 'span', reason: 'every value is unique' });
    expect(json.compared).toEqual({ spans: 1600, rule: null, untimedSpans: 0, otherSpans: 0 });
  });
});

describe('why: the output', () => {
  it('has the fields the documentation names, ranked best first', async () => {
    const json = await why(dump('text', 'otlp'), ['--slow', 'p90']);
    expect(Object.keys(json)).toEqual(['selection', 'baseline', 'compared', 'candidates', 'attributes', 'skipped', 'warnings', 'warningCounts']);
    expect(Object.keys(json.attributes[0]!)).toEqual(['key', 'value', 'op', 'scope', 'selectionShare', 'baselineShare', 'selectionCount', 'baselineCount', 'score', 'where']);
    expect(json.selection).toEqual({ spans: 168, rule: 'duration >= 230ms', by: 'slow', percentile: 90, thresholdMs: 230 });
    expect(json.baseline).toEqual({ spans: 1432, rule: 'duration < 230ms', by: 'rest' });
    const scores = json.attributes.map((f) => f.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(json.attributes[0]).toMatchObject({ selectionCount: 168, baselineCount: 221, selectionShare: 1, baselineShare: 221 / 1432, where: 'attr.db.replica = "replica-2"' });
  });

  it('fits 80 columns: the counts, two bars, a reading and a --where per finding', async () => {
    const run = await runCli(['why', '-', '--errors', '--width', '80'], { input: dump('errors', 'otlp') });
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(80);
    expect(lines.slice(0, 4)).toEqual(['selection    460 failed spans: status = error', 'baseline   1,140 spans: status != error', 'compared   1,600 spans', '']);
    expect(lines[4]).toMatch(/^ 1  feature\.flag = beta +score 0\.\d{3}$/);
    expect(lines[5]).toMatch(/^ {4}failed {3}96% {2}█+[▏▎▍▌▋▊▉]?·* {4}441 of 460$/);
    expect(lines[6]).toMatch(/^ {4}others  7\.3% {2}██[▏▎▍▌▋▊▉]?·+ {3}83 of 1,140$/);
    expect(displayWidth(lines[5]!)).toBe(displayWidth(lines[6]!));
    expect(lines[7]).toBe('    96% of failed spans have feature.flag = beta, against 7.3% of the others');
    expect(lines[8]).toBe(`    --where 'attr.feature.flag = "beta"'`);
    expect(lines).toContain('  not compared (defines the selection): status');
    expect(lines).toContain('  not compared (every value is unique): request.id');
  });

  it('says so when nothing sets the selection apart (an attribute with no effect)', async () => {
    const run = await runCli(['why', '-', '--slow', '--attrs', 'noise.bucket', '--width', '80'], { input: dump('text', 'otlp') });
    expect(run.stdout).toBe(
      [
        'selection    168 slow spans: duration >= 230ms (p90)',
        'baseline   1,432 spans: duration < 230ms',
        'compared   1,600 spans',
        '',
        'nothing sets the slow spans apart: no value is more common among them than',
        'chance explains (10 values and thresholds compared)',
        '',
        '  score: how much larger the share of the selection is, at least, at 95%',
        '  confidence over all 10 values and thresholds compared',
        '',
      ].join('\n'),
    );
  });

  it("each finding's --where selects exactly the spans it counted, on both sides", async () => {
    const input = dump('number', 'jaeger');
    const json = await why(input, ['--slow']);
    for (const f of json.attributes.slice(0, 3)) {
      for (const [rule, expected] of [
        [json.selection.rule, f.selectionCount],
        [json.baseline.rule, f.baselineCount],
      ] as const) {
        const run = await runCli(['latency', '-', '--all-spans', '--json', '--where', `${rule} and ${f.where}`], { input });
        const groups = (JSON.parse(run.stdout) as { groups: { count: number }[] }).groups;
        expect(groups.reduce((sum, g) => sum + g.count, 0)).toBe(expected);
      }
    }
  });

  it('--selection: the fields of the expression are not compared; the duration can be a finding', async () => {
    const json = await why(dump('text', 'otlp'), ['--selection', 'attr.db.replica = "replica-2"']);
    expect(json.selection).toEqual({ spans: 389, rule: 'attr.db.replica = "replica-2"', by: 'selection' });
    expect(json.baseline.rule).toBe('not (attr.db.replica = "replica-2")');
    expect(json.skipped).toContainEqual({ key: 'db.replica', scope: 'span', reason: 'defines the selection' });
    expect(json.attributes[0]).toMatchObject({ key: 'duration', scope: 'intrinsic', op: '>=' });
  });

  it('an expression that needs the trees (root) gives what the span-by-span reading gives', async () => {
    const input = dump('bool', 'zipkin');
    const plain = await why(input, ['--slow']);
    const trees = await why(input, ['--slow', '--where', 'root']);
    expect(trees.attributes).toEqual(plain.attributes.map((f) => ({ ...f, where: `root and ${f.where}` })));
    expect(trees.compared.rule).toBe('root');
  });

  it('--attrs compares only the keys named; --top limits the findings', async () => {
    const json = await why(dump('text', 'otlp'), ['--slow', '--attrs', 'shard,resource.host.ip', '--top', '1']);
    expect(json.attributes.map((f) => f.key)).toEqual(['shard']);
    // What --attrs leaves out is not listed as skipped.
    expect(json.skipped).toEqual([]);
  });

  it('`why --slow dump.json`: the path commander gave --slow is taken as a path', async () => {
    const { writeFileSync, mkdtempSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'why-'));
    try {
      const file = join(dir, 'dump.json');
      writeFileSync(file, dump('text', 'otlp'));
      const run = await runCli(['why', '--slow', file, '--json']);
      expect(run.status).toBe(0);
      expect((JSON.parse(run.stdout) as WhyJson).selection.rule).toBe('duration >= 230ms');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('why: what cannot be compared exits 2 with one line', () => {
  it.each([
    [['--slow', '>10s'], 'tracectl: nothing to compare: the selection is empty: the selection (duration > 10s) has 0 spans and the baseline (duration <= 10s) has 1,600 spans\n'],
    [['--slow', '>=1ms'], 'tracectl: nothing to compare: the baseline is empty: the selection (duration >= 1ms) has 1,600 spans and the baseline (duration < 1ms) has 0 spans\n'],
    [['--errors', '--where', 'service = "nope"'], 'tracectl: --where matches none of the 1,600 spans read\n'],
    [['--selection', 'attr.db.replica = "replica-9"'], 'tracectl: nothing to compare: the selection is empty: the selection (attr.db.replica = "replica-9") has 0 spans and the baseline (not (attr.db.replica = "replica-9")) has 1,600 spans\n'],
    [['--errors', '--baseline', 'kind = producer'], 'tracectl: nothing to compare: the baseline is empty: the selection (status = error) has 33 spans and the baseline (kind = producer and status != error) has 0 spans\n'],
  ])('why %j', async (args, message) => {
    const run = await runCli(['why', '-', ...args], { input: dump('text', 'otlp') });
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ status: 2, stdout: '', stderr: message });
  });

  it.each([
    [[], "tracectl: say which spans to explain: --slow [pN|'>DURATION'], --errors or --selection EXPR\n"],
    [['--slow', '--errors'], 'tracectl: --slow, --errors and --selection are alternatives: give one\n'],
    [['--slow', 'p0'], 'tracectl: --slow p0: the percentile must be above 0 and at most 100\n'],
    [['--slow', '>5parsecs'], "tracectl: --slow '>5parsecs': expected pN (p90, p99.9) or '>DURATION' such as '>500ms' (units: ns, us, ms, s, m, h)\n"],
    [['--errors', '--attrs', 'a', '--ignore', 'b'], 'tracectl: --attrs and --ignore are alternatives: give one\n'],
  ])('why - %j (before reading)', async (args, message) => {
    const run = await runCli(['why', '-', ...args], { input: dump('text', 'otlp') });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 2, stderr: message });
  });

  it('--slow on spans that have no duration says so', async () => {
    const input = JSON.stringify([
      { traceId: '0000000000000001', id: '0000000000000001', name: 'a', localEndpoint: { serviceName: 's' } },
      { traceId: '0000000000000001', id: '0000000000000002', parentId: '0000000000000001', name: 'b', localEndpoint: { serviceName: 's' } },
    ]);
    const run = await runCli(['why', '-', '--slow', '--quiet'], { input });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 2, stderr: 'tracectl: nothing to compare: none of the 2 spans compared has a duration\n' });
  });

  it('a syntax error in --selection names --selection and the column', async () => {
    const run = await runCli(['why', '-', '--selection', 'service = '], { input: dump('text', 'otlp') });
    expect(run.status).toBe(2);
    expect(run.stderr.split('\n')[0]).toMatch(/^tracectl: --selection: .* at column 11$/);
  });
});

/**
 * `why` on a table input without a server: --explain prints the two statements and sends nothing
 * (the address's port is closed: a statement sent would fail the run), and a selection ClickHouse
 * cannot compute is refused naming its flag. Runs against the engine: test/clickhouse/why.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const TABLE = 'clickhouse://reader:hunter2@127.0.0.1:1/otel?table=otel_traces';
const RANGE = ['--from', '2024-05-01T10:00:00Z', '--to', '2024-05-01T11:00:00Z'];

describe('why on a table', () => {
  it('--explain: the table check, the summary with the threshold, the counts per key and value; values as parameters', async () => {
    const result = await runCli(['why', TABLE, ...RANGE, '--slow', 'p99', '--where', 'service = "check\'out"', '--baseline', 'attr.region = "eu"', '--explain']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain('hunter2');
    const purposes = result.stdout.split('\n').filter((l) => /^-- \d\. /.test(l));
    expect(purposes).toEqual([
      "-- 1. check the table's columns (the exporter's schema) and look for its trace time-range table",
      '-- 2. the spans compared and on each side, and the threshold (one row)',
      '-- 3. counts per attribute value on each side (aggregated in ClickHouse: one row per key, at most 1000 values each)',
    ]);
    expect(result.stdout).toContain("--   p0 = 'check\\'out'");
    expect(result.stdout).toContain("--   p2 = 'eu'");
    const sql = result.stdout.split('\n').filter((l) => !l.startsWith('--')).join('\n');
    expect(sql).not.toMatch(/check'out|'eu'|otel_traces/);
    expect(sql).toContain('ARRAY JOIN arrayConcat(');
  });

  it('--json --explain is one document', async () => {
    const result = await runCli(['why', TABLE, ...RANGE, '--errors', '--explain', '--json']);
    const doc = JSON.parse(result.stdout) as { statements: { purpose: string; params: Record<string, unknown> }[] };
    expect(doc.statements.length).toBe(3);
    expect(doc.statements[2]!.params).toMatchObject({ db: 'otel', table: 'otel_traces', from: '1714557600000000000' });
  });

  it('refuses an expression that needs the tree, naming the flag, before connecting', async () => {
    const result = await runCli(['why', TABLE, ...RANGE, '--selection', 'has child (error)']);
    expect(result).toMatchObject({ status: 2, stdout: '' });
    expect(result.stderr).toMatch(/^tracectl: --selection: 'has child \(error\)' cannot be computed in ClickHouse \(it needs the span tree\)/);
  });

  it('needs a time range like every table input', async () => {
    const result = await runCli(['why', TABLE, '--errors']);
    expect(result).toMatchObject({ status: 2, stdout: '' });
    expect(result.stderr).toContain('a table input needs a time range');
  });
});

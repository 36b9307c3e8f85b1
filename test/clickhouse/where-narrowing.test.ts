/**
 * A fetching command whose --where ClickHouse can compute only in part: the part it can narrows the
 * traces fetched (the others are never sent), the whole expression is applied here, and the output
 * is the dump's.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { loadTable, useChdbServer, WHOLE_RANGE } from './support/tables.js';

const server = useChdbServer();
const DUMP = 'fixtures/query/shop.otlp.json';

/** The trace ids the fetch statements of the requests since `since` asked for. */
function fetchedIds(since: number): string[] {
  const fetches = server().requests.slice(since).filter((r) => r.query.includes('WHERE TraceId IN {p'));
  return fetches.flatMap((r) => [...Object.values(r.params).join(' ').matchAll(/'([0-9a-f]{32})'/g)].map((m) => m[1]!)).sort();
}

describe('--where narrowing the traces fetched', () => {
  it('stats and waterfall fetch only the traces with a span meeting the computable part', async () => {
    const t = await loadTable(server(), DUMP);
    const where = 'service = "payments" and has parent (kind = client)';
    for (const args of [['stats', '--by', 'operation', '--json'], ['waterfall', '--width', '100']]) {
      const since = server().requests.length;
      const table = await runCli([args[0]!, t.url, ...WHOLE_RANGE, '--where', where, ...args.slice(1)]);
      const local = await runCli([args[0]!, DUMP, '--where', where, ...args.slice(1)]);
      expect(table.status, table.stderr).toBe(local.status);
      if (args[0] === 'stats') {
        // The spans' statistics are the dump's; the traces they are of are those fetched (a table's
        // stats are over the traces with a span that may match, a dump's over every trace read).
        const groups = (r: typeof table): unknown => (JSON.parse(r.stdout) as { groups: unknown }).groups;
        expect(groups(table)).toEqual(groups(local));
      } else expect(table.stdout, args[0]).toBe(local.stdout);
      // Traces 1111… and 3333… have payments spans; 2222… and 4444… are not fetched.
      expect(fetchedIds(since), args[0]).toEqual(['11111111111111111111111111111111', '33333333333333333333333333333333']);
      const choice = server().requests.slice(since).find((r) => r.query.includes('HAVING countIf('))!;
      expect(Object.values(choice.params)).toContain('payments');
      // Every parameter sent is used by the statement.
      for (const name of Object.keys(choice.params)) expect(choice.query, name).toContain(`{${name}:`);
    }
    // Without a computable part every trace is a candidate, and no condition is sent.
    const since = server().requests.length;
    const all = await runCli(['stats', t.url, ...WHOLE_RANGE, '--where', 'has parent (kind = client)']);
    expect(all.status, all.stderr).toBe(0);
    expect(fetchedIds(since).length).toBe(4);
    expect(server().requests.slice(since).some((r) => r.query.includes('HAVING'))).toBe(false);
  });
});

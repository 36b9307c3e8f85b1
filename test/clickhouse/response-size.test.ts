/**
 * An aggregation sends back groups, never spans: the same world of services generated at two sizes
 * (bench/generate.js, one seed; about 8 times the spans) gives answers of about the same size for
 * latency, deps, errors and trace budgets, and a few hundred bytes a group.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript module without types (bench/ has no build step)
import { generateFile } from '../../bench/generate.js';
import { runCli } from '../helpers/cli.js';
import { jsonOf, loadTable, useChdbServer, WHOLE_RANGE } from './support/tables.js';

const server = useChdbServer();
const dir = mkdtempSync(join(tmpdir(), 'tracectl-ch-size-'));

/** The response bytes of the statement whose SQL has `marker`, sent by the last run. */
function bytesOf(marker: string, since: number): number {
  const hits = server().requests.slice(since).filter((r) => r.query.includes(marker));
  if (hits.length !== 1) throw new Error(`expected one statement with ${marker}, found ${hits.length}`);
  return hits[0]!.responseBytes;
}

describe('aggregations return groups', () => {
  it('the answer follows the number of groups, not of spans', async () => {
    const sizes: { spans: number; bytes: Record<string, number>; groups: Record<string, number> }[] = [];
    for (const mb of [0.5, 4]) {
      const dump = join(dir, `gen-${mb}.json`);
      const counts = (await generateFile(dump, { format: 'otlp', mb, seed: 7 })) as { spans: number };
      const t = await loadTable(server(), dump);
      const bytes: Record<string, number> = {};
      const groups: Record<string, number> = {};
      const run = async (name: string, args: string[], marker: string, count: (doc: Record<string, unknown>) => number): Promise<void> => {
        const since = server().requests.length;
        const doc = jsonOf(await runCli([...args, t.url, ...WHOLE_RANGE, '--json']));
        bytes[name] = bytesOf(marker, since);
        groups[name] = count(doc);
      };
      await run('latency', ['latency', '--by', 'operation'], 'AS sorted', (d) => (d.groups as unknown[]).length);
      await run('deps', ['deps'], 'GROUPING SETS', (d) => (d.services as unknown[]).length + (d.edges as unknown[]).length);
      await run('errors', ['errors'], 'failing AS', (d) => (d.groups as unknown[]).length + 1);
      await run('check', ['check', '--budget', 'trace:depth<100', '--budget', 'trace:duration<1h'], 'violations_0', () => 1);
      sizes.push({ spans: counts.spans, bytes, groups });
    }
    const [small, large] = sizes as [(typeof sizes)[0], (typeof sizes)[0]];
    expect(large.spans / small.spans).toBeGreaterThan(6);
    for (const name of Object.keys(small.bytes)) {
      // As many groups or a few more (more traces meet more operations and failures)...
      expect(large.bytes[name]! / large.groups[name]!, `${name}: bytes a group`).toBeLessThan(600);
      // ... and the answer grows with them, far from the spans' 6-8 times.
      expect(large.bytes[name]! / small.bytes[name]!, name).toBeLessThan(1.5 * Math.max(1, large.groups[name]! / small.groups[name]!));
    }
  });
});

/**
 * The commands that fetch traces from a table and analyse them here: the same output as on the dump
 * (with --no-adjust where the trace's timing shows: the fetched trace is built with skew correction,
 * as a dump's, so both sides are compared with the same setting), the trace found by a prefix of its
 * id, fetched whole through the exporter's trace time-range table even when the range given cuts it,
 * and the sample of stats and critical-path said on stderr.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { jsonOf, loadTable, useChdbServer, WHOLE_RANGE } from './support/tables.js';

const server = useChdbServer();
const DUMP = 'fixtures/errors/otlp-shop.json';

describe('fetched traces', () => {
  it('waterfall, span, critical-path, errors and diff of traces named by id prefix print what they print for the dump', async () => {
    const t = await loadTable(server(), DUMP);
    const cases: string[][] = [
      ['waterfall', '--trace', 'e2e2', '--width', '100'],
      ['waterfall', '--trace', 'e4', '--json'],
      ['span', '--span', 'a200000000000006'],
      ['span', '--trace', 'e1', '--span', 'a1', '--json'],
      ['critical-path', '--trace', 'e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1'],
      ['errors', '--trace', 'e3'],
      ['diff', '--trace', 'e1', '--trace', 'e4', '--json'],
      ['stats', '--by', 'operation'],
      ['critical-path', '--by-root'],
    ];
    for (const args of cases) {
      const [command, ...rest] = args;
      const local = await runCli([command!, DUMP, ...rest]);
      const table = await runCli([command!, t.url, ...WHOLE_RANGE, ...rest]);
      expect(table.status, table.stderr).toBe(local.status);
      expect(table.stdout, args.join(' ')).toBe(local.stdout);
    }
  });

  it('the longest trace without --trace, said on stderr', async () => {
    const t = await loadTable(server(), DUMP);
    const local = await runCli(['waterfall', DUMP]);
    const table = await runCli(['waterfall', t.url, ...WHOLE_RANGE]);
    expect(table.stdout).toBe(local.stdout);
    expect(table.stderr).toBe("tracectl: the range has 5 traces; showing the longest. Choose another with --trace ID ('tracectl traces' lists them).\n");
  });

  it('a trace cut by the range comes whole, through the trace time-range table', async () => {
    const t = await loadTable(server(), DUMP);
    // e1's spans start from 22:13:20.000; a range starting 1 ms later still finds it (its later
    // spans) and fetches all six spans.
    const cut = ['--from', '2023-11-14T22:13:20.001Z', '--to', '2100-01-01'];
    const trace = jsonOf(await runCli(['waterfall', t.url, ...cut, '--trace', 'e1', '--json']));
    expect((trace.spans as unknown[]).length).toBe(6);
    const without = await server().exec(`SELECT toString(count()) AS n FROM default.\`${t.table}_trace_id_ts\``);
    expect(without).toBe('{"n":"5"}\n');
  });

  it('stats and critical-path over a sample of at most --max-traces, chosen the same way every run', async () => {
    const t = await loadTable(server(), DUMP);
    const first = await runCli(['stats', t.url, ...WHOLE_RANGE, '--max-traces', '2', '--json']);
    const again = await runCli(['stats', t.url, ...WHOLE_RANGE, '--max-traces', '2', '--json']);
    expect(first.stdout).toBe(again.stdout);
    expect(first.stderr).toBe(
      'tracectl: stats over a sample of 2 of the 5 traces in the range, chosen by a hash of the trace id (the same traces on every run); --max-traces sets how many\n',
    );
    const path = await runCli(['critical-path', t.url, ...WHOLE_RANGE, '--max-traces', '3']);
    expect(path.stdout).toMatch(/^Critical path over 3 traces/);
    expect(path.stderr).toContain('tracectl: the critical path over a sample of 3 of the 5 traces in the range');
  });

  it('convert reads a table back into a dump that reads as the original', async () => {
    const t = await loadTable(server(), DUMP);
    const back = await runCli(['convert', t.url, '--from', '1900-01-01', '--to', 'otlp', '-o', '-']);
    expect(back.status, back.stderr).toBe(0);
    const fromBack = await runCli(['traces', '-', '--json'], { input: back.stdout });
    expect(fromBack.stdout).toBe((await runCli(['traces', DUMP, '--json'])).stdout);
  });

  it('--where narrows which traces are fetched and is applied whole here, structure included', async () => {
    const t = await loadTable(server(), DUMP);
    for (const where of ['service = "recs"', 'error and has parent (service = "frontend")']) {
      const local = await runCli(['waterfall', DUMP, '--where', where, '--width', '100']);
      const table = await runCli(['waterfall', t.url, ...WHOLE_RANGE, '--where', where, '--width', '100']);
      expect(table.stdout, where).toBe(local.stdout);
    }
    const none = await runCli(['stats', t.url, ...WHOLE_RANGE, '--where', 'service = "nobody"']);
    expect(none).toMatchObject({ status: 2, stderr: 'tracectl: no trace in the range has a span matching --where\n' });
  });
});

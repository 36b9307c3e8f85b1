/**
 * Every real dump in ../shared/real-traces is read by `tracectl traces --json` with exit 0, and the
 * trace and span counts match that file's row in SOURCES.md (counted there independently).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { EXPECTED_DUMPS, REAL } from '../helpers/real-dumps.js';

const SOURCES = `${REAL}SOURCES.md`;

interface Row {
  file: string;
  traces: number;
  spans: number;
}

function sourceRows(): Row[] {
  const rows: Row[] = [];
  for (const line of readFileSync(SOURCES, 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const file = /^`([^`]+)`$/.exec(cells[1] ?? '')?.[1];
    if (file === undefined) continue;
    rows.push({ file, traces: Number(cells[5]), spans: Number(cells[6]) });
  }
  return rows;
}

interface TracesJson {
  traces: { traceId: string; spans: number }[];
}

describe('tracectl traces over every real dump', () => {
  const rows = sourceRows();

  it('SOURCES.md has a row for every listed dump', () => {
    expect(rows.map((r) => r.file).sort()).toEqual([...EXPECTED_DUMPS].sort());
  });

  for (const row of rows) {
    it(`${row.file}: ${row.traces} traces`, async () => {
      const result = await runCli(['traces', '--json', `${REAL}${row.file}`]);
      expect(result.stderr.split('\n').filter((l) => l.startsWith('tracectl:'))).toEqual([]);
      expect(result.status).toBe(0);
      const json = JSON.parse(result.stdout) as TracesJson;
      expect(json.traces).toHaveLength(row.traces);
    });
  }
});

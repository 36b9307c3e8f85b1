/**
 * Every real dump in ../shared/real-traces is read by `tracectl traces --json` with exit 0, and the
 * trace and span counts match that file's row in SOURCES.md (counted there independently).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const REAL = fileURLToPath(new URL('../../../shared/real-traces/', import.meta.url));
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

describe.skipIf(!existsSync(SOURCES))('tracectl traces over every real dump', () => {
  const rows = existsSync(SOURCES) ? sourceRows() : [];

  it('SOURCES.md lists every file in the folder', () => {
    expect(rows.length).toBeGreaterThanOrEqual(45);
  });

  for (const row of rows) {
    it(`${row.file}: ${row.traces} traces`, () => {
      const result = runCli(['traces', '--json', `${REAL}${row.file}`]);
      expect(result.stderr.split('\n').filter((l) => l.startsWith('tracectl:'))).toEqual([]);
      expect(result.status).toBe(0);
      const json = JSON.parse(result.stdout) as TracesJson;
      expect(json.traces).toHaveLength(row.traces);
    });
  }
});

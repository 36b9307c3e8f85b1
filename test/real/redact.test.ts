/**
 * `tracectl redact` over every real dump in ../shared/real-traces: the redacted copy gives the same
 * `traces`, `latency` and `critical-path` results (--json, the input's name aside), and with
 * --remap-ids no original trace id is left in it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { EXPECTED_DUMPS, REAL } from '../helpers/real-dumps.js';

const tmp = mkdtempSync(join(tmpdir(), 'tracectl-real-redact-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const dumps = EXPECTED_DUMPS;

async function results(path: string): Promise<string[]> {
  const out: string[] = [];
  for (const command of ['traces', 'latency', 'critical-path']) {
    const r = await runCli([command, path, '--json']);
    out.push(`${r.status} ${r.stdout.split(path).join('<in>')}`);
  }
  return out;
}

describe('redact over the real dumps', () => {
  it.each(dumps)('%s', async (dump) => {
    const input = join(REAL, dump);
    const out = join(tmp, dump.replace('/', '__'));
    const r = await runCli(['redact', input, '-o', out, '-q']);
    expect(r.status, r.stderr).toBe(0);
    expect(await results(out)).toEqual(await results(input));
    const remapped = `${out}.ids`;
    expect((await runCli(['redact', input, '-o', remapped, '-q', '--remap-ids'])).status).toBe(0);
    const traceIds = (JSON.parse((await runCli(['traces', input, '--json'])).stdout) as { traces: { traceId: string }[] }).traces.map((t) => t.traceId);
    const text = readFileSync(remapped, 'utf8').toLowerCase();
    // An id counts as left only as a whole hex token (leading zeros allowed, as writers pad 64-bit ids
    // to 128): a fresh random id may contain an old short id such as 0000000000000001 by chance.
    const leftOver = (id: string): boolean => new RegExp(`(?<![0-9a-f])0*${id}(?![0-9a-f])`).test(text);
    expect(traceIds.filter((id) => id.length >= 16 && leftOver(id))).toEqual([]);
  });
});

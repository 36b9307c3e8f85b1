/**
 * The test server answers as a ClickHouse server does for requests without a session: what one
 * request sets — its settings (readonly, max_execution_time, output ones), its output format, its
 * database, even a SET statement — ends with it. The embedded engine has one session for every
 * request, so this is the server's doing, and the next request must not see any of it.
 */
import { describe, expect, it } from 'vitest';
import { useChdbServer } from './support/tables.js';

const server = useChdbServer();

async function request(sql: string, url: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const u = new URL(server().url);
  for (const [k, v] of Object.entries(url)) u.searchParams.set(k, v);
  const response = await fetch(u, { method: 'POST', body: sql });
  return { status: response.status, body: await response.text() };
}

const SHOW = "SELECT getSetting('readonly'), getSetting('max_execution_time'), getSetting('output_format_json_quote_64bit_integers'), getSetting('max_threads'), currentDatabase()";

describe('the chdb test server', () => {
  it("a request's settings, format and database do not outlive it", async () => {
    const plain = await request(SHOW);
    expect(plain).toMatchObject({ status: 200, body: expect.stringMatching(/^0\t0\tfalse\t\S+\tdefault\n$/) });
    const threads = plain.body.split('\t')[3]!;
    expect((await request('CREATE DATABASE IF NOT EXISTS other')).status).toBe(200);
    const own = await request(SHOW, { readonly: '1', max_execution_time: '7', output_format_json_quote_64bit_integers: '1', default_format: 'JSONCompactEachRow', database: 'other' });
    // Applied to the request itself...
    expect(own).toEqual({ status: 200, body: `[1, 7, true, ${threads}, "other"]\n` });
    // ... and to nothing after it.
    expect(await request(SHOW)).toEqual(plain);
    // A write after a read-only request is not refused.
    expect((await request('CREATE TABLE default.after_readonly (x UInt8) ENGINE = Memory')).status).toBe(200);
  });

  it('a SET statement lasts as long as its request, as on a server', async () => {
    const before = await request(SHOW);
    expect((await request('SET max_threads = 3, max_execution_time = 9')).status).toBe(200);
    expect(await request(SHOW)).toEqual(before);
    const refused = await request('SET max_threads = 3', { readonly: '1' });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatch(/^Code: 164\. DB::Exception: .*\(READONLY\)/);
  });

  it('a setting the engine keeps despite it all is put back after the request', async () => {
    const before = await request(SHOW);
    // Two statements in one body: the second SET reaches the engine's session.
    expect((await request('SELECT 1; SET max_execution_time = 11')).status).toBe(200);
    expect(await request(SHOW)).toEqual(before);
  });
});

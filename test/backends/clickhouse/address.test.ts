import { describe, expect, it } from 'vitest';
import { isTableInput, parseTableAddress } from '../../../src/backends/clickhouse/address.js';

describe('table addresses', () => {
  it('reads host, port, database and table, with the HTTP interface ports by default', () => {
    expect(parseTableAddress('clickhouse://ch.internal/otel?table=spans', {})).toMatchObject({
      secure: false,
      host: 'ch.internal',
      port: 8123,
      database: 'otel',
      table: 'spans',
      username: 'default',
      password: '',
      display: 'clickhouse://ch.internal:8123/otel?table=spans',
    });
    expect(parseTableAddress('clickhouses://ch.internal', {})).toMatchObject({ secure: true, port: 8443, database: 'default', table: 'otel_traces' });
    expect(parseTableAddress('clickhouse://ch.internal:9123/', {}).port).toBe(9123);
  });

  it('takes credentials from the address, else from CLICKHOUSE_USER and CLICKHOUSE_PASSWORD, and never shows them', () => {
    const fromUrl = parseTableAddress('clickhouse://reader:s%40cret@ch:8123/db?table=t', { CLICKHOUSE_USER: 'env', CLICKHOUSE_PASSWORD: 'envpw' });
    expect([fromUrl.username, fromUrl.password]).toEqual(['reader', 's@cret']);
    expect(fromUrl.display).toBe('clickhouse://ch:8123/db?table=t');
    const fromEnv = parseTableAddress('clickhouse://ch/db', { CLICKHOUSE_USER: 'env', CLICKHOUSE_PASSWORD: 'envpw' });
    expect([fromEnv.username, fromEnv.password]).toEqual(['env', 'envpw']);
    expect(fromEnv.display).not.toMatch(/env/);
  });

  it('refuses what it cannot read, without repeating a password', () => {
    expect(() => parseTableAddress('clickhouse://u:hunter2@ch/a/b', {})).toThrow("clickhouse://***@ch/a/b: the path is the database name, one segment (got 'a/b')");
    expect(() => parseTableAddress('clickhouse://ch/db?tabel=x', {})).toThrow("unknown parameter 'tabel'");
    expect(() => parseTableAddress('clickhouse://ch/db?table=', {})).toThrow('?table= needs a table name');
    expect(() => parseTableAddress('clickhouse://u:hunter2@[bad/db', {})).toThrow(/^clickhouse:\/\/\*\*\*@\[bad\/db is not a valid address/);
  });

  it('tells table inputs from files and HTTP URLs', () => {
    expect(['clickhouse://h/db', 'CLICKHOUSES://h', 'http://h/api/traces', 'clickhouse.json'].map(isTableInput)).toEqual([true, true, false, false]);
  });
});

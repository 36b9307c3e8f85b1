/**
 * The definitions the SQL reproduces, checked against the engine on generated input: the
 * error-text normalization (error-reason.ts, rewritten without look-ahead for RE2), --where regular
 * expressions (tracectl's matcher against RE2 on the rewritten pattern), and the nearest rank.
 */
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeErrorText } from '../../src/analyses/error-reason.js';
import { nearestRank } from '../../src/analyses/percentile.js';
import { normalizeSql } from '../../src/backends/clickhouse/error-reason-sql.js';
import { nearestRankSql } from '../../src/backends/clickhouse/nearest-rank-sql.js';
import { Params } from '../../src/backends/clickhouse/statement.js';
import { compileRegex } from '../../src/query/regex-matcher.js';
import { toRe2 } from '../../src/query/regex-re2.js';
import { useChdbServer } from './support/tables.js';

const server = useChdbServer();
let client: ClickHouseClient;
beforeAll(() => {
  client = createClient({ url: server().url });
});
afterAll(async () => {
  await client.close();
});

async function select<T>(sql: string, params: Params): Promise<T> {
  const result = await client.query({ query: sql, query_params: params.all, format: 'JSONEachRow' });
  const [row] = await result.json<{ v: T }>();
  return row!.v;
}

/** Pieces error messages are made of, and the characters that trip regular expressions. */
const PIECES = [
  'timeout after ', '5003ms', '4.5s', '35µs', '12μs', '10.0.3.7', '256.1.1.1', '0x7f3aBC', 'deadbeef', 'DEADBEEF12', 'abcdefab', '1234abcd', '12345678',
  '6E92ZMYYFZ', 'user_42', '_1', '1_', 'order-123', '2024-05-01T10:00:00.123Z', '2024-05-01 10:00:00,5+02:00', 'f47ac10b-58cc-4372-a567-0e02b2c3d479',
  ' ', '  ', '\t', '\n', '\u00a0', '\u2028', '\u3000', '\ufeff', ',', '.', ':', '(', ')', 'é', 'ü', '日本', '🙂', 'HTTP', '503', '42', '3.14', 'x', 'ms', 'K', 'ſ',
];

describe('the SQL reproduces tracectl\'s definitions', () => {
  it('error-text normalization', async () => {
    const texts = fc.sample(fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 8 }).map((p) => p.join('')), { numRuns: 400, seed: 42 });
    const params = new Params();
    const list = params.ref('Array(String)', texts);
    const normalized = await select<string[]>(`SELECT arrayMap(t -> ${normalizeSql('t', params)}, ${list}) AS v`, params);
    // Kelvin sign and long s fold to k and s in RE2's case-insensitive classes, not in JavaScript's.
    const comparable = texts.map((t, i) => ({ t, sql: normalized[i], js: normalizeErrorText(t) })).filter((c) => !/[Kſ]/.test(c.t));
    expect(comparable.filter((c) => c.sql !== c.js)).toEqual([]);
    expect(comparable.length).toBeGreaterThan(300);
  });

  it('--where regular expressions match the same values', async () => {
    const atoms = ['a', 'b', '.', '\\d', '\\s', '\\w', '[a-c]', '[^a]', '(a|b)', 'é', '\\.'];
    const quantifiers = ['', '*', '+', '?', '{2}', '{1,3}'];
    const patterns = fc.sample(
      fc.tuple(fc.boolean(), fc.array(fc.tuple(fc.constantFrom(...atoms), fc.constantFrom(...quantifiers)), { minLength: 1, maxLength: 4 })).map(([i, parts]) => `${i ? '(?i)' : ''}${parts.map(([a, q]) => a + q).join('')}`),
      { numRuns: 60, seed: 7 },
    );
    const subjects = ['', 'a', 'A', 'ab', 'aab', 'b2', 'a.b', 'é', 'É', 'a\nb', 'a b', 'a\u00a0b', '12', 'x_y', 'abcabc', 'ba'];
    const params = new Params();
    const s = params.ref('Array(String)', subjects);
    // One match() a pattern: match() takes a constant pattern, so the patterns are unrolled.
    const sql = `SELECT [${patterns.map((_, i) => `arrayMap(x -> match(x, ${params.ref('String', toRe2(patterns[i]!))}), ${s})`).join(', ')}] AS v`;
    const matched = await select<number[][]>(sql, params);
    const differences: string[] = [];
    patterns.forEach((pattern, i) => {
      const re = compileRegex(pattern);
      subjects.forEach((subject, j) => {
        if ((matched[i]![j] === 1) !== re.test(subject)) differences.push(`${pattern} on ${JSON.stringify(subject)}`);
      });
    });
    expect(differences).toEqual([]);
  });

  it('the nearest rank', async () => {
    const cases = fc.sample(fc.tuple(fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 300 }), fc.constantFrom(0.1, 1, 25, 50, 90, 95, 99, 99.9, 99.99, 100, 33.333)), {
      numRuns: 80,
      seed: 3,
    });
    for (const [values, p] of cases) {
      const params = new Params();
      const list = params.ref('Array(UInt64)', values);
      const sorted = `arraySort(${list})`;
      const got = await select<string>(`SELECT ${nearestRankSql(sorted, `length(${list})`, p, params)} AS v`, params);
      expect(Number(got), `p${p} of ${values.length}`).toBe(nearestRank([...values].sort((a, b) => a - b), p));
    }
  });
});

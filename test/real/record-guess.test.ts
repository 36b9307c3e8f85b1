/**
 * Every real dump gives the same traces, warnings and summaries (or the same error) with record
 * guessing as without it (record-guess.ts), as written and minified (jaeger-query's and Zipkin's own
 * servers write compact JSON, which is where guessing cuts).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readCounts } from '../helpers/read-counts.js';
import { expectSameGuessing } from '../helpers/guess-reads.js';
import { REAL, realDumps } from '../helpers/real-dumps.js';

const files = realDumps();

/** The dump's text minified, when it is one JSON document (every .json dump); undefined for JSON lines. */
function minified(path: string): string | undefined {
  if (/\.jsonl(\.gz)?$/.test(path)) return undefined;
  const raw = readFileSync(path);
  const text = (path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  return JSON.stringify(JSON.parse(text));
}

describe('record guessing on every real dump', () => {
  it.each(files.map((f) => [f.slice(REAL.length)]))('%s reads the same with and without it', async (name) => {
    await expectSameGuessing(readFileSync(REAL + name));
    const small = minified(REAL + name);
    if (small !== undefined) await expectSameGuessing(small);
  });

  it('guesses the records of the Jaeger and Zipkin dumps, minified', async () => {
    const before = readCounts.guessed;
    for (const f of files.filter((f) => /\/(jaeger|zipkin-v2)\//.test(f))) {
      const small = minified(f);
      if (small !== undefined) await expectSameGuessing(small);
    }
    expect(readCounts.guessed - before).toBeGreaterThan(100);
  });
});

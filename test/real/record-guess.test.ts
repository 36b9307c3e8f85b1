/**
 * Every real dump gives the same traces, warnings and summaries (or the same error) with record
 * guessing as without it (record-guess.ts), as written and minified (jaeger-query's and Zipkin's own
 * servers write compact JSON, which is where guessing cuts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readCounts } from '../helpers/read-counts.js';
import { expectSameGuessing } from '../helpers/guess-reads.js';
import { dumpFiles, REAL } from '../helpers/real-dumps.js';

const files = existsSync(REAL) ? dumpFiles(REAL) : [];

/** The dump's text minified, when it is one JSON document; else undefined. */
function minified(path: string): string | undefined {
  const raw = readFileSync(path);
  const text = (path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return undefined;
  }
}

describe.skipIf(files.length === 0)('record guessing on every real dump', () => {
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

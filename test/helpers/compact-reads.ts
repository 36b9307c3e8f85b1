/** Reads inputs into compact batches with the fast lean readers on and off, for comparing the two. */
import type { SpanBatch } from '../../src/input/compact-batch.js';
import { readCompact } from '../../src/input/read-spans.js';
import { WarningLog } from '../../src/model/warning-log.js';
import { readCounts } from './read-counts.js';

export interface CompactRead {
  readonly batches: unknown[];
  readonly warnings: unknown[];
  readonly outcome: unknown;
}

/** Everything a compact read of `path` gives (batches as plain data), or its error message. */
export async function compactRead(path: string, fast: boolean): Promise<CompactRead> {
  const batches: unknown[] = [];
  const warnings = new WarningLog();
  const outcome = await readCompact(
    [path],
    (batch: SpanBatch) => batches.push({ ...batch, words: [...batch.words], starts: [...batch.starts].map(String), durations: [...batch.durations] }),
    { stdin: process.stdin, warnings, workers: 0, tuning: { fastRuns: fast }, counts: readCounts },
  ).then(
    (summaries) => summaries,
    (e: Error) => e.message,
  );
  return { batches: typeof outcome === 'string' ? [] : batches, warnings: typeof outcome === 'string' ? [] : [...warnings.list], outcome };
}

/**
 * Reads with record guessing (record-guess.ts) on and off, through stdin in chosen chunks and with
 * small blocks, for comparing the two: everything a read gives, traces rebuilt from the compact
 * store (batches are grouped differently either way).
 */
import { Readable } from 'node:stream';
import { expect } from 'vitest';
import type { SpanBatch } from '../../src/input/compact-batch.js';
import { readCompact } from '../../src/input/read-spans.js';
import { SpanStore } from '../../src/input/span-store.js';
import type { TraceWarning } from '../../src/model/warnings.js';
import { WarningLog } from '../../src/model/warning-log.js';
import { readCounts } from './read-counts.js';

export interface GuessRead {
  readonly traces: unknown[];
  readonly warnings: unknown[];
  readonly outcome: unknown;
}

/** Everything a compact read of `text` through stdin gives, in chunks of `chunk` bytes. */
export async function guessRead(text: string | Buffer, guess: boolean, chunk: number, blockBytes = 512, maxPending = 1 << 20): Promise<GuessRead> {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) chunks.push(bytes.subarray(i, i + chunk));
  const store = new SpanStore();
  const warnings = new WarningLog();
  const outcome = await readCompact(['-'], (batch: SpanBatch, source) => store.add(batch, source), {
    stdin: Readable.from(chunks),
    warnings,
    workers: 0,
    tuning: { guess, guessBlockBytes: blockBytes, guessMaxPending: maxPending },
    counts: readCounts,
  }).then(
    (summaries) => summaries,
    (e: Error) => e.message,
  );
  const duplicates: TraceWarning[] = [];
  const traces = typeof outcome === 'string' ? [] : [...store.byTrace(duplicates)];
  return { traces, warnings: typeof outcome === 'string' ? [] : [...warnings.list, ...duplicates], outcome };
}

/** Reads `text` with and without guessing, in several chunk and block sizes; all must agree. */
export async function expectSameGuessing(text: string | Buffer): Promise<GuessRead> {
  const exact = await guessRead(text, false, 1 << 16);
  for (const [chunk, block] of [
    [1 << 16, 512],
    [7, 64],
    [1000, 1],
    [333, 4096],
  ] as const) {
    expect(await guessRead(text, true, chunk, block), `chunks of ${chunk}, blocks of ${block}`).toEqual(exact);
  }
  return exact;
}

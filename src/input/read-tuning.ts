/**
 * How the reader reads: which fast paths it takes and how big its pieces are. Passed in with the read
 * options, never read from the environment here: the defaults are what a user wants, and the knobs
 * exist to measure each fast path on and off (the benchmark sets TRACECTL_FAST, TRACECTL_RUNS, ...,
 * which cli/read-knobs.ts turns into this) and to let tests cut small inputs many ways.
 */
export interface ReadTuning {
  /** Runs of small records read by the fast lean reader (byte-runs.ts); TRACECTL_FAST=0 turns it off. */
  readonly fastRuns: boolean;
  /** Small records of one array handed on in runs (record-run.ts); TRACECTL_RUNS=0 one by one. */
  readonly runs: boolean;
  /** OTLP records handed to the workers as bytes, not text; TRACECTL_OTLP_BYTES=0 as text. */
  readonly otlpBytes: boolean;
  /** The parse workers' young generation in MB (TRACECTL_WORKER_YOUNG_MB): small keeps RSS low. */
  readonly workerYoungMb: number;
}

export const DEFAULT_TUNING: ReadTuning = {
  fastRuns: true,
  runs: true,
  otlpBytes: true,
  workerYoungMb: 8,
};

/** How the records of a read were taken, for callers that want to know (tests, measurements). */
export interface ReadCounts {
  /** Records read by the fast lean reader, and records of runs read the ordinary way. */
  fast: number;
  slow: number;
}

export function newReadCounts(): ReadCounts {
  return { fast: 0, slow: 0 };
}

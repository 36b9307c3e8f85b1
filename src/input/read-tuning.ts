/**
 * How the reader reads: which fast paths it takes and how big its pieces are. Passed in with the read
 * options, never read from the environment here: the defaults are what a user wants, and the knobs
 * exist to measure each fast path on and off (the benchmark sets TRACECTL_GUESS, TRACECTL_FAST, ...,
 * which cli/read-knobs.ts turns into this) and to let tests cut small inputs many ways.
 */
export interface ReadTuning {
  /** Record guessing (record-guess.ts); TRACECTL_GUESS=0 turns it off. */
  readonly guess: boolean;
  /** Guessed records are sent in blocks of about this many bytes. */
  readonly guessBlockBytes: number;
  /** A record still not ended after this many bytes is left to the framer (and guessing stops). */
  readonly guessMaxPending: number;
  /** Runs of small records read by the fast lean reader (byte-runs.ts); TRACECTL_FAST=0 turns it off. */
  readonly fastRuns: boolean;
  /** Small records of one array handed on in runs (record-run.ts); TRACECTL_RUNS=0 one by one. */
  readonly runs: boolean;
  /** OTLP records handed to the workers as bytes, not text; TRACECTL_OTLP_BYTES=0 as text. */
  readonly otlpBytes: boolean;
  /**
   * When the workers are behind, the main thread parses the next batch itself rather than wait
   * (record-pipeline.ts); TRACECTL_STEAL=0 waits instead.
   */
  readonly steal: boolean;
  /** The parse workers' young generation in MB (TRACECTL_WORKER_YOUNG_MB): small keeps RSS low. */
  readonly workerYoungMb: number;
}

export const DEFAULT_TUNING: ReadTuning = {
  guess: true,
  guessBlockBytes: 256 << 10,
  guessMaxPending: 4 << 20,
  fastRuns: true,
  runs: true,
  otlpBytes: true,
  steal: true,
  workerYoungMb: 8,
};

/** How the records of a read were taken, for callers that want to know (tests, measurements). */
export interface ReadCounts {
  /** Records read by the fast lean reader, and records of runs read the ordinary way. */
  fast: number;
  slow: number;
  /** Records read by guessing, and guesses that ended at a record that did not parse. */
  guessed: number;
  guessStops: number;
}

export function newReadCounts(): ReadCounts {
  return { fast: 0, slow: 0, guessed: 0, guessStops: 0 };
}

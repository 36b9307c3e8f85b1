/**
 * The reader's knobs, read from the environment of the run (`io.env`): TRACECTL_WORKERS and the
 * fast-path switches the benchmark turns off and on to measure each one. The environment is their
 * interface; the reader itself gets them as options (input/read-tuning.ts).
 */
import type { ReadTuning } from '../input/read-tuning.js';
import type { Io } from './io.js';

export interface ReadKnobs {
  /** TRACECTL_WORKERS=n: parse workers (0 parses on the main thread); absent: automatic. */
  readonly workers?: number;
  readonly tuning: Partial<ReadTuning>;
}

/** `TRACECTL_<NAME>=0` turns a fast path off; anything else leaves it on. */
const SWITCHES = [
  ['TRACECTL_FAST', 'fastRuns'],
  ['TRACECTL_RUNS', 'runs'],
  ['TRACECTL_OTLP_BYTES', 'otlpBytes'],
] as const;

export function readKnobs(env: Io['env']): ReadKnobs {
  const tuning: { -readonly [K in keyof ReadTuning]?: ReadTuning[K] } = {};
  for (const [name, key] of SWITCHES) if (env[name] === '0') tuning[key] = false;
  const young = wholeNumber(env.TRACECTL_WORKER_YOUNG_MB, 1, 1024);
  if (young !== undefined) tuning.workerYoungMb = young;
  const workers = wholeNumber(env.TRACECTL_WORKERS, 0, 16);
  return workers === undefined ? { tuning } : { workers, tuning };
}

/** A whole number from `min` to `max`, or undefined (unset or out of range: the default holds). */
function wholeNumber(raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

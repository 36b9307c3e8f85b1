/**
 * Which trace a one-trace command (waterfall, span) shows. With `--trace` the user said which (a full
 * id or a unique prefix, see pick-trace.ts). Without it, a dump of one trace needs no choice; a dump
 * of many shows the longest, because the slow request is usually the one being looked at, and the
 * caller says on stderr which one it chose so the choice is never silent.
 */
import { UsageError } from '../errors.js';
import type { Trace } from '../model/trace.js';
import { pickTrace } from './pick-trace.js';

export interface ChosenTrace {
  readonly trace: Trace;
  /** How many traces the input had, when they were all read (no --trace). */
  readonly total: number | undefined;
  /** True when the input had several traces and the longest was chosen for the user. */
  readonly longest: boolean;
}

export function chooseTrace(traces: Iterable<Trace>, query: string | undefined): ChosenTrace {
  if (query !== undefined) return { trace: pickTrace(traces, query), total: undefined, longest: false };
  let best: Trace | undefined;
  let total = 0;
  for (const trace of traces) {
    total++;
    if (best === undefined || trace.durationNs > best.durationNs) best = trace;
  }
  if (best === undefined) throw new UsageError('the input has no traces');
  return { trace: best, total, longest: total > 1 };
}

/**
 * A policy's vote on one trace, with the processor's names (pkg/samplingpolicy: Sampled, NotSampled,
 * Dropped, InvertSampled, InvertNotSampled, Error), and how likely a `sampled` vote was for this
 * trace: 1 for a policy that reads only the trace's content, the percentage for `probabilistic`,
 * NaN when it is not a probability at all (rate limiting). tracectl weighs a kept trace by the most
 * likely vote that kept it (its adjusted count, 1 / p).
 */
export type Decision = 'sampled' | 'not-sampled' | 'dropped' | 'invert-sampled' | 'invert-not-sampled';

export interface Vote {
  readonly decision: Decision;
  /** With a sampling decision: the probability of that decision given the trace's content. */
  readonly p: number;
}

export const SAMPLED: Vote = { decision: 'sampled', p: 1 };
export const NOT_SAMPLED: Vote = { decision: 'not-sampled', p: 1 };
export const INVERT_SAMPLED: Vote = { decision: 'invert-sampled', p: 1 };
export const INVERT_NOT_SAMPLED: Vote = { decision: 'invert-not-sampled', p: 1 };

/** Sampled or invert-sampled: the vote asks to keep the trace. */
export function keeps(decision: Decision): boolean {
  return decision === 'sampled' || decision === 'invert-sampled';
}

/** A policy that could not decide (the processor counts an evaluation error and goes on without it). */
export class PolicyEvaluationError extends Error {}

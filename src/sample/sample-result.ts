/**
 * What `tracectl sample` reports, as `--json` prints it and the text report shows it: how the policy
 * was applied (ratio, tail-sampling policies, or --keep expressions), what the input said about its
 * own sampling, the before/after report (sample-report.ts), and where the kept traces went.
 */
import type { SamplingSummary } from '../analyses/sampling-tally.js';
import type { LossEntry } from '../formats/encode/losses.js';
import type { SampleReport } from './sample-report.js';

export interface PolicyStats {
  readonly name: string;
  readonly type: string;
  /** Traces the policy voted to keep (sampled or inverted-sampled). */
  readonly keepVotes: number;
  /** Kept traces recorded as kept by this policy (the Collector's `tailsampling.policy`). */
  readonly kept: number;
  /** Traces this drop policy dropped. */
  readonly dropped: number;
  /** Traces the policy could not decide (the processor's evaluation errors). */
  readonly errors: number;
  /** Traces it was not asked about (after a drop, or with sample_on_first_match). */
  readonly notAsked: number;
}

export interface SampleResult {
  readonly mode: 'ratio' | 'policy' | 'keep';
  readonly ratio?: {
    readonly ratio: number;
    /** The `th` written into kept spans; null for ratio 0 (nothing is kept). */
    readonly threshold: string | null;
    /** The probability the threshold keeps (the ratio, to 2^-56). */
    readonly probability: number;
    readonly adjustedCount: number | null;
    readonly randomness: { readonly tracesByTraceId: number; readonly tracesByRv: number; readonly tracesWithout: number };
  };
  readonly policy?: {
    readonly file: string;
    /** The processor's id in the file. */
    readonly processor: string;
    readonly sampleOnFirstMatch: boolean;
    /** Options that change no decision on a complete dump, with why. */
    readonly assumed: { readonly option: string; readonly why: string }[];
    readonly policies: PolicyStats[];
    /** Kept traces whose keeping is no probability (rate limiting): counted once in the estimates. */
    readonly keptWithoutProbability: number;
  };
  readonly keep?: { readonly expressions: string[] };
  /** What the input's spans say about their own sampling. */
  readonly input: SamplingSummary;
  readonly report: SampleReport;
  readonly output: {
    readonly path: string;
    readonly format: string;
    readonly traces: number;
    readonly spans: number;
    readonly losses: LossEntry[];
  } | null;
}

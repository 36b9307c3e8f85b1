/**
 * What `tracectl why` finds, as plain JSON-safe data: `--json` prints it as is, and the text report
 * is drawn from it, so the two never disagree. Field names are the ones the command's documentation
 * promises (docs/commands/why.md).
 */

/** Where an attribute lives: the span's own attributes, its resource, its instrumentation scope, or a span field. */
export type AttrScope = 'span' | 'resource' | 'scope' | 'intrinsic';

/** How the selection was chosen. */
type WhyBy = 'slow' | 'errors' | 'selection';

interface WhySide {
  readonly spans: number;
  /** The side as a `--where` expression (over the spans compared). */
  readonly rule: string;
}

export interface WhySelection extends WhySide {
  readonly by: WhyBy;
  /** `--slow pN`: N. */
  readonly percentile?: number;
  /** `--slow`: the duration a span must reach (or exceed, with `--slow '>D'`), in ms. */
  readonly thresholdMs?: number;
  /**
   * `--slow pN`, only when it differs from `thresholdMs`: the pN itself (three significant digits),
   * which a dump too big to count every duration exactly near it put outside the durations so counted.
   */
  readonly percentileMs?: number;
  /** Counts from several threads could not be split exactly at the threshold (their intervals did not meet). */
  readonly approximate?: true;
}

export interface WhyFinding {
  /** The attribute key as the dump has it, or the span field (`service`, `operation`, `kind`, `status`, `duration`). */
  readonly key: string;
  /** The value as text (booleans "true"/"false"; a threshold for `>=` and `<`). */
  readonly value: string;
  /** `=` for a value; `>=` or `<` for a threshold on a number or a duration. */
  readonly op: '=' | '>=' | '<';
  readonly scope: AttrScope;
  /** selectionCount / selection spans. */
  readonly selectionShare: number;
  readonly baselineShare: number;
  readonly selectionCount: number;
  readonly baselineCount: number;
  /** Lower confidence bound of selectionShare − baselineShare (share-score.ts); 0..1, higher is stronger. */
  readonly score: number;
  /** The finding's spans as a `--where` expression: the finding, ANDed with the command's own `--where`. */
  readonly where: string;
}

export interface WhySkipped {
  readonly key: string;
  readonly scope: AttrScope;
  readonly reason: string;
}

interface WhyBaseline extends WhySide {
  /** `rest`: every compared span not selected; `expression`: those of them matching `--baseline`. */
  readonly by: 'rest' | 'expression';
}

export interface WhyResult {
  readonly selection: WhySelection;
  readonly baseline: WhyBaseline;
  /** The spans compared: every span read, or those `--where` kept. */
  readonly compared: {
    readonly spans: number;
    /** The `--where` expression, or null. */
    readonly rule: string | null;
    /** Under `--slow`: spans without a duration, in neither side. */
    readonly untimedSpans: number;
    /** With `--baseline`: spans in neither the selection nor the baseline. */
    readonly otherSpans: number;
  };
  /** Values and thresholds compared: the m of the score's Bonferroni correction. */
  readonly candidates: number;
  /** Best first, at most `top`; only findings with a score above 0. */
  readonly attributes: WhyFinding[];
  readonly skipped: WhySkipped[];
}

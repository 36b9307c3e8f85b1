/**
 * Bugs the hostile-input suites found in code other engineers own and are still working on. Each has
 * a deterministic reproduction in test/hostile/ marked `it.fails` (named in `test`): when the bug is
 * fixed that test starts failing, and whoever fixed it removes the `.fails` and the entry here. The
 * fuzz properties set problems matching an entry aside (counted, printed), so they keep catching
 * everything else meanwhile.
 */
export interface KnownIssue {
  readonly id: string;
  /** Where the fix belongs. */
  readonly where: string;
  /** The `it.fails` test that reproduces it. */
  readonly test: string;
  /** Matches the problem lines (from outcomeProblems) this bug produces. */
  readonly matches: RegExp;
}

export const KNOWN_ISSUES: readonly KnownIssue[] = [
  {
    id: 'absurd-times',
    where: 'a Jaeger duration of 1e308 µs becomes Infinity, which reaches BigInt() in src/model/clock-skew.ts, src/cli/latency-stream.ts and src/formats/otlp/encode.ts',
    test: 'test/hostile/times.test.ts > Jaeger startTime, duration and tag numbers all 1e308: no internal error in any command',
    // Only numbers beyond 2^1023 make an Infinity: as an internal error, or in a warning's text; a
    // start of 1e308 µs is an invalid Date in isoFromNanos (src/model/time.ts), or a 300-digit
    // "0000…000ns" start that widens the traces table past --width.
    matches: /Infinity|Invalid time value|cells at --width \d+: "TRACE .*START/,
  },
];

/** The known issue a problem line belongs to, if any. */
export function knownIssueOf(problem: string): KnownIssue | undefined {
  return KNOWN_ISSUES.find((k) => k.matches.test(problem));
}

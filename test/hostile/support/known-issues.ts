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

// None open: the last one (a Jaeger duration of 1e308 µs reaching BigInt() as Infinity) was fixed in
// src/formats/jaeger/timing.ts, which now ignores a duration beyond 2^53 ns with a warning, as Zipkin does.
const KNOWN_ISSUES: readonly KnownIssue[] = [];

/** The known issue a problem line belongs to, if any. */
export function knownIssueOf(problem: string): KnownIssue | undefined {
  return KNOWN_ISSUES.find((k) => k.matches.test(problem));
}

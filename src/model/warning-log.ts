/**
 * Collects warnings from a whole run: counts every one by code, keeps the first few of each code in
 * full. A dump with a million orphans must not hold a million warning objects.
 */
import type { TraceWarning, WarningCode } from './warnings.js';

/** Enough to see the pattern of a code in `--json` without a megabyte of one warning repeated. */
const KEPT_PER_CODE = 20;

export class WarningLog {
  private readonly kept: TraceWarning[] = [];
  private readonly countByCode = new Map<WarningCode, number>();

  /**
   * `accepts`: which warnings concern this run (a one-trace command asked for one trace keeps that
   * trace's warnings and those of no trace in particular); the others are not recorded at all.
   */
  constructor(private readonly accepts?: (warning: TraceWarning) => boolean) {}

  /** Records a warning; `times` when one message stands for several skipped values. */
  add(warning: TraceWarning, times = 1): void {
    if (this.accepts !== undefined && !this.accepts(warning)) return;
    const count = (this.countByCode.get(warning.code) ?? 0) + times;
    this.countByCode.set(warning.code, count);
    if (count - times < KEPT_PER_CODE) this.kept.push(warning);
  }

  addAll(warnings: Iterable<TraceWarning>): void {
    for (const w of warnings) this.add(w);
  }

  /** The kept warnings, in the order they were found. */
  get list(): readonly TraceWarning[] {
    return this.kept;
  }

  /** Every warning counted by code, most frequent first. */
  counts(): { code: WarningCode; count: number }[] {
    return [...this.countByCode].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  }

  get total(): number {
    let total = 0;
    for (const n of this.countByCode.values()) total += n;
    return total;
  }
}

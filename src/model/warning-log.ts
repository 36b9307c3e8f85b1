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

  /** Per trace, while the trace the run is about is not known yet (see holdByTrace). */
  private held: Map<string, WarningLog> | undefined;

  /**
   * Until `keepTrace`, warnings about a trace are set aside by trace rather than recorded: for a
   * command that learns which trace it shows only after reading them all (`span` without --trace).
   * Each trace's are bounded as the log is (KEPT_PER_CODE a code, the rest counted).
   */
  holdByTrace(): void {
    this.held ??= new Map();
  }

  /** Records the warnings set aside for `traceId` (none if it had none) and drops those of every other trace. */
  keepTrace(traceId: string): void {
    const held = this.held;
    this.held = undefined;
    const log = held?.get(traceId);
    if (log === undefined) return;
    for (const w of log.kept) this.add(w);
    // What the trace's own log counted beyond what it kept.
    for (const [code, count] of log.countByCode) {
      const kept = log.kept.filter((w) => w.code === code).length;
      if (count > kept) this.countByCode.set(code, (this.countByCode.get(code) ?? 0) + count - kept);
    }
  }

  /** Records a warning; `times` when one message stands for several skipped values. */
  add(warning: TraceWarning, times = 1): void {
    if (this.accepts !== undefined && !this.accepts(warning)) return;
    if (this.held !== undefined && warning.traceId !== undefined) {
      let log = this.held.get(warning.traceId);
      if (log === undefined) this.held.set(warning.traceId, (log = new WarningLog()));
      log.add(warning, times);
      return;
    }
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

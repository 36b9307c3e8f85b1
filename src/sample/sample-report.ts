/**
 * What a sampling policy does to a full dump, from the traces before and the traces kept: how many
 * traces and spans, which error signatures survive and which are lost (error-groups.ts signatures),
 * each service's entry-span latency before and after (plain, and weighted by the kept spans'
 * adjusted counts, the estimate a sampled backend would show), and the request rate (traces per
 * second over the dump's time) before, after, and extrapolated from the kept traces' adjusted counts.
 * Fed one trace at a time; keeps only aggregates.
 */
import { ErrorGroupAggregator } from '../analyses/error-groups.js';
import { traceErrors } from '../analyses/error-chains.js';
import { LatencyAggregator, type LatencyGroup } from '../analyses/latency.js';
import { finiteNanos } from '../model/time.js';
import type { Span } from '../model/span.js';
import type { Trace } from '../model/trace.js';

interface SampleLatency {
  readonly count: number;
  readonly percentilesMs: Record<string, number>;
}

interface SampleServiceLatency {
  readonly service: string;
  readonly before: SampleLatency;
  /** null when no entry span of the service was kept. */
  readonly after: SampleLatency | null;
  /** The kept spans weighted by adjusted count; null as `after`. */
  readonly afterWeighted: SampleLatency | null;
}

interface SampleErrorSignature {
  readonly signature: string;
  readonly tracesBefore: number;
  readonly tracesAfter: number;
}

export interface SampleReport {
  readonly traces: { readonly before: number; readonly after: number };
  readonly spans: { readonly before: number; readonly after: number };
  readonly errors: {
    /** Traces with an error chain. */
    readonly tracesBefore: number;
    readonly tracesAfter: number;
    readonly signaturesBefore: number;
    readonly signaturesAfter: number;
    /** Signatures no kept trace has, most traces first. */
    readonly lost: SampleErrorSignature[];
    /** Every signature, most traces before first. */
    readonly signatures: SampleErrorSignature[];
  };
  readonly latency: { readonly percentiles: number[]; readonly services: SampleServiceLatency[] };
  readonly rate: {
    /** Earliest start to latest end over every trace read. */
    readonly windowSec: number;
    readonly beforePerSec: number | null;
    readonly afterPerSec: number | null;
    /** The kept traces counted by their adjusted counts. */
    readonly extrapolatedPerSec: number | null;
  };
}

export class SampleReportBuilder {
  private readonly before: LatencyAggregator;
  private readonly after: LatencyAggregator;
  private readonly errorsBefore = new ErrorGroupAggregator();
  private readonly errorsAfter = new ErrorGroupAggregator();
  private tracesBefore = 0;
  private tracesAfter = 0;
  private spansBefore = 0;
  private spansAfter = 0;
  private weightAfter = 0;
  private errorTracesBefore = 0;
  private errorTracesAfter = 0;
  private startNs: bigint | undefined;
  private endNs: bigint | undefined;

  constructor(private readonly percentiles: readonly number[]) {
    this.before = new LatencyAggregator({ percentiles: [...percentiles] });
    this.after = new LatencyAggregator({ percentiles: [...percentiles], weighted: true });
  }

  /**
   * One trace. `weightAfter` gives a kept span's adjusted count after sampling; `traceWeight` the
   * kept trace's, for the extrapolated rate.
   */
  add(trace: Trace, kept: boolean, weightAfter: (span: Span) => number, traceWeight: number): void {
    this.tracesBefore++;
    this.spansBefore += trace.nodes.length;
    const end = trace.startNs + BigInt(trace.durationNs);
    if (this.startNs === undefined || trace.startNs < this.startNs) this.startNs = trace.startNs;
    if (this.endNs === undefined || end > this.endNs) this.endNs = end;
    this.before.add(trace);
    const errors = traceErrors(trace);
    if (errors !== undefined && errors.chains.length > 0) {
      this.errorTracesBefore++;
      this.errorsBefore.add(errors);
    }
    if (!kept) return;
    this.tracesAfter++;
    this.spansAfter += trace.nodes.length;
    this.weightAfter += traceWeight;
    this.after.addWeighted(trace, weightAfter);
    if (errors !== undefined && errors.chains.length > 0) {
      this.errorTracesAfter++;
      this.errorsAfter.add(errors);
    }
  }

  result(): SampleReport {
    const windowNs = this.startNs === undefined || this.endNs === undefined ? 0 : finiteNanos(this.endNs - this.startNs);
    const windowSec = windowNs / 1e9;
    const perSec = (n: number): number | null => (windowSec > 0 ? n / windowSec : null);
    const after = new Map(this.after.result(false).groups.map((g) => [g.service, g]));
    const weighted = new Map(this.after.result(true).groups.map((g) => [g.service, g]));
    const latency = (g: LatencyGroup | undefined): SampleLatency | null => (g === undefined ? null : { count: g.count, percentilesMs: g.percentilesMs });
    const services = this.before
      .result(false)
      .groups.map((g) => ({ service: g.service, before: latency(g)!, after: latency(after.get(g.service)), afterWeighted: latency(weighted.get(g.service)) }))
      .sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : 0));
    const kept = new Map(this.errorsAfter.result().map((g) => [g.signature, g.count]));
    const signatures = this.errorsBefore.result().map((g) => ({ signature: g.signature, tracesBefore: g.count, tracesAfter: kept.get(g.signature) ?? 0 }));
    return {
      traces: { before: this.tracesBefore, after: this.tracesAfter },
      spans: { before: this.spansBefore, after: this.spansAfter },
      errors: {
        tracesBefore: this.errorTracesBefore,
        tracesAfter: this.errorTracesAfter,
        signaturesBefore: signatures.length,
        signaturesAfter: kept.size,
        lost: signatures.filter((s) => s.tracesAfter === 0),
        signatures,
      },
      latency: { percentiles: [...this.percentiles], services },
      rate: { windowSec, beforePerSec: perSec(this.tracesBefore), afterPerSec: perSec(this.tracesAfter), extrapolatedPerSec: perSec(this.weightAfter) },
    };
  }
}

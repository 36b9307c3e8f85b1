/**
 * The tail-sampling processor's decision over a whole dump (processor.go makeDecision), trace by
 * trace in the order the Collector would decide them.
 *
 * Per trace: the drop policies are asked first, then the others in the order configured; a policy
 * that cannot decide is passed over (the processor counts an evaluation error); the first drop ends
 * the asking, and so does the first plain `sampled` vote with `sample_on_first_match`. Then: dropped
 * if any policy dropped it; else not kept if any policy said inverted-not-sampled; else kept if any
 * said sampled; else kept if any said inverted-sampled and none said not-sampled; else not kept. The
 * policy recorded as keeping it (the `tailsampling.policy` attribute) is the first that said sampled,
 * or the first inverted-sampled one.
 *
 * Order and time: the Collector decides a trace `decision_wait` after its first span arrives, and a
 * span arrives when it ends. tracectl takes a trace's decision time to be its earliest span end (the
 * constant wait shifts every trace alike) and decides in that order, which is what the stateful
 * policies (`rate_limiting`, `composite`) see. The Collector's one-second ticks make decisions within
 * a second share a time; tracectl keeps them apart.
 */
import type { Span } from '../model/span.js';
import { type Decision, PolicyEvaluationError, keeps } from './decision.js';
import { buildEvaluator } from './build-evaluator.js';
import type { TailSamplingConfig } from './policy-config.js';
import type { PolicyEvaluator } from './policies/evaluator.js';
import { policyTrace } from './policy-trace.js';

export interface TailDecision {
  readonly kept: boolean;
  readonly final: 'sampled' | 'not-sampled' | 'dropped';
  /** The policy the Collector records as having kept (or dropped) the trace. */
  readonly policy?: string;
  /** The probability of a kept trace being kept given its content: the most likely vote to keep it; NaN when none is a probability. */
  readonly p: number;
  /** Each policy's vote, in the configuration's order; undefined when it was not asked, 'error' when it could not decide. */
  readonly votes: readonly (Decision | 'error' | undefined)[];
}

interface Entry {
  readonly name: string;
  readonly index: number;
  readonly drop: boolean;
  readonly evaluator: PolicyEvaluator;
}

export class TailSampler {
  private readonly order: Entry[];
  readonly errors: Map<string, number> = new Map();

  constructor(private readonly config: TailSamplingConfig) {
    const entries = config.policies.map((p, i) => ({ name: p.name, index: i, drop: p.type === 'drop', evaluator: buildEvaluator(p, `${config.id}: policies[${i}]`) }));
    this.order = [...entries.filter((e) => e.drop), ...entries.filter((e) => !e.drop)];
  }

  /** Decides every trace; returns the decisions in the order of `traces`. */
  decideAll(traces: readonly (readonly [string, readonly Span[]])[]): TailDecision[] {
    const times = traces.map(([, spans]) => decisionTime(spans));
    const order = traces.map((_, i) => i).sort((a, b) => (times[a]! < times[b]! ? -1 : times[a]! > times[b]! ? 1 : a - b));
    const out: TailDecision[] = new Array(traces.length);
    for (const i of order) {
      const [traceId, spans] = traces[i]!;
      out[i] = this.decide(traceId, spans, times[i]!);
    }
    return out;
  }

  decide(traceId: string, spans: readonly Span[], decisionNs: bigint): TailDecision {
    const trace = policyTrace(traceId, spans, decisionNs);
    const votes: (Decision | 'error' | undefined)[] = new Array(this.config.policies.length).fill(undefined);
    const first = new Map<Decision, string>();
    let p = NaN;
    for (const entry of this.order) {
      let decision: Decision;
      try {
        const vote = entry.evaluator.evaluate(trace);
        decision = vote.decision;
        if (keeps(decision) && !Number.isNaN(vote.p)) p = Number.isNaN(p) ? vote.p : Math.max(p, vote.p);
      } catch (err) {
        if (!(err instanceof PolicyEvaluationError)) throw err;
        votes[entry.index] = 'error';
        this.errors.set(entry.name, (this.errors.get(entry.name) ?? 0) + 1);
        continue;
      }
      votes[entry.index] = decision;
      if (!first.has(decision)) first.set(decision, entry.name);
      if (decision === 'dropped') break;
      if (this.config.sampleOnFirstMatch && decision === 'sampled') break;
    }
    if (first.has('dropped')) return { kept: false, final: 'dropped', policy: first.get('dropped')!, p: NaN, votes };
    if (first.has('invert-not-sampled')) return { kept: false, final: 'not-sampled', p: NaN, votes };
    if (first.has('sampled')) return { kept: true, final: 'sampled', policy: first.get('sampled')!, p, votes };
    if (first.has('invert-sampled') && !first.has('not-sampled')) return { kept: true, final: 'sampled', policy: first.get('invert-sampled')!, p, votes };
    return { kept: false, final: 'not-sampled', p: NaN, votes };
  }
}

/** A trace's earliest span end (a span is exported when it ends), else its earliest start, else 0. */
export function decisionTime(spans: readonly Span[]): bigint {
  let end: bigint | undefined;
  let start: bigint | undefined;
  for (const s of spans) {
    if (s.timing === 'missing') continue;
    if (start === undefined || s.startNs < start) start = s.startNs;
    if (s.timing === 'no-duration') continue;
    const e = s.startNs + BigInt(s.durationNs);
    if (end === undefined || e < end) end = e;
  }
  return end ?? start ?? 0n;
}

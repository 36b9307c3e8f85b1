/**
 * The aggregators' merge (a live view keeps what it no longer holds in one aggregator and merges it
 * into a fresh one): merging the aggregator of the first traces with that of the rest gives what
 * one aggregator fed every trace gives, weights of sampled input included.
 */
import { describe, expect, it } from 'vitest';
import { DepsAggregator } from '../../src/analyses/deps.js';
import { traceErrors } from '../../src/analyses/error-chains.js';
import { ErrorGroupAggregator } from '../../src/analyses/error-groups.js';
import { LatencyAggregator } from '../../src/analyses/latency.js';
import type { Trace } from '../../src/model/trace.js';
import { fixture } from '../helpers/cli.js';
import { buildTraces, readGroupsFromFile } from '../helpers/convert.js';

interface Agg<R> {
  add(trace: Trace): void;
  merge(other: never): void;
  result(): R;
}

function mergedEqualsWhole<R>(traces: readonly Trace[], make: () => Agg<R>): { whole: R; merged: R } {
  const whole = make();
  for (const t of traces) whole.add(t);
  const cut = Math.floor(traces.length / 2);
  const first = make();
  const rest = make();
  for (const t of traces.slice(0, cut)) first.add(t);
  for (const t of traces.slice(cut)) rest.add(t);
  first.merge(rest as never);
  return { whole: whole.result(), merged: first.result() };
}

class Errors {
  readonly agg = new ErrorGroupAggregator();
  add(trace: Trace): void {
    const errors = traceErrors(trace);
    if (errors !== undefined) this.agg.add(errors, 2);
  }
  merge(other: Errors): void {
    this.agg.merge(other.agg);
  }
  result() {
    return this.agg.result();
  }
}

describe('aggregators merge', () => {
  for (const name of ['errors/otlp-shop.json', 'sample/jaeger-probabilistic.json']) {
    it(`${name}: latency (by service, by operation, weighted), deps (weighted), error groups`, async () => {
      const traces = buildTraces(await readGroupsFromFile(fixture(name)));
      expect(traces.length).toBeGreaterThan(1);
      for (const by of ['service', 'operation'] as const) {
        const { whole, merged } = mergedEqualsWhole(traces, () => new LatencyAggregator({ by, weighted: true }));
        expect(merged).toEqual(whole);
        expect(whole.groups.length).toBeGreaterThan(0);
      }
      const deps = mergedEqualsWhole(traces, () => new DepsAggregator({ weighted: true }));
      expect(deps.merged).toEqual(deps.whole);
      const errors = mergedEqualsWhole(traces, () => new Errors());
      expect(errors.merged).toEqual(errors.whole);
    });
  }

  it('the sampled fixture is weighted (the merge carries weights, not only counts)', async () => {
    const traces = buildTraces(await readGroupsFromFile(fixture('sample/jaeger-probabilistic.json')));
    const agg = new LatencyAggregator({ weighted: true });
    for (const t of traces) agg.add(t);
    expect(agg.result().sampling.weighted).toBe(true);
  });
});

/**
 * A Services row's traces: the facet of each row passes exactly the traces in which the analysis
 * behind the row finds it (the dependencies for a call, the error groups for a signature), on every
 * fixture with calls or errors.
 */
import { describe, expect, it } from 'vitest';
import { DepsAggregator } from '../../src/analyses/deps.js';
import { traceErrors } from '../../src/analyses/error-chains.js';
import { ErrorGroupAggregator } from '../../src/analyses/error-groups.js';
import type { Trace } from '../../src/model/trace.js';
import { edgeFacet, operationFacet, serviceFacet, signatureFacet } from '../../src/ui/trace-facet.js';
import { fixture } from '../helpers/cli.js';
import { buildTraces, readGroupsFromFile } from '../helpers/convert.js';

const DUMPS = ['errors/otlp-shop.json', 'deps/shop.zipkin.json', 'errors/zipkin-error-tags.json', 'errors/jaeger-error-logs.json', 'sample/shop.json'];

async function traces(name: string): Promise<Trace[]> {
  return buildTraces(await readGroupsFromFile(fixture(name)));
}

describe('Services rows as tests on a trace', () => {
  it.each(DUMPS)('%s: a call passes the traces whose dependencies have that edge', async (name) => {
    const all = await traces(name);
    const whole = new DepsAggregator();
    for (const trace of all) whole.add(trace);
    const edges = whole.result().edges;
    expect(edges.length).toBeGreaterThan(0);
    for (const edge of edges) {
      const facet = edgeFacet(edge.from, edge.to);
      for (const trace of all) {
        const one = new DepsAggregator();
        one.add(trace);
        expect(facet.matches(trace), `${edge.from} → ${edge.to} in ${trace.traceId}`).toBe(one.result().edges.some((e) => e.from === edge.from && e.to === edge.to));
      }
    }
  });

  it.each(DUMPS.filter((d) => d !== 'deps/shop.zipkin.json'))('%s: a signature passes the traces with a chain of it, as many as the group counts', async (name) => {
    const all = await traces(name);
    const whole = new ErrorGroupAggregator();
    for (const trace of all) {
      const errors = traceErrors(trace);
      if (errors !== undefined) whole.add(errors);
    }
    const groups = whole.result();
    expect(groups.length).toBeGreaterThan(0);
    for (const group of groups) {
      const passed = all.filter((t) => signatureFacet(group.signature, '').matches(t)).map((t) => t.traceId);
      expect(passed).toHaveLength(group.count);
      expect(passed.slice(0, group.traceIds.length)).toEqual(group.traceIds);
    }
  });

  it('a service, an operation: the traces with a span of it; labels name the row', async () => {
    const all = await traces('errors/otlp-shop.json');
    const ids = (matches: (t: Trace) => boolean): string[] => all.filter(matches).map((t) => t.traceId.slice(0, 4));
    expect(ids(serviceFacet('catalog').matches)).toEqual(['e3e3']);
    expect(ids(operationFacet('frontend', 'GET /checkout').matches)).toEqual(['e1e1', 'e2e2']);
    expect(ids(operationFacet('frontend', 'GetAds').matches)).toEqual([]);
    expect(serviceFacet('catalog').label).toBe('service catalog');
    expect(operationFacet('frontend', 'GET /home').label).toBe('operation frontend GET /home');
    expect(edgeFacet('frontend', 'ads').label).toBe('calls frontend → ads');
    expect(signatureFacet('x', 'ads GetAds: down').label).toBe('error ads GetAds: down');
  });
});

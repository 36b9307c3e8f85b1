/** Self time: a span's duration minus the union of its children's intervals clipped to it. */
import { describe, expect, it } from 'vitest';
import { selfTimes } from '../../src/analyses/self-time.js';
import { makeTrace, type SpanSpec } from '../helpers/make-span.js';

/** Self time of each span in ms, by id. */
function self(specs: SpanSpec[]): Record<string, number> {
  const trace = makeTrace(specs);
  const times = selfTimes(trace);
  return Object.fromEntries(trace.nodes.map((n) => [n.span.spanId.replace(/^0+/, ''), times[n.index]! / 1e6]));
}

describe('selfTimes', () => {
  it('no children: the whole duration', () => {
    expect(self([{ id: 'r', start: 0, dur: 10 }])).toEqual({ r: 10 });
  });

  it('one child', () => {
    // r |0---------10|
    // a    |3--6|
    expect(self([{ id: 'r', start: 0, dur: 10 }, { id: 'a', parent: 'r', start: 3, dur: 3 }])).toEqual({ r: 7, a: 3 });
  });

  it('disjoint children are each subtracted', () => {
    // r |0---------10|
    // a  |1-3|
    // b        |6---9|
    expect(
      self([
        { id: 'r', start: 0, dur: 10 },
        { id: 'a', parent: 'r', start: 1, dur: 2 },
        { id: 'b', parent: 'r', start: 6, dur: 3 },
      ]),
    ).toEqual({ r: 5, a: 2, b: 3 });
  });

  it('overlapping children are subtracted once (union, not sum)', () => {
    // r |0---------10|
    // a  |1------6|
    // b     |3------8|
    // c      |4-5|          inside both
    // union 1-8 = 7 → r 3
    expect(
      self([
        { id: 'r', start: 0, dur: 10 },
        { id: 'a', parent: 'r', start: 1, dur: 5 },
        { id: 'b', parent: 'r', start: 3, dur: 5 },
        { id: 'c', parent: 'r', start: 4, dur: 1 },
      ]),
    ).toEqual({ r: 3, a: 5, b: 5, c: 1 });
  });

  it('parallel children covering the parent twice over: 0, never below', () => {
    // r |0------6|
    // a |0------6|
    // b |0------6|
    expect(
      self([
        { id: 'r', start: 0, dur: 6 },
        { id: 'a', parent: 'r', start: 0, dur: 6 },
        { id: 'b', parent: 'r', start: 0, dur: 6 },
      ]),
    ).toEqual({ r: 0, a: 6, b: 6 });
  });

  it('a child overflowing the end counts only up to the parent\'s end', () => {
    // r |0---------10|
    // a          |8------14|   covers 8-10 of r
    expect(self([{ id: 'r', start: 0, dur: 10 }, { id: 'a', parent: 'r', start: 8, dur: 6 }])).toEqual({ r: 8, a: 6 });
  });

  it('a child starting before the parent counts only from the parent\'s start', () => {
    //   r    |2------8|
    //   a  |0---3|           covers 2-3 of r
    expect(self([{ id: 'r', start: 2, dur: 6 }, { id: 'a', parent: 'r', start: 0, dur: 3 }])).toEqual({ r: 5, a: 3 });
  });

  it('a child entirely outside the parent covers nothing', () => {
    // r |0----5|
    // a          |7--9|
    // b |0| ... a zero-length child covers nothing either
    expect(
      self([
        { id: 'r', start: 0, dur: 5 },
        { id: 'a', parent: 'r', start: 7, dur: 2 },
        { id: 'b', parent: 'r', start: 0, dur: 0 },
      ]),
    ).toEqual({ r: 5, a: 2, b: 0 });
  });

  it('only direct children count: a grandchild is inside its own parent', () => {
    // r |0---------10|
    // a  |1----5|
    // g    |3------8|   (child of a) covers 3-5 of a, not r
    expect(
      self([
        { id: 'r', start: 0, dur: 10 },
        { id: 'a', parent: 'r', start: 1, dur: 4 },
        { id: 'g', parent: 'a', start: 3, dur: 5 },
      ]),
    ).toEqual({ r: 6, a: 2, g: 5 });
  });

  it('async children count too: the parent\'s window is covered by recorded work', () => {
    // r |0---------10|
    // a      |4--------12|   follows from r: covers 4-10
    expect(self([{ id: 'r', start: 0, dur: 10 }, { id: 'a', parent: 'r', parentType: 'follows_from', start: 4, dur: 8 }])).toEqual({ r: 4, a: 8 });
  });
});

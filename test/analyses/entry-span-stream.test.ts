import { describe, expect, it } from 'vitest';
import { DEFERRED, DUPLICATE, ENTRY, EntrySpanStream, hashString, NOT_ENTRY, type StreamSpanRole } from '../../src/analyses/entry-span-stream.js';

const SERVER: StreamSpanRole = { entryKind: true, serverHalf: true, client: false };
const CLIENT: StreamSpanRole = { entryKind: false, serverHalf: false, client: true };
const INTERNAL: StreamSpanRole = { entryKind: false, serverHalf: false, client: false };
const SHARED_SERVER: StreamSpanRole = { entryKind: true, serverHalf: true, client: false };

const T = hashString('trace-1');
const FRONT = 1;
const CART = 2;

/** Adds span `id` (parent `parent`, 0 = none) of `service`; the fingerprint defaults to the id. */
function add(s: EntrySpanStream, id: number, parent: number, service: number, role: StreamSpanRole, print = id, trace = T): number {
  return s.add(trace, 0, id, parent !== 0, 0, parent, service, print, role);
}

function decided(s: EntrySpanStream): [number, number][] {
  const out: [number, number][] = [];
  s.finish((i, service) => out.push([i, service]));
  return out;
}

describe('EntrySpanStream: the entry-span rule, span by span', () => {
  it('roots, self-parents, SERVER and CONSUMER spans are entry spans at once', () => {
    const s = new EntrySpanStream();
    expect(add(s, 1, 0, FRONT, INTERNAL)).toBe(ENTRY);
    expect(add(s, 2, 2, FRONT, INTERNAL)).toBe(ENTRY);
    expect(add(s, 3, 1, FRONT, SERVER)).toBe(ENTRY);
    expect(decided(s)).toEqual([]);
  });

  //   front: [1 GET /cart ..............]
  //   front:   [2 internal ....]               parent read first, same service: not an entry span
  //   cart:      [3 internal]                  parent read first, other service: entry span
  it('a span whose parent was read is decided by the parent’s service', () => {
    const s = new EntrySpanStream();
    add(s, 1, 0, FRONT, SERVER);
    expect(add(s, 2, 1, FRONT, INTERNAL)).toBe(NOT_ENTRY);
    expect(add(s, 3, 2, CART, INTERNAL)).toBe(ENTRY);
  });

  // Children exported before their parents (OTLP batches): decided at the end.
  it('a span read before its parent waits; orphans are entry spans', () => {
    const s = new EntrySpanStream();
    expect(add(s, 2, 1, FRONT, INTERNAL)).toBe(DEFERRED); // waits #0: parent 1 (front) comes later
    expect(add(s, 3, 1, CART, INTERNAL)).toBe(DEFERRED); // waits #1: parent in another service
    expect(add(s, 4, 9, FRONT, INTERNAL)).toBe(DEFERRED); // waits #2: parent 9 never comes
    add(s, 1, 0, FRONT, SERVER);
    expect(decided(s)).toEqual([
      [1, CART],
      [2, FRONT],
    ]);
  });

  it('the same span id in another trace is another span', () => {
    const s = new EntrySpanStream();
    add(s, 1, 0, CART, SERVER, 1, hashString('trace-2'));
    expect(add(s, 2, 1, FRONT, INTERNAL)).toBe(DEFERRED); // its parent is span 1 of trace-1, not read
    expect(decided(s)).toEqual([[0, FRONT]]);
  });

  it('an exact repeat is dropped; a different span with the same id is kept', () => {
    const s = new EntrySpanStream();
    add(s, 1, 0, FRONT, SERVER, 111);
    expect(add(s, 1, 0, FRONT, SERVER, 111)).toBe(DUPLICATE);
    expect(add(s, 1, 0, FRONT, SERVER, 222)).toBe(ENTRY);
    expect(s.spans).toBe(1);
  });

  it('an untimed piece of a span in the same service is dropped (Zipkin fragments)', () => {
    const s = new EntrySpanStream();
    add(s, 1, 0, FRONT, SERVER, 111);
    expect(s.add(T, 0, 1, false, 0, 0, FRONT, 999, INTERNAL, true)).toBe(DUPLICATE);
    expect(s.add(T, 0, 1, false, 0, 0, CART, 998, INTERNAL, true)).toBe(ENTRY);
  });

  //   front: [1 server ...................]
  //   front:   [5 client ...........]      Zipkin: the client and server halves share id 5
  //   cart:      [5 server ......]
  //   cart:        [6 internal]            child of id 5: hangs off the server half (cart) → not entry
  it('children of a shared Zipkin id hang off the server half, even when it comes after the child', () => {
    const s = new EntrySpanStream();
    add(s, 1, 0, FRONT, SERVER);
    expect(add(s, 5, 1, FRONT, CLIENT, 50)).toBe(NOT_ENTRY);
    expect(add(s, 6, 5, CART, INTERNAL)).toBe(DEFERRED); // the client may be followed by its server half
    expect(add(s, 5, 1, CART, SHARED_SERVER, 51)).toBe(ENTRY);
    expect(decided(s)).toEqual([]);
  });

  it('grows past many shards without losing spans', () => {
    const s = new EntrySpanStream();
    for (let i = 1; i <= 100_000; i++) add(s, i, 0, FRONT, SERVER);
    for (let i = 1; i <= 100_000; i++) expect(add(s, 200_000 + i, i, i % 2 === 0 ? FRONT : CART, INTERNAL)).toBe(i % 2 === 0 ? NOT_ENTRY : ENTRY);
    expect(s.spans).toBe(200_000);
  });
});

/**
 * What `--where` selects, per kind of field, on a hand-built trace. Each case lists the spans it
 * selects (by id, in tree order), so a wrong comparison shows as a wrong list.
 */
import { describe, expect, it } from 'vitest';
import type { Trace } from '../../src/model/trace.js';
import { compileWhere } from '../../src/query/where.js';
import { makeTrace } from '../helpers/make-span.js';

/*
 *  ms          0         25        50        75       100
 *  1 frontend  |===================================================|  GET /checkout  server
 *  2 frontend       |==============================|                  call payments  client
 *  3 payments        |============================|                   POST /pay      server  ERROR
 *  4 payments            |====================|                       db.query       client
 *  5 inventory                                    |==========|        GET /items     server
 */
const CHECKOUT: Trace = makeTrace([
  {
    id: '1',
    start: 0,
    dur: 100,
    service: 'frontend',
    operation: 'GET /checkout',
    kind: 'server',
    attributes: { 'http.status_code': 200, 'http.method': 'GET' },
    resource: { 'k8s.pod.name': 'fe-1', 'http.method': 'resource-level' },
  },
  { id: '2', parent: '1', start: 10, dur: 60, service: 'frontend', operation: 'call payments', kind: 'client', attributes: { 'peer.service': 'payments' } },
  {
    id: '3',
    parent: '2',
    start: 12,
    dur: 56,
    service: 'payments',
    operation: 'POST /pay',
    kind: 'server',
    status: 'error',
    // Zipkin and Jaeger dumps give numbers as strings.
    attributes: { 'http.status_code': '503', tags: ['a', 'b'], nested: { a: 1 }, empty: null },
    resource: { 'k8s.pod.name': 'pay-7' },
  },
  {
    id: '4',
    parent: '3',
    start: 20,
    dur: 40,
    service: 'payments',
    operation: 'db.query',
    kind: 'client',
    attributes: { 'db.system': 'postgres', retry: true, 'retry count': 3, 'error.flag': 'true' },
  },
  {
    id: '5',
    parent: '1',
    start: 75,
    dur: 20,
    service: 'inventory',
    operation: 'GET /items',
    kind: 'server',
    attributes: { 'http.status_code': 404, big: '12345678901234567890', ratio: 0.25 },
  },
]);

/** Ids of the selected spans, in tree order. */
function select(q: string, trace: Trace = CHECKOUT): string[] {
  const match = compileWhere(q);
  return trace.nodes.filter((n) => match(n, trace)).map((n) => n.span.spanId.replace(/^0+/, ''));
}

const cases = (rows: [string, string[]][]): void => {
  it.each(rows)('%s', (q, ids) => {
    expect(select(q)).toEqual(ids);
  });
};

describe('text fields', () => {
  cases([
    ['service = "payments"', ['3', '4']],
    ['service != "frontend"', ['3', '4', '5']],
    ["service = 'payments'", ['3', '4']],
    ['service = "Payments"', []],
    ['service < "inventory"', ['1', '2']],
    ['service >= "inventory"', ['3', '4', '5']],
    ['name = "GET /items"', ['5']],
    ['operation = "GET /items"', ['5']],
    ['id = "0000000000000004"', ['4']],
  ]);
});

describe('regular expressions (anchored at both ends)', () => {
  cases([
    ['name =~ "GET /.*"', ['1', '5']],
    ['name =~ "GET"', []],
    ['name =~ ".*pay.*"', ['2', '3']],
    ['name !~ "GET /.*"', ['2', '3', '4']],
    ['name =~ "(?i)get /ITEMS"', ['5']],
    ['name =~ "[A-Z]+ /[a-z]+"', ['1', '3', '5']],
    ['name =~ "db\\.query"', ['4']],
    ['name =~ "db\\\\.query"', ['4']],
    ['service =~ "pay|inv"', []],
    ['service =~ "pay.*|inv.*"', ['3', '4', '5']],
    ['attr.http.status_code =~ "5.."', ['3']],
    ['attr.http.status_code =~ "[24]0[04]"', ['1', '5']],
    ['attr.http.status_code !~ "2.*"', ['3', '5']],
    ['attr.tags =~ "b"', ['3']],
  ]);
});

describe('numbers', () => {
  cases([
    ['depth = 0', ['1']],
    ['depth >= 2', ['3', '4']],
    ['depth < 2', ['1', '2', '5']],
    ['depth != 1', ['1', '3', '4']],
    ['trace.spans = 5', ['1', '2', '3', '4', '5']],
    ['trace.errors = 1', ['1', '2', '3', '4', '5']],
    ['trace.services > 3', []],
    ['trace.services = 3', ['1', '2', '3', '4', '5']],
  ]);
});

describe('durations', () => {
  cases([
    ['duration > 50ms', ['1', '2', '3']],
    ['duration >= 40ms', ['1', '2', '3', '4']],
    ['duration < 40ms', ['5']],
    ['duration <= 40ms', ['4', '5']],
    ['duration = 20ms', ['5']],
    ['duration != 20ms', ['1', '2', '3', '4']],
    ['duration > 0.05s', ['1', '2', '3']],
    ['duration > 50000us', ['1', '2', '3']],
    ['duration > 50000µs', ['1', '2', '3']],
    ['duration > 50000000ns', ['1', '2', '3']],
    ['duration < 1m', ['1', '2', '3', '4', '5']],
    ['duration > 1h', []],
    ['trace.duration = 100ms', ['1', '2', '3', '4', '5']],
    ['trace.duration > 100ms', []],
    ['parent.duration = 100ms', ['2', '5']],
  ]);
});

describe('booleans', () => {
  cases([
    ['error', ['3']],
    ['not error', ['1', '2', '4', '5']],
    ['error = true', ['3']],
    ['error = false', ['1', '2', '4', '5']],
    ['error != true', ['1', '2', '4', '5']],
    ['root', ['1']],
    ['not root', ['2', '3', '4', '5']],
    ['parent.error', ['4']],
    ['not parent.error', ['1', '2', '3', '5']],
    ['parent.root', ['2', '5']],
  ]);
});

describe('kind and status', () => {
  cases([
    ['kind = server', ['1', '3', '5']],
    ['kind = "server"', ['1', '3', '5']],
    ['kind != server', ['2', '4']],
    ['kind = client', ['2', '4']],
    ['kind = internal', []],
    ['kind = unspecified', []],
    ['status = error', ['3']],
    ['status = unset', ['1', '2', '4', '5']],
    ['status != ok', ['1', '2', '3', '4', '5']],
    ['status = ok', []],
    ['parent.kind = client', ['3']],
    ['kind = parent.kind', ['5']],
  ]);
});

describe('span attributes', () => {
  cases([
    // "503" is a string in the dump: a number on the right compares numerically.
    ['attr.http.status_code >= 500', ['3']],
    ['attr.http.status_code >= 400', ['3', '5']],
    ['attr.http.status_code < 500', ['1', '5']],
    ['attr.http.status_code = 200', ['1']],
    ['attr.http.status_code = 200.0', ['1']],
    // A quoted string on the right compares text: 200 reads as "200".
    ['attr.http.status_code = "503"', ['3']],
    ['attr.http.status_code = "200"', ['1']],
    ['attr.http.status_code > "4"', ['3', '5']],
    // Missing: every comparison is false, != included; `not (… = …)` selects it.
    ['attr.http.status_code != 200', ['3', '5']],
    ['not attr.http.status_code = 200', ['2', '3', '4', '5']],
    ['attr.http.status_code = nil', ['2', '4']],
    ['attr.http.status_code != nil', ['1', '3', '5']],
    ['attr.missing = "x"', []],
    ['attr.missing != "x"', []],
    ['attr.missing = nil', ['1', '2', '3', '4', '5']],
    // JSON null reads as missing; objects never compare.
    ['attr.empty = nil', ['1', '2', '3', '4', '5']],
    ['attr.nested = nil', ['1', '2', '4', '5']],
    ['attr.nested != "x"', []],
    // Booleans: true and "true" both.
    ['attr.retry = true', ['4']],
    ['attr.retry != false', ['4']],
    ['attr.error.flag = true', ['4']],
    ['attr.retry = "true"', ['4']],
    // Arrays: any element.
    ['attr.tags = "b"', ['3']],
    ['attr.tags != "a"', ['3']],
    ['attr.tags = "c"', []],
    ['attr."retry count" > 2', ['4']],
    ['attr.db.system = "postgres"', ['4']],
    ['span.db.system = "postgres"', ['4']],
    ['attr.big = "12345678901234567890"', ['5']],
    ['attr.ratio < 0.5', ['5']],
    ['attr.http.method > 5', []],
    // Not a prototype lookup.
    ['attr.constructor = nil', ['1', '2', '3', '4', '5']],
    ['attr.toString != nil', []],
  ]);
});

describe('resource attributes and the unscoped .key', () => {
  cases([
    ['resource.k8s.pod.name = "pay-7"', ['3']],
    ['resource.k8s.pod.name =~ ".*-[0-9]+"', ['1', '3']],
    ['resource.k8s.pod.name = nil', ['2', '4', '5']],
    ['resource.db.system = "postgres"', []],
    ['.db.system = "postgres"', ['4']],
    ['.k8s.pod.name = "fe-1"', ['1']],
    // The span's own attribute wins over the resource's.
    ['.http.method = "GET"', ['1']],
    ['.http.method = "resource-level"', []],
    ['parent.resource.k8s.pod.name = "pay-7"', ['4']],
  ]);
});

describe('parent, trace and field-to-field comparisons', () => {
  cases([
    ['parent.service = "frontend"', ['2', '3', '5']],
    ['service != parent.service', ['3', '5']],
    ['service = parent.service', ['2', '4']],
    ['parent.service = nil', ['1']],
    ['parent.id = "0000000000000003"', ['4']],
    ['attr.peer.service != service', ['2']],
    ['attr.peer.service = parent.service', []],
    ['attr.http.status_code > parent.attr.http.status_code', ['5']],
    ['parent.attr.http.status_code = 200', ['2', '5']],
    ['trace.service = "frontend"', ['1', '2', '3', '4', '5']],
    ['trace.name = "GET /checkout"', ['1', '2', '3', '4', '5']],
    ['trace.id = "aaaaaaaaaaaaaaaa"', ['1', '2', '3', '4', '5']],
    ['duration < trace.duration', ['2', '3', '4', '5']],
  ]);
});

describe('and, or, not', () => {
  cases([
    ['service = "payments" and kind = server', ['3']],
    ['service = "payments" or kind = server', ['1', '3', '4', '5']],
    ['kind = client or error and service = "payments"', ['2', '3', '4']],
    ['(kind = client or error) and service = "payments"', ['3', '4']],
    ['not (kind = client or error)', ['1', '5']],
    ['not kind = client and not error', ['1', '5']],
    ['!error && depth > 0 || root', ['1', '2', '4', '5']],
  ]);
});

describe('structure: has child, parent, descendant, ancestor', () => {
  cases([
    ['has child (service = "payments")', ['2', '3']],
    ['has child (kind = server)', ['1', '2']],
    ['has parent (kind = client)', ['3']],
    ['has parent (root)', ['2', '5']],
    ['has descendant (error)', ['1', '2']],
    ['has descendant (attr.db.system = "postgres")', ['1', '2', '3']],
    ['has ancestor (error)', ['4']],
    ['has ancestor (root)', ['2', '3', '4', '5']],
    ['not has descendant (attr.never = 1)', ['1', '2', '3', '4', '5']],
    ['has descendant (has parent (error))', ['1', '2', '3']],
    ['has ancestor (has child (service = "inventory"))', ['2', '3', '4', '5']],
    ['kind = server and has ancestor (service = "frontend")', ['3', '5']],
    ['has descendant (error) or has ancestor (error)', ['1', '2', '4']],
    ['has child (root)', []],
  ]);

  it('answers for a second trace without reusing the first one’s marks', () => {
    const match = compileWhere('has descendant (error)');
    const other = makeTrace([
      { id: '1', start: 0, dur: 10 },
      { id: '2', parent: '1', start: 1, dur: 5, status: 'error' },
      { id: '3', parent: '2', start: 2, dur: 1 },
    ]);
    expect(other.nodes.map((n) => match(n, other))).toEqual([true, false, false]);
    expect(CHECKOUT.nodes.map((n) => match(n, CHECKOUT))).toEqual([true, true, false, false, false]);
    expect(other.nodes.map((n) => match(n, other))).toEqual([true, false, false]);
  });
});

describe('deep traces', () => {
  // A chain 100,000 spans deep: structural conditions must not recurse, and must stay linear.
  const DEPTH = 100_000;
  const chain = makeTrace(
    Array.from({ length: DEPTH }, (_, i) => ({
      id: (i + 1).toString(16),
      ...(i > 0 ? { parent: i.toString(16) } : {}),
      start: i * 0.001,
      dur: 1,
      service: i === DEPTH - 1 ? 'leaf' : 'link',
    })),
  );

  it('evaluates has descendant / has ancestor over the whole chain', () => {
    expect(select('has descendant (service = "leaf")', chain)).toHaveLength(DEPTH - 1);
    expect(select('has ancestor (root) and has descendant (has ancestor (depth = 50000))', chain)).toHaveLength(DEPTH - 2); // all but the root and the leaf
    expect(select('has child (service = "leaf") or has parent (root)', chain)).toEqual(['2', (DEPTH - 1).toString(16)]);
  });
});

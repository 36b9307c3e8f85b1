/**
 * The parser: precedence (not > and > or), left grouping of `and`/`or`, the spelling variants, and
 * the AST each field and literal turns into. Error messages are in errors.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { parseWhere } from '../../src/query/parser.js';
import { printExpr } from '../../src/query/print-expr.js';

const grouped = (q: string): string => printExpr(parseWhere(q));

describe('precedence and grouping', () => {
  it.each([
    ['error or root and parent.error', '(error or (root and parent.error))'],
    ['error and root or parent.error', '((error and root) or parent.error)'],
    ['not error and root', '((not error) and root)'],
    ['not error or root', '((not error) or root)'],
    ['not (error or root)', '(not (error or root))'],
    ['(error or root) and parent.error', '((error or root) and parent.error)'],
    ['not not error', '(not (not error))'],
    ['not service = "a"', '(not service = "a")'],
    ['has descendant (error) and root', '((has descendant (error)) and root)'],
    ['not has child (error or root)', '(not (has child (error or root)))'],
    ['has ancestor (has parent (kind = client))', '(has ancestor (has parent (kind = client)))'],
    ['((((error))))', 'error'],
  ])('%s  ⇒  %s', (q, expected) => {
    expect(grouped(q)).toBe(expected);
  });

  it('groups chains of one operator to the left', () => {
    expect(grouped('error or root or parent.error or parent.root')).toBe('(((error or root) or parent.error) or parent.root)');
    expect(grouped('error and root and parent.error')).toBe('((error and root) and parent.error)');
    expect(grouped('error or root and parent.error or parent.root and depth = 1')).toBe(
      '((error or (root and parent.error)) or (parent.root and depth = 1))',
    );
  });

  it('reads &&, ||, ! and upper-case keywords the same as and, or, not', () => {
    expect(grouped('!error && root || parent.error')).toBe(grouped('not error and root or parent.error'));
    expect(grouped('NOT error AND root OR parent.error')).toBe('(((not error) and root) or parent.error)');
    expect(grouped('service="a"&&kind=server')).toBe('(service = "a" and kind = server)');
  });

  it('parses a long chain without recursion on its length', () => {
    const q = Array.from({ length: 400 }, () => 'root').join(' or ');
    expect(q.length).toBeLessThan(4096);
    expect(grouped(q).startsWith('('.repeat(399))).toBe(true);
  });
});

describe('fields', () => {
  const field = (q: string): unknown => {
    const e = parseWhere(q);
    if (e.type !== 'compare' && e.type !== 'flag') throw new Error(e.type);
    const { scope, name } = e.field;
    return 'key' in e.field ? { scope, name, key: e.field.key } : { scope, name, type: e.field.type };
  };

  it.each([
    ['service = "a"', { scope: 'span', name: 'service', type: 'text' }],
    ['name = "a"', { scope: 'span', name: 'name', type: 'text' }],
    ['operation = "a"', { scope: 'span', name: 'name', type: 'text' }],
    ['duration > 1s', { scope: 'span', name: 'duration', type: 'duration' }],
    ['status = ok', { scope: 'span', name: 'status', type: 'status' }],
    ['kind = server', { scope: 'span', name: 'kind', type: 'kind' }],
    ['error', { scope: 'span', name: 'error', type: 'bool' }],
    ['root', { scope: 'span', name: 'root', type: 'bool' }],
    ['id = "a"', { scope: 'span', name: 'id', type: 'text' }],
    ['depth = 1', { scope: 'span', name: 'depth', type: 'number' }],
    ['parent.service = "a"', { scope: 'parent', name: 'service', type: 'text' }],
    ['parent.error', { scope: 'parent', name: 'error', type: 'bool' }],
    ['trace.duration > 1s', { scope: 'trace', name: 'duration', type: 'duration' }],
    ['trace.spans > 1', { scope: 'trace', name: 'spans', type: 'number' }],
    ['trace.service = "a"', { scope: 'trace', name: 'service', type: 'text' }],
    ['attr.http.status_code >= 500', { scope: 'span', name: 'attr', key: 'http.status_code' }],
    ['span.http.method = "GET"', { scope: 'span', name: 'attr', key: 'http.method' }],
    ['resource.k8s.pod.name = "x"', { scope: 'span', name: 'resource', key: 'k8s.pod.name' }],
    ['.http.method = "GET"', { scope: 'span', name: 'any', key: 'http.method' }],
    ['parent.attr.db.system = "redis"', { scope: 'parent', name: 'attr', key: 'db.system' }],
    ['parent.resource.host.name = "h"', { scope: 'parent', name: 'resource', key: 'host.name' }],
    ['attr.x-request-id = "1"', { scope: 'span', name: 'attr', key: 'x-request-id' }],
    ['attr."retry count" = 3', { scope: 'span', name: 'attr', key: 'retry count' }],
    ["resource.'k8s pod' = 3", { scope: 'span', name: 'resource', key: 'k8s pod' }],
    ['attr.service = "x"', { scope: 'span', name: 'attr', key: 'service' }],
    ['attr.and = 1', { scope: 'span', name: 'attr', key: 'and' }],
  ])('%s', (q, expected) => {
    expect(field(q)).toEqual(expected);
  });
});

describe('values', () => {
  const value = (q: string): unknown => {
    const e = parseWhere(q);
    if (e.type !== 'compare') throw new Error(e.type);
    const v = e.value;
    return 'value' in v ? { kind: v.kind, value: v.value } : { kind: v.kind, text: v.text };
  };

  it.each([
    ['attr.x = 500', { kind: 'number', value: 500 }],
    ['attr.x = -2.5', { kind: 'number', value: -2.5 }],
    ['duration > 100ns', { kind: 'duration', value: 100 }],
    ['duration > 250us', { kind: 'duration', value: 250_000 }],
    ['duration > 250µs', { kind: 'duration', value: 250_000 }],
    ['duration > 250μs', { kind: 'duration', value: 250_000 }],
    ['duration > 100ms', { kind: 'duration', value: 100_000_000 }],
    ['duration > 1.5s', { kind: 'duration', value: 1_500_000_000 }],
    ['duration > 2m', { kind: 'duration', value: 120_000_000_000 }],
    ['duration > 1h', { kind: 'duration', value: 3_600_000_000_000 }],
    ['duration > 0.0015ms', { kind: 'duration', value: 1500 }],
    ['attr.x = "a\\"b"', { kind: 'string', value: 'a"b' }],
    ["attr.x = 'it''s'", null],
    ["attr.x = 'it\\'s'", { kind: 'string', value: "it's" }],
    ['attr.x = "tab\\there"', { kind: 'string', value: 'tab\there' }],
    ['attr.x = "back\\\\slash"', { kind: 'string', value: 'back\\slash' }],
    ['name =~ "v1\\.users"', { kind: 'string', value: 'v1\\.users' }],
    ['attr.x = ""', { kind: 'string', value: '' }],
    ['attr.x = true', { kind: 'bool', value: true }],
    ['attr.x = false', { kind: 'bool', value: false }],
    ['attr.x = nil', { kind: 'nil', text: 'nil' }],
    ['kind = server', { kind: 'word', text: 'server' }],
    ['service = parent.service', { kind: 'word', text: 'parent.service' }],
  ])('%s', (q, expected) => {
    if (expected === null) expect(() => parseWhere(q)).toThrow("expected 'and' or 'or' before 's'");
    else expect(value(q)).toEqual(expected);
  });

  it.each(['=', '!=', '<', '<=', '>', '>=', '=~', '!~'])('reads the operator %s', (op) => {
    const e = parseWhere(`name ${op} "x"`);
    expect(e.type === 'compare' && e.op).toBe(op);
    const tight = parseWhere(`name${op}"x"`);
    expect(tight.type === 'compare' && tight.op).toBe(op);
  });
});

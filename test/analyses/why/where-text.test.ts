import { describe, expect, it } from 'vitest';
import { andWhere, fieldText, notWhere, valueLiteral } from '../../../src/analyses/why/where-text.js';
import type { AttrValue } from '../../../src/model/span.js';
import { compileWhere } from '../../../src/query/where.js';
import { makeTrace } from '../../helpers/make-span.js';

/** Whether `expr` selects a span whose attribute (or resource attribute) `key` is `value`. */
function selects(expr: string, where: 'attributes' | 'resource', key: string, value: AttrValue): boolean {
  const trace = makeTrace([{ id: '1', start: 0, dur: 1, [where]: { [key]: value } }]);
  return compileWhere(expr)(trace.nodes[0]!, trace);
}

describe('where-text: a finding as --where selects exactly its value', () => {
  it.each<[string, string | number | boolean]>([
    ['db.replica', 'replica-2'],
    ['with space', 'x'],
    ['quote"key', 'v'],
    ['k', 'say "hi"\\now'],
    ['k', 'line\nbreak\ttab'],
    ['k', ''],
    ['k', 503],
    ['k', -0.25],
    ['k', true],
    ['k', 1e21],
    ['über.schlüssel', 'ünïcode ✓'],
  ])('%s = %j', (key, value) => {
    for (const [scope, bag] of [
      ['span', 'attributes'],
      ['resource', 'resource'],
    ] as const) {
      const expr = `${fieldText(scope, key)} = ${valueLiteral(value)}`;
      expect(selects(expr, bag, key, value)).toBe(true);
      expect(selects(expr, bag, key, typeof value === 'string' ? `${value}x` : 'other')).toBe(false);
    }
  });

  it('keys are plain where the language allows, quoted where it does not', () => {
    expect(fieldText('span', 'http.status_code')).toBe('attr.http.status_code');
    expect(fieldText('resource', 'k8s.pod.name')).toBe('resource.k8s.pod.name');
    expect(fieldText('scope', 'otel.scope.name')).toBe('attr.otel.scope.name');
    expect(fieldText('span', 'a b')).toBe('attr."a b"');
    expect(fieldText('span', 'trailing.')).toBe('attr."trailing."');
    expect(fieldText('intrinsic', 'operation')).toBe('name');
  });

  it('combines expressions with the parentheses the language needs', () => {
    expect(andWhere('service = "a"', 'kind = server')).toBe('service = "a" and kind = server');
    expect(andWhere('service = "a" or service = "b"', 'kind = server')).toBe('(service = "a" or service = "b") and kind = server');
    expect(notWhere('kind = server')).toBe('not (kind = server)');
  });
});

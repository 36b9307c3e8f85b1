import { describe, expect, it } from 'vitest';
import { compareKeyValues, groupId, groupValues, keyObject } from '../../src/analyses/group-values.js';
import { parseGroupKeys } from '../../src/query/group-keys.js';

const span = {
  service: 'cart',
  operation: 'GET',
  kind: 'server' as const,
  status: 'error' as const,
  attributes: { 'http.route': '/cart/{id}', 'http.response.status_code': 503, retried: true, tags: ['a', 'b'], gone: null, region: 'span-side' },
  resource: { 'k8s.pod.name': 'cart-x', region: 'eu', zone: 'eu-1' },
};

describe('group values', () => {
  it('intrinsics as tracectl names them', () => {
    expect(groupValues(parseGroupKeys('service,operation,kind,status'), span)).toEqual(['cart', 'GET', 'server', 'error']);
  });

  it('attributes as text, the way the ClickHouse exporter stores them; missing or null is null', () => {
    const keys = parseGroupKeys('service,attr.http.route,attr.http.response.status_code,attr.retried,attr.tags,attr.gone,attr.nope,resource.k8s.pod.name');
    expect(groupValues(keys, span)).toEqual(['cart', '/cart/{id}', '503', 'true', '["a","b"]', null, null, 'cart-x']);
  });

  it('.KEY: the span attribute, else the resource attribute', () => {
    expect(groupValues(parseGroupKeys('.region,.zone,.none'), span)).toEqual(['cart', 'span-side', 'eu-1', null]);
  });

  it('a missing value is its own group, apart from the text "(none)"', () => {
    expect(groupId(['a', null])).not.toBe(groupId(['a', '(none)']));
    expect(groupId(['a', null])).not.toBe(groupId(['a', '']));
    expect(groupId(['a\u0000', 'b'])).not.toBe(groupId(['a', '\u0000b']));
  });

  it('keys object by key name; order by each value, missing last', () => {
    const keys = parseGroupKeys('service,attr.r');
    expect(keyObject(keys, ['cart', null])).toEqual({ service: 'cart', 'attr.r': null });
    const rows = [keyObject(keys, ['b', null]), keyObject(keys, ['b', '/x']), keyObject(keys, ['a', null])];
    expect(rows.sort((x, y) => compareKeyValues(x, y, keys))).toEqual([
      { service: 'a', 'attr.r': null },
      { service: 'b', 'attr.r': '/x' },
      { service: 'b', 'attr.r': null },
    ]);
  });
});

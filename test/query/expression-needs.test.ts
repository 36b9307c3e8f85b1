import { describe, expect, it } from 'vitest';
import { exprFields } from '../../src/query/expr-fields.js';
import { needsTrace } from '../../src/query/expression-needs.js';
import { parseWhere } from '../../src/query/parser.js';

const fields = (e: string): string[] => exprFields(e, parseWhere(e)).map((f) => f.text);
const needs = (e: string): boolean => needsTrace(e, parseWhere(e));

describe('exprFields', () => {
  it('lists every field read, in source order, fields on the right included', () => {
    expect(fields('service = "a" and (attr.x > 1 or not error) and resource."k8s pod" =~ "x"')).toEqual(['service', 'attr.x', 'error', 'resource."k8s pod"']);
    expect(fields('service = attr.peer.service')).toEqual(['service', 'attr.peer.service']);
    expect(fields('kind = server and status = error')).toEqual(['kind', 'status']);
  });
});

describe('needsTrace', () => {
  it.each([
    ['service = "a" and duration > 5ms', false],
    ['attr.http.status_code >= 500 or .db.system = "redis"', false],
    ['name = "x" and error', false],
    ['root', true],
    ['depth > 2', true],
    ['parent.service = "a"', true],
    ['trace.duration > 1s', true],
    ['has child (error)', true],
    ['service = parent.service', true],
  ])('%s: %s', (expression, expected) => {
    expect(needs(expression)).toBe(expected);
  });
});

/**
 * Commands that read compact spans (no attributes) for speed load full ones when --where reads an
 * attribute: a wrong answer here makes `attr.x = 1` silently match nothing.
 */
import { describe, expect, it } from 'vitest';
import { whereFilter } from '../../src/query/where-filter.js';

describe('whereFilter(...).readsAttributes', () => {
  it.each([
    ['attr.http.route = "/a"', true],
    ['resource.host.name = "h1"', true],
    ['.retries > 2', true],
    ['parent.attr.db.system = "postgres"', true],
    ['has child (attr.error.type = "timeout")', true],
    ['not (service = "a" or attr.x = 1)', true],
    ['service = attr.peer.service', true],
    ['service = "checkout" and duration > 10ms', false],
    ['kind = server and status = error', false],
    ['error and not root', false],
    ['parent.service = "api"', false],
  ])('%s → %s', (expression, reads) => {
    expect(whereFilter(expression).readsAttributes).toBe(reads);
  });
});

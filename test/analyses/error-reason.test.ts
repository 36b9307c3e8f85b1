import { describe, expect, it } from 'vitest';
import { errorReason, normalizeErrorText } from '../../src/analyses/error-reason.js';

describe('normalizeErrorText', () => {
  it.each([
    ['timeout after 5003ms on 10.0.3.7', 'timeout after <n>ms on <ip>'],
    ['timeout after 4998ms on 10.0.3.9', 'timeout after <n>ms on <ip>'],
    ['order 550e8400-e29b-41d4-a716-446655440000 not found', 'order <uuid> not found'],
    ['object at 0x7f3a9b2c10d0 closed', 'object at <hex> closed'],
    ['span 4bf92f3577b34da6 failed', 'span <hex> failed'],
    ['GET /api/products/6E92ZMYYFZ failed', 'GET /api/products/<id> failed'],
    ['retry 3 of 5', 'retry <n> of <n>'],
    ['Last error: connect ECONNREFUSED 172.25.0.14:9555 (2024-10-30T12:24:08.703Z)', 'Last error: connect ECONNREFUSED <ip>:<n> (<time>)'],
    ['  many\n\tspaces  ', 'many spaces'],
    ['deadbeef is a word here', 'deadbeef is a word here'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeErrorText(input)).toBe(expected);
  });
});

describe('errorReason', () => {
  it('exception type first, normalized text otherwise, HTTP status kept as is', () => {
    expect(errorReason({ type: 'TimeoutError', text: 'after 5s', httpStatus: null, message: '' })).toBe('TimeoutError');
    expect(errorReason({ type: null, text: 'after 5003ms', httpStatus: 504, message: '' })).toBe('after <n>ms (HTTP 504)');
    expect(errorReason({ type: null, text: null, httpStatus: 503, message: '' })).toBe('HTTP 503');
    expect(errorReason({ type: null, text: null, httpStatus: null, message: null })).toBe('error');
  });
});

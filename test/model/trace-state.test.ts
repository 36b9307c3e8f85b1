/** W3C tracestate parsing (Trace Context §3.3, as the OpenTelemetry Go API validates it) and the ot entry. */
import { describe, expect, it } from 'vitest';
import { otSubKeys, parseTraceState, traceStateValue, withThreshold } from '../../src/model/trace-state.js';

describe('parseTraceState', () => {
  it('reads members in order; skips empty members; trims spaces and tabs around a member', () => {
    expect(parseTraceState('congo=t61rcWkgMzE,rojo=00f067aa0ba902b7')).toEqual([
      ['congo', 't61rcWkgMzE'],
      ['rojo', '00f067aa0ba902b7'],
    ]);
    expect(parseTraceState(' a=1 ,,\tb=2\t')).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
    expect(parseTraceState('tenant1@sys=x')).toEqual([['tenant1@sys', 'x']]);
    expect(parseTraceState('')).toEqual([]);
  });

  it('refuses a list that breaks a rule: no =, bad key, bad value, a key twice, more than 32 members', () => {
    for (const bad of ['novalue', 'Upper=1', '1abc=x', 'a=b=c', 'a=x,a=y', 'a=', 'a=tab\u0001', 'a=comma\u00e9']) expect(parseTraceState(bad)).toBeUndefined();
    const many = Array.from({ length: 33 }, (_, i) => `k${i}=v`).join(',');
    expect(parseTraceState(many)).toBeUndefined();
    expect(parseTraceState(many.split(',').slice(0, 32).join(','))).toHaveLength(32);
  });

  it('a value by key: "" when absent or when the list is invalid (as the trace_state policy sees it)', () => {
    expect(traceStateValue('vendor=gold,ot=th:c', 'vendor')).toBe('gold');
    expect(traceStateValue('vendor=gold', 'other')).toBe('');
    expect(traceStateValue('vendor=gold,vendor=silver', 'vendor')).toBe('');
  });
});

describe('the ot entry', () => {
  it('reads its sub-keys', () => {
    expect([...otSubKeys('ot=th:c;rv:6e6d1a75832a2f,x=y')]).toEqual([
      ['th', 'c'],
      ['rv', '6e6d1a75832a2f'],
    ]);
    expect(otSubKeys('ot=broken').size).toBe(0);
    expect(otSubKeys(undefined).size).toBe(0);
  });

  it('sets th first in the ot entry, moves the entry to the front, keeps the rest in order', () => {
    expect(withThreshold(undefined, 'c')).toBe('ot=th:c');
    expect(withThreshold('a=1,ot=rv:6e6d1a75832a2f;th:8;k1:13,b=2', 'c')).toBe('ot=th:c;rv:6e6d1a75832a2f;k1:13,a=1,b=2');
    // An invalid list cannot be kept as it is: the ot entry alone is written.
    expect(withThreshold('not a list', 'c')).toBe('ot=th:c');
  });
});

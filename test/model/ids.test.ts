import { describe, expect, it } from 'vitest';
import { fallbackId, normalizeParentId, normalizeSpanId, normalizeTraceId } from '../../src/model/ids.js';

describe('normalizeTraceId', () => {
  it.each([
    ['5B8EFFF798038103D269B633813FC60C', '5b8efff798038103d269b633813fc60c'], // OTLP example: upper case
    ['1', '0000000000000001'], // Zipkin producer dropped the zeros
    ['c26551047c72d19', '0c26551047c72d19'],
    ['463ac35c9f6413ad48485a3953bb612', '0463ac35c9f6413ad48485a3953bb612'], // 31 chars (jaeger-ui)
    ['00000000000000005b759b9624efee8b', '5b759b9624efee8b'], // 128-bit with a zero high half
    ['AAAAAAAAAABbdZuWJO/uiw==', '5b759b9624efee8b'], // Tempo base64, same id
    ['S/kvNXezTaajzpKdDg5HNg==', '4bf92f3577b34da6a3ce929d0e0e4736'],
    ['S_kvNXezTaajzpKdDg5HNg', '4bf92f3577b34da6a3ce929d0e0e4736'], // URL-safe, unpadded
  ])('%s → %s', (raw, want) => {
    expect(normalizeTraceId(raw)).toBe(want);
  });

  it.each([[''], ['xyz!'], ['0123456789abcdef0123456789abcdef0'], [42], [null], [undefined]])('rejects %j', (raw) => {
    expect(normalizeTraceId(raw)).toBeUndefined();
  });
});

describe('normalizeSpanId / normalizeParentId', () => {
  it('pads, lower-cases and decodes base64', () => {
    expect(normalizeSpanId('2')).toBe('0000000000000002');
    expect(normalizeSpanId('EEE19B7EC3C1B174')).toBe('eee19b7ec3c1b174');
    expect(normalizeSpanId('AAAAAAAAAAM=')).toBe('0000000000000003');
  });

  it('rejects a span id longer than 64 bits', () => {
    expect(normalizeSpanId('0123456789abcdef0')).toBeUndefined();
  });

  it('treats "", absent and all-zero parents as no parent', () => {
    expect(normalizeParentId('')).toBeUndefined();
    expect(normalizeParentId(undefined)).toBeUndefined();
    expect(normalizeParentId('0000000000000000')).toBeUndefined();
    expect(normalizeParentId('AAAAAAAAAAA=')).toBeUndefined();
    expect(normalizeParentId('86154a4ba6e91385')).toBe('86154a4ba6e91385');
  });

  it('keeps an invalid id as a lower-cased string', () => {
    expect(fallbackId('NotAnId')).toBe('notanid');
    expect(fallbackId(1234)).toBe('1234');
    expect(fallbackId({})).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { deprecatedCodeIsError, spanKindOf, statusCodeOf } from '../../../src/formats/otlp/enums.js';
import { spanStatusOf } from '../../../src/formats/otlp/status.js';

describe('spanKindOf', () => {
  it.each([
    [0, 'unspecified'],
    [1, 'internal'],
    [2, 'server'],
    [3, 'client'],
    [4, 'producer'],
    [5, 'consumer'],
    [6, 'unspecified'],
    [-1, 'unspecified'],
    [2.5, 'unspecified'],
    ['SPAN_KIND_PRODUCER', 'producer'],
    ['span_kind_client', 'client'],
    ['SERVER', 'server'],
    ['3', 'client'],
    ['SPAN_KIND_WHATEVER', 'unspecified'],
    [undefined, 'unspecified'],
    [null, 'unspecified'],
  ])('%j -> %s', (raw, kind) => {
    expect(spanKindOf(raw)).toBe(kind);
  });
});

describe('statusCodeOf', () => {
  it.each([
    [0, 'unset'],
    [1, 'ok'],
    [2, 'error'],
    [3, 'unset'],
    ['STATUS_CODE_ERROR', 'error'],
    ['STATUS_CODE_OK', 'ok'],
    ['error', 'error'],
    ['2', 'error'],
    ['STATUS_CODE_NOPE', 'unset'],
    [undefined, 'unset'],
  ])('%j -> %s', (raw, status) => {
    expect(statusCodeOf(raw)).toBe(status);
  });
});

describe('deprecatedCodeIsError', () => {
  it.each([
    [0, false],
    [2, true],
    [16, true],
    [17, false],
    ['DEPRECATED_STATUS_CODE_OK', false],
    ['DEPRECATED_STATUS_CODE_NOT_FOUND', true],
    ['5', true],
    ['banana', false],
    [undefined, false],
  ])('%j -> %s', (raw, isError) => {
    expect(deprecatedCodeIsError(raw)).toBe(isError);
  });
});

describe('spanStatusOf', () => {
  it.each([
    [{ code: 2, message: 'boom' }, { status: 'error', statusMessage: 'boom' }],
    [{ code: 2, message: '' }, { status: 'error' }],
    [{ code: 2, message: 42 }, { status: 'error' }],
    [{ code: 1, message: 'fine' }, { status: 'ok' }],
    [{ code: 0, deprecatedCode: 2, message: 'old' }, { status: 'error', statusMessage: 'old' }],
    [{ code: 1, deprecatedCode: 2 }, { status: 'ok' }],
    [{}, { status: 'unset' }],
    ['STATUS_CODE_ERROR', { status: 'unset' }],
    [null, { status: 'unset' }],
  ])('%j -> %j', (raw, expected) => {
    expect(spanStatusOf(raw)).toStrictEqual(expected);
  });
});

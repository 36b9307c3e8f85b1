/**
 * fixtures/why/search.jsonl is generated: the committed file must be what its generator writes, so
 * the documented examples on it can be reproduced and the generator edited with confidence.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript module without types (the fixture's generator has no build step)
import { searchDump } from '../../fixtures/why/generate.mjs';
import { ROOT } from '../helpers/cli.js';

describe('fixtures/why/search.jsonl', () => {
  it('is what fixtures/why/generate.mjs writes', () => {
    expect(readFileSync(`${ROOT}fixtures/why/search.jsonl`, 'utf8')).toBe((searchDump as () => string)());
  });
});

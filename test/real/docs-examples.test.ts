/**
 * The documented examples that read real dumps from ../shared/real-traces run here, in the real
 * tier, with the same rules as test/docs/examples.test.ts: a renamed or missing dump fails its
 * example (tracectl prints an error instead of the documented output).
 */
import { describe, expect, it } from 'vitest';
import { defineExampleTests, readDocExamples } from '../helpers/doc-examples.js';

const real = readDocExamples().examples.filter((e) => e.real);

describe('documented examples on real dumps', () => {
  it('exist (the docs show what tracectl does on real dumps)', () => {
    expect(real.length).toBeGreaterThan(0);
  });
  defineExampleTests(real);
});

/**
 * The real dumps the suites expect are the ones in the folder: a dump missing, renamed or added
 * without being listed in test/helpers/real-dumps.ts fails here by name.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXPECTED_DUMPS, REAL, dumpsInFolder } from '../helpers/real-dumps.js';

describe('the real dumps', () => {
  it('the folder exists (../shared/real-traces, or TRACECTL_REAL_TRACES)', () => {
    expect(existsSync(REAL), REAL).toBe(true);
    expect(existsSync(`${REAL}SOURCES.md`), `${REAL}SOURCES.md`).toBe(true);
  });

  it('holds exactly the listed dumps', () => {
    const found = dumpsInFolder();
    expect({ missing: EXPECTED_DUMPS.filter((d) => !found.includes(d)), unlisted: found.filter((d) => !EXPECTED_DUMPS.includes(d)) }).toEqual({ missing: [], unlisted: [] });
    expect(EXPECTED_DUMPS.length).toBe(50);
  });
});

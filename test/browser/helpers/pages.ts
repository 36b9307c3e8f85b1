/**
 * Reports for the browser suite, written by tracectl in this process into a temporary folder, and
 * what the page shows read back from the DOM (the exact figures are in data-value attributes).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { runCli } from '../../helpers/cli.js';

export const scratch = mkdtempSync(join(tmpdir(), 'tracectl-browser-'));
let serial = 0;

export async function writeReport(args: readonly string[], name = 'report.html'): Promise<string> {
  const path = join(scratch, `${serial++}-${name}`);
  const r = await runCli(['report', ...args, '-o', path, '-q']);
  expect(r.status, r.stderr).toBe(0);
  return path;
}

export async function commandJson<T>(args: readonly string[]): Promise<T> {
  const r = await runCli([...args, '--json', '-q']);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
}

/** A table's body as rows of cells: the exact value where a cell has one, else its text. */
export async function tableValues(page: Page, selector: string): Promise<(string | number)[][]> {
  return page.$$eval(`${selector} tbody tr`, (rows) =>
    rows.map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => {
        const v = (td as HTMLElement).dataset.value;
        return v !== undefined ? Number(v) : (td.textContent ?? '');
      }),
    ),
  );
}

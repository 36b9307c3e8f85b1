/** Fixture paths and a temp dir per test file for generated inputs (big inputs are never committed). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

export function fixture(path: string): string {
  return fileURLToPath(new URL(`../../../fixtures/${path}`, import.meta.url));
}

/** A temp dir removed after the test file; call at module level. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `tracectl-${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** `waterfall --json` rows as "depth spanId operation" lines: the tree a user sees. */
export function treeLines(json: string): string[] {
  const parsed = JSON.parse(json) as { spans: { spanId: string; depth: number; operation: string }[] };
  return parsed.spans.map((s) => `${'  '.repeat(s.depth)}${s.spanId} ${s.operation}`);
}

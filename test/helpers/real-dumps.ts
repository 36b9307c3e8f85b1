/** The real dumps in ../shared/real-traces (kept outside the project), for the real-traces suites. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REAL = fileURLToPath(new URL('../../../shared/real-traces/', import.meta.url));

/** Every dump file below `dir`, sorted, without recursion. */
export function dumpFiles(dir: string): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const d = stack.pop()!;
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) stack.push(path);
      else if (/\.(json|jsonl)(\.gz)?$/.test(name)) out.push(path);
    }
  }
  return out.sort();
}

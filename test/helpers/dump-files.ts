/** Dump files below a folder: what a suite walks to take every fixture. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every dump file (.json, .jsonl, optionally .gz) below `dir`, as absolute paths, sorted; no recursion in the walk. */
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

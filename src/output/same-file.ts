/**
 * Whether an output path names one of the inputs. Writing a conversion over its own input would
 * destroy the data being read (the rename at the end replaces it), so the command refuses. Paths are
 * compared resolved, and, when both exist, by device and inode, so `./a.json`, `a.json`, a symbolic
 * link and a hard link to the same file are all caught.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';

async function identity(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    return `${info.dev}:${info.ino}`;
  } catch {
    return undefined;
  }
}

/** The first input that is the same file as `output`, if any ("-" never matches). */
export async function inputAtOutput(output: string, inputs: readonly string[]): Promise<string | undefined> {
  if (output === '-') return undefined;
  const outPath = resolve(output);
  const outId = await identity(output);
  for (const input of inputs) {
    if (input === '-') continue;
    if (resolve(input) === outPath) return input;
    if (outId !== undefined && (await identity(input)) === outId) return input;
  }
  return undefined;
}

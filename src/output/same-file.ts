/**
 * Whether an output path names one of the inputs. Writing over an input would destroy the data being
 * read (the rename at the end replaces it), so commands refuse. Paths are compared resolved (against
 * the run's directory), and, when both exist, by device and inode, so `./a.json`, `a.json`, a
 * symbolic link and a hard link to the same file are all caught.
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

/** The first input (as given) that is the same file as `output`, if any ("-" never matches). */
export async function inputAtOutput(output: string, inputs: readonly string[], cwd: string): Promise<string | undefined> {
  if (output === '-') return undefined;
  const outPath = resolve(cwd, output);
  const outId = await identity(outPath);
  for (const input of inputs) {
    if (input === '-') continue;
    const inPath = resolve(cwd, input);
    if (inPath === outPath) return input;
    if (outId !== undefined && (await identity(inPath)) === outId) return input;
  }
  return undefined;
}
